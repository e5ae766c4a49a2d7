"""SHA-256 manifest of the evidence: every file of every results folder.

The format is ``sha256sum``'s (``<hex>  <path>``, one line per file, sorted), paths
relative to the repository root when inside it, so ``sha256sum -c
reports/compliance/manifest.sha256`` run from the root checks it too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def display(path: Path, root: Path = ROOT) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return resolved.as_posix()


def resolve(entry: str, root: Path = ROOT) -> Path:
    path = Path(entry)
    return path if path.is_absolute() else root / path


def manifest_text(files: list[Path], root: Path = ROOT) -> str:
    lines = sorted(f"{sha256_file(f)}  {display(f, root)}" for f in files)
    return "".join(f"{line}\n" for line in lines)


def write_manifest(files: list[Path], manifest: Path, root: Path = ROOT) -> str:
    """Write the manifest; return its own SHA-256 (recorded in summary.json)."""
    manifest.parent.mkdir(parents=True, exist_ok=True)
    text = manifest_text(files, root)
    manifest.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_manifest(manifest: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise ValueError(f"{manifest}:{number}: not a sha256sum line: {line!r}")
        entries[name] = digest
    return entries


@dataclass
class Check:
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.added)


def check_manifest(manifest: Path, folders: list[Path], root: Path = ROOT) -> Check:
    """Compare the files listed in ``manifest`` and the files now in ``folders``."""
    entries = parse_manifest(manifest)
    check = Check()
    for name, digest in entries.items():
        path = resolve(name, root)
        if not path.is_file():
            check.missing.append(name)
            continue
        check.checked += 1
        if sha256_file(path) != digest:
            check.changed.append(name)
    present = {display(p, root) for folder in folders for p in folder.rglob("*") if p.is_file()}
    check.added = sorted(present - set(entries))
    return check
