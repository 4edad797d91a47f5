"""Tests of kiosk.control."""
