"""Tests of kiosk.app."""
