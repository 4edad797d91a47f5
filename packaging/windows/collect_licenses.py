"""Copy the licence files of FAQ Kiosk's runtime dependencies into one folder.

The Windows installer ships that folder as `licenses\\python-packages`: the bundled
packages' licences (BSD, MIT, MPL, LGPL, ...) ask for their text to go along with
binaries. It walks the installed distributions' requirements from the root distribution
(markers evaluated for the running interpreter, so a Windows build gets the Windows-only
dependencies), copies each one's licence files from its .dist-info, and writes INDEX.txt
listing every distribution with its declared licence, including those that ship no
licence file (PySide6 and shiboken6 wheels have none: the installer carries the LGPL
text itself).

    python packaging/windows/collect_licenses.py --out build/windows/licenses faq-kiosk

Run it with the Python the program is built with; it uses only the standard library and
`packaging` (installed with pip, pytest and PyInstaller).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from packaging.requirements import Requirement

INDEX_NAME = "INDEX.txt"
_LICENCE_NAME = re.compile(r"^(licen[cs]e|copying|notice|authors)", re.IGNORECASE)


@dataclass(frozen=True)
class Collected:
    """One distribution: what it declares and which licence files were copied."""

    name: str
    version: str
    licence: str
    files: tuple[str, ...]


def normalise(name: str) -> str:
    """The PEP 503 form of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _field(dist: metadata.Distribution, name: str) -> list[str]:
    return [str(value) for value in dist.metadata.get_all(name) or []]


def declared_licence(dist: metadata.Distribution) -> str:
    """The licence a distribution's metadata declares, in one line."""
    expression = _field(dist, "License-Expression")
    if expression:
        return expression[0]
    classifiers = [
        c.split("::")[-1].strip() for c in _field(dist, "Classifier") if c.startswith("License ::")
    ]
    if classifiers:
        return "; ".join(classifiers)
    text = "\n".join(_field(dist, "License")).strip()
    return text.splitlines()[0] if text else "not declared"


def licence_files(dist: metadata.Distribution) -> list[PurePosixPath]:
    """The licence files recorded in a distribution's .dist-info."""
    found = []
    for entry in dist.files or []:
        path = PurePosixPath(str(entry))
        info = [i for i, part in enumerate(path.parts) if part.endswith(".dist-info")]
        if not info:
            continue
        inside = path.parts[info[0] + 1 :]
        in_folder = len(inside) > 1 and inside[0] in ("licenses", "license_files")
        if in_folder or (len(inside) == 1 and _LICENCE_NAME.match(inside[0])):
            found.append(path)
    return sorted(found)


def runtime_closure(roots: list[str]) -> list[metadata.Distribution]:
    """*roots* and everything they require at run time here, each once, sorted by name."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(roots)
    while todo:
        name = normalise(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if not seen and name == normalise(roots[0]):
                raise
            print(f"collect_licenses: {name} is required but not installed; skipped")
            continue
        seen[name] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return [seen[name] for name in sorted(seen)]


def _clear(out: Path) -> None:
    if not out.exists():
        return
    if any(out.iterdir()) and not (out / INDEX_NAME).is_file():
        raise SystemExit(f"collect_licenses: {out} is not empty and not made by this script")
    shutil.rmtree(out)


def collect(roots: list[str], out: Path) -> list[Collected]:
    """Copy the licence files of *roots* and their dependencies into *out* (emptied first)."""
    dists = runtime_closure(roots)
    _clear(out)
    out.mkdir(parents=True)
    collected = []
    for dist in dists:
        name, version = _field(dist, "Name")[0], dist.version
        target = out / f"{normalise(name)}-{version}"
        copied = []
        for relative in licence_files(dist):
            source = Path(str(dist.locate_file(str(relative))))
            if not source.is_file():
                continue
            target.mkdir(exist_ok=True)
            shutil.copyfile(source, target / relative.name)
            copied.append(relative.name)
        collected.append(Collected(name, version, declared_licence(dist), tuple(copied)))
    python_licence = Path(sys.base_prefix) / "LICENSE.txt"  # python.org's Windows builds
    if python_licence.is_file():
        target = out / f"python-{sys.version.split()[0]}"
        target.mkdir()
        shutil.copyfile(python_licence, target / python_licence.name)
        collected.append(Collected("Python", sys.version.split()[0], "PSF-2.0", ("LICENSE.txt",)))
    (out / INDEX_NAME).write_text(index_text(collected), encoding="utf-8")
    return collected


def index_text(collected: list[Collected]) -> str:
    """INDEX.txt: one block per distribution."""
    lines = [
        "Python packages bundled in FAQ Kiosk, with the licence each declares.",
        "Each folder here holds the licence files the package ships.",
        "Packages marked (no licence file) ship none; see THIRD-PARTY-NOTICES.txt.",
        "",
    ]
    for item in collected:
        files = ", ".join(item.files) if item.files else "(no licence file)"
        lines.append(f"{item.name} {item.version}: {item.licence}")
        lines.append(f"    {files}")
    return "\r\n".join(lines) + "\r\n"  # read on Windows, in Notepad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="folder to fill (emptied)")
    parser.add_argument("roots", nargs="*", default=["faq-kiosk"], help="root distributions")
    options = parser.parse_args(argv)
    try:
        collected = collect(options.roots or ["faq-kiosk"], options.out)
    except metadata.PackageNotFoundError as error:
        print(f"collect_licenses: {error} is not installed", file=sys.stderr)
        return 1
    without = [c.name for c in collected if not c.files]
    print(
        f"collect_licenses: {len(collected)} distributions into {options.out}; "
        f"without a licence file: {', '.join(without) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
