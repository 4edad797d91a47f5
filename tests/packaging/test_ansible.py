"""The Ansible role in packaging/ansible/ keeps up with the kiosk's config schema.

Ansible itself is tested by packaging/ansible/test.sh (lint, a real run of the role's
config and content tasks, a --check run); these checks are quick and need no Ansible:

* the config template writes every key of `kiosk.config.SCHEMA`, in its table, and no
  key the schema does not know (the kiosk would report it as unknown);
* every role variable the template uses has a default, and every default is type-checked
  by meta/argument_specs.yml;
* the example group_vars keep the PIN hash in Vault, never in clear.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config import SCHEMA, Setting

ANSIBLE = Path(__file__).resolve().parents[2] / "packaging" / "ansible"
ROLE = ANSIBLE / "roles" / "faq_kiosk"
TEMPLATE = ROLE / "templates" / "config.toml.j2"

_HEADER = re.compile(r"^\[([A-Za-z0-9_.-]+)\]$")
_KEY = re.compile(r"^([A-Za-z0-9_-]+) = ")


def _template_keys() -> dict[str, set[str]]:
    """Keys per table ("" = top level) as the template writes them (Jinja lines skipped)."""
    tables: dict[str, set[str]] = {"": set()}
    table = ""
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        if header := _HEADER.match(line):
            table = header.group(1)
            tables.setdefault(table, set())
        elif key := _KEY.match(line):
            tables[table].add(key.group(1))
    return tables


def _variables(path: Path, indent: str = "") -> set[str]:
    pattern = re.compile(rf"^{indent}(faq_kiosk_\w+):", re.MULTILINE)
    return set(pattern.findall(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("setting", SCHEMA, ids=lambda setting: setting.key)
def test_template_writes_every_setting(setting: Setting) -> None:
    tables = _template_keys()
    if setting.kind is dict:
        assert setting.key in tables, f"config.toml.j2 has no [{setting.key}] table"
    else:
        table, _, name = setting.key.rpartition(".")
        assert name in tables.get(table, set()), f"config.toml.j2 does not write {setting.key}"


def test_template_writes_no_unknown_key() -> None:
    known = {setting.key for setting in SCHEMA}
    dict_tables = {setting.key for setting in SCHEMA if setting.kind is dict}
    for table, keys in _template_keys().items():
        if table in dict_tables:  # free-form tables: their keys are data (link ids, ...)
            continue
        for key in keys:
            dotted = f"{table}.{key}" if table else key
            assert dotted in known, f"config.toml.j2 writes {dotted}, which the kiosk does not know"


def test_every_variable_has_a_default_and_a_type() -> None:
    used = set(re.findall(r"faq_kiosk_\w+", TEMPLATE.read_text(encoding="utf-8")))
    defaults = _variables(ROLE / "defaults" / "main.yml")
    specs = _variables(ROLE / "meta" / "argument_specs.yml", indent=" {6}")
    assert used <= defaults, f"no default for {sorted(used - defaults)}"
    assert defaults == specs, (
        f"defaults without a type in argument_specs.yml: {sorted(defaults - specs)}; "
        f"types without a default: {sorted(specs - defaults)}"
    )


def test_example_pin_hashes_are_vaulted() -> None:
    for path in sorted((ANSIBLE / "group_vars").glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("faq_kiosk_pin_hash:"):
                assert line.split(":", 1)[1].strip() in ("!vault |", '""'), (
                    f"{path.name}: faq_kiosk_pin_hash must be encrypted with ansible-vault"
                )
