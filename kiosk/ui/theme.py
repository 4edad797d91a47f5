"""Colours, type sizes and the application style sheet, for both themes.

The palettes are chosen for WCAG 2.2 AAA text contrast (≥ 7:1, 1.4.6) and ≥ 3:1 for
control boundaries and the focus ring (1.4.11); tests/ui/test_theme.py computes every
pair. Sizes scale with the visitor's text size (100–200 %).
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "Noto Sans"
#: WCAG 2.2 contrast minimums: text (AAA, 1.4.6) and boundaries/focus (1.4.11).
MIN_TEXT_CONTRAST, MIN_BOUNDARY_CONTRAST = 7.0, 3.0
BODY_PX = 32  # ADA 707.7.2: body text ≥ 32 px (docs/architecture.md, Accessibility)
TITLE_PX = 48
WELCOME_PX = 40
PHONE_PX = 56
TARGET_PX = 88  # minimum touch target, shorter side
CHROME_MAX_SIZE = 125  # toolbar, language and scroll buttons grow to 125 % at most
FOCUS_PX = 4
GAP_PX = 12  # between targets (≥ 8 px)


@dataclass(frozen=True)
class Palette:
    """Named colours of one theme (hex strings)."""

    name: str
    background: str
    text: str
    secondary_text: str
    card: str
    border: str
    button: str
    button_checked: str
    checked_border: str
    pressed: str
    focus_ring: str
    focus_fill: str
    speech_band: str  # behind the sentence being read aloud (with an underline)

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every place text is drawn."""
        return [
            ("text on background", self.text, self.background),
            ("secondary text on background", self.secondary_text, self.background),
            ("text on card", self.text, self.card),
            ("secondary text on card", self.secondary_text, self.card),
            ("button text", self.text, self.button),
            ("checked button text", self.text, self.button_checked),
            ("pressed button text", self.text, self.pressed),
            ("focused button text", self.text, self.focus_fill),
            ("sentence being read", self.text, self.speech_band),
        ]

    def boundary_pairs(self) -> list[tuple[str, str, str]]:
        """(what, colour, neighbour) for control boundaries and the focus ring (≥ 3:1)."""
        return [
            ("button border on background", self.border, self.background),
            ("button border on card", self.border, self.card),
            ("checked border on background", self.checked_border, self.background),
            ("focus ring on background", self.focus_ring, self.background),
            ("focus ring on card", self.focus_ring, self.card),
            ("focus ring on focused fill", self.focus_ring, self.focus_fill),
        ]


STANDARD = Palette(
    name="standard",
    background="#F4F1EA",
    text="#141414",
    secondary_text="#3A3A3A",
    card="#FFFFFF",
    border="#4A4A4A",
    button="#FFFFFF",
    button_checked="#D6E4FF",
    checked_border="#0B3D91",
    pressed="#E2E2E2",
    focus_ring="#A33C00",
    focus_fill="#FFF0C2",
    speech_band="#FFE066",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    background="#000000",
    text="#FFFFFF",
    secondary_text="#F0F0F0",
    card="#101010",
    border="#FFFFFF",
    button="#000000",
    button_checked="#003366",
    checked_border="#FFFF00",
    pressed="#333333",
    focus_ring="#00FFFF",
    focus_fill="#00363A",
    speech_band="#4D4200",
)


def palette_for(high_contrast: bool) -> Palette:
    """The palette of the standard or high-contrast theme."""
    return HIGH_CONTRAST if high_contrast else STANDARD


SRGB_LINEAR_LIMIT = 0.04045  # sRGB: below it a channel is linear


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #RRGGBB colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= SRGB_LINEAR_LIMIT else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours (1.0 to 21.0)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def scaled(px: int, text_size: int) -> int:
    """*px* at *text_size* percent."""
    return round(px * text_size / 100)


# Type roles (a WrapLabel's "role" property): pixel size at 100 % (None: the body
# size) and weight. Sizes are set as fonts by kiosk/ui/text_size.py, not in the style
# sheet, so that a text size change re-sizes fonts instead of re-polishing every widget.
ROLE_FONTS: dict[str, tuple[int | None, bool]] = {
    "title": (TITLE_PX, True),
    "welcome": (WELCOME_PX, False),
    "welcome-title": (WELCOME_PX, True),
    "phone": (PHONE_PX, True),
    "question": (None, True),
}


def style_sheet(palette: Palette) -> str:
    """The application style sheet for *palette*: colours, borders and target sizes.
    Fonts are not in it (see ROLE_FONTS)."""
    p = palette
    return f"""
QWidget {{ color: {p.text}; }}
QWidget#KioskWindow, QWidget#Screen, QScrollArea, QWidget#ScrollContent {{
    background: {p.background};
}}
QScrollArea {{ border: none; }}
QLabel {{ background: transparent; }}
QLabel[role="secondary"] {{ color: {p.secondary_text}; }}
QFrame[role="card"] {{
    background: {p.card};
    border: 2px solid {p.border};
    border-radius: 12px;
}}
QFrame[role="answer"] {{
    background: {p.card};
    border: none;
    border-left: 6px solid {p.checked_border};
}}
QFrame[role="notice"] {{
    background: {p.card};
    border: 6px solid {p.checked_border};
    border-radius: 12px;
}}
QFrame[role="notice"]:focus {{ background: {p.focus_fill}; border-color: {p.focus_ring}; }}
QFrame[role="overlay"] {{ background: rgba(0, 0, 0, 150); }}
QFrame[role="attract"] {{ background: {p.background}; }}
Glyph {{ color: {p.text}; }}
TextButton {{
    outline: none;  /* the style's own dotted focus frame; the 4 px ring replaces it */
    background: {p.button};
    border: {FOCUS_PX}px solid {p.border};
    border-radius: 12px;
    min-height: {TARGET_PX - 2 * FOCUS_PX}px;
    min-width: {TARGET_PX - 2 * FOCUS_PX}px;
}}
TextButton:checked, TextButton[primary="true"], TextButton[expanded="true"] {{
    background: {p.button_checked};
    border-color: {p.checked_border};
}}
TextButton:pressed {{ background: {p.pressed}; }}
TextButton:focus {{ background: {p.focus_fill}; border-color: {p.focus_ring}; }}
TextButton:disabled {{ border-style: dashed; }}
QLabel:focus, QFrame[role="card"]:focus {{
    background: {p.focus_fill};
    border: {FOCUS_PX}px solid {p.focus_ring};
}}
QLabel[nav="current"] {{
    background: {p.focus_fill};
    border: {FOCUS_PX}px solid {p.focus_ring};
    border-radius: 8px;
}}
QScrollBar:vertical {{ width: 24px; background: {p.background}; }}
QScrollBar::handle:vertical {{ background: {p.border}; min-height: 60px; border-radius: 8px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""
