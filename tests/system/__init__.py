"""Tests of kiosk.system."""
