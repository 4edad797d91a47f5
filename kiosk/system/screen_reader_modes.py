"""The config's `screen_reader` choices, without Qt: the config layer validates them,
and the config must load where PySide6 is not installed (the Ansible role's checks run
`kiosk.config` on the controller)."""

from __future__ import annotations

#: `screen_reader` in the config: follow detection, or behave as if one runs / none runs.
AUTO, ON, OFF = "auto", "on", "off"
SCREEN_READER_MODES = (AUTO, ON, OFF)
