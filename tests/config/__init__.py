"""Tests of kiosk.config."""
