"""The FAQ content bundle: its model, loading and validation. No Qt widgets here."""

from kiosk.content.loader import BundleInvalidError, load_bundle, source_hash
from kiosk.content.model import ContentBundle, Link, Question

__all__ = ["BundleInvalidError", "ContentBundle", "Link", "Question", "load_bundle", "source_hash"]
