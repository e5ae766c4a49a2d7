"""SHA-256 manifest of the evidence bundle (docs/report.md, "The evidence bundle").

The format is ``sha256sum``'s (``<hex>  <path>``, one line per file), paths relative to
the repository root when inside it, so ``sha256sum -c reports/compliance/manifest.sha256``
run from the root checks it too. Two parts, in this order:
1. the evidence: every file of every results folder and of the Allure report (sorted);
   the SHA-256 of these lines (``evidence_hash``) is written into summary.json, and so
   into summary.html and bien-ban.pdf;
2. the record: summary.json, summary.html, bien-ban.pdf, which carry that hash.
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


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_manifest(
    evidence_text: str, record: list[Path], manifest: Path, root: Path = ROOT
) -> str:
    """Write the manifest: the evidence lines, then the record's; return its own SHA-256."""
    manifest.parent.mkdir(parents=True, exist_ok=True)
    text = evidence_text + manifest_text(record, root)
    manifest.write_text(text, encoding="utf-8")
    return text_hash(text)


class ManifestError(ValueError):
    pass


HEX = set("0123456789abcdef")


def parse_manifest(manifest: Path) -> dict[str, str]:
    """name → SHA-256, in the manifest's order; a damaged manifest is a ManifestError."""
    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{display(manifest)}: không đọc được ({exc})") from None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not set(digest) <= HEX or not name:
            raise ManifestError(
                f"{display(manifest)}, dòng {number}: không phải dòng sha256sum: {line[:80]!r}"
            )
        entries[name] = digest
    return entries


def evidence_hash(entries: dict[str, str], record: set[str]) -> str:
    """The SHA-256 of the manifest's evidence lines (those not naming a ``record`` file),
    as the builder wrote them."""
    return text_hash("".join(f"{d}  {n}\n" for n, d in entries.items() if n not in record))


@dataclass
class Check:
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.added)


def check_manifest(
    entries: dict[str, str],
    folders: list[Path],
    root: Path = ROOT,
    ignore: frozenset[str] | set[str] = frozenset(),
) -> Check:
    """Compare the files listed in the manifest and the files now in ``folders``."""
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
    check.added = sorted(present - set(entries) - ignore)
    return check
