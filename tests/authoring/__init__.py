"""Tests of kiosk.authoring."""
