"""Thin widgets: each exposes set_*/retranslate slots and emits signals; app.py wires them."""
