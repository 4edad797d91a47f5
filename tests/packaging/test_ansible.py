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


def _tasks(path: Path) -> dict[str, str]:
    """Each task of a tasks file by its name: the task's text."""
    chunks = re.split(r"^- name: ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {chunk.split("\n", 1)[0]: chunk for chunk in chunks[1:]}


def test_a_content_archive_is_verified_on_the_kiosk_before_it_goes_live() -> None:
    # faq_kiosk_content_src may be a .faqbundle: main.yml accepts one, content.yml copies
    # the file, runs `faq-kiosk content verify` on the copy and stops on failure before
    # the check and the switch of the content link.
    main = (ROLE / "tasks" / "main.yml").read_text(encoding="utf-8")
    assert "faq_kiosk_content_src.endswith('.faqbundle')" in main
    tasks = _tasks(ROLE / "tasks" / "content.yml")
    names = list(tasks)
    verify = next(name for name in names if "content verify" in name)
    stop = next(name for name in names if name.startswith("Stop if the archive"))
    check = next(name for name in names if "faq-kiosk check --content" in name)
    switch = names.index("Switch the kiosk to the new bundle")
    assert names.index(verify) < names.index(stop) < names.index(check) < switch
    assert "'content', 'verify']" in tasks[verify]
    assert "+ [faq_kiosk_content_release]" in tasks[verify]
    assert "- faq_kiosk_content_archive" in tasks[verify]
    assert "faq_kiosk_content_verify.rc" in tasks[stop]
    assert "ansible.builtin.fail" in tasks[stop]
    release = next(
        name for name in names if name == "Name the release after the archive's checksum"
    )
    assert ".faqbundle" in tasks[release] and "checksum[:16]" in tasks[release]
    copy = next(name for name in names if name.startswith("Copy the bundle"))
    assert "faq_kiosk_content_src if faq_kiosk_content_archive" in tasks[copy]
    # Old archive releases are cleaned up like folders.
    assert "file_type: any" in tasks["Find older content releases (folders and archives)"]


def test_with_a_public_key_only_a_signed_archive_goes_live() -> None:
    # faq_kiosk_content_public_key: the signature is required before the copy, copied
    # beside the release, and given to the verify; config.toml names the key.
    tasks = _tasks(ROLE / "tasks" / "content.yml")
    names = list(tasks)
    unsigned = next(name for name in names if name.startswith("Stop before copying an unsigned"))
    copy = names.index("Copy the bundle into its release (a folder's files, or the archive file)")
    assert names.index(unsigned) < copy
    assert "not faq_kiosk_content_sig_stat.stat.exists" in tasks[unsigned]
    assert (
        'dest: "{{ faq_kiosk_content_release }}.sig"'
        in tasks["Copy the archive's signature beside its release"]
    )
    verify = next(name for name in names if "content verify" in name)
    assert "['--public-key', faq_kiosk_content_public_key]" in tasks[verify]
    template = (ROLE / "templates" / "config.toml.j2").read_text(encoding="utf-8")
    assert "content_public_key = {{ toml(faq_kiosk_content_public_key | string) }}" in template
    main = (ROLE / "tasks" / "main.yml").read_text(encoding="utf-8")
    assert "faq_kiosk_content_public_key is set, so faq_kiosk_content_src must be" in main
