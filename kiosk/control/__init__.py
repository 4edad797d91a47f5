"""Controllers: turn keys, taps and speech into session changes and back (keypad
navigation, read-aloud, lock-down, the staff desk). They use the views' meaning-level
API (`kiosk.ui.reading_order`), never a view's children."""
