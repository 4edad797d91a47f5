"""Content authoring for the people who own the FAQ: a district's communications office
and its translators. `faq-kiosk content …` (kiosk/cli/content.py) runs these.

Each module turns what staff already use into a `ContentBundle` and back: spreadsheets
(`sheets`), Word and Markdown documents (`documents`), translators' XLIFF and PO files
(`exchange`), the plain-language check (`review`) and the one-file archive
(`kiosk.content.archive`, below, because the kiosk itself reads it). Every bundle is
written by `kiosk.content.writer`, so source hashes and review states are never made
by hand.

The layer below the command line: it may use the kiosk's content, config and system
layers (and the app, to render a preview); nothing of the running kiosk imports it.
"""
