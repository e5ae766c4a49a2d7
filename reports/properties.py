"""``environment.properties`` as Allure reads it (Java properties, ``\\uXXXX`` escapes).

Written ASCII-only so that any properties reader (Allure 2 or 3) gets the Vietnamese right.
"""

from __future__ import annotations

from pathlib import Path

_SIMPLE = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f"}
_KEY_SPECIAL = {"=": "\\=", ":": "\\:", " ": "\\ ", "#": "\\#", "!": "\\!"}


def _escape(text: str, *, key: bool) -> str:
    out: list[str] = []
    for char in text:
        if char in _SIMPLE:
            out.append(_SIMPLE[char])
        elif key and char in _KEY_SPECIAL:
            out.append(_KEY_SPECIAL[char])
        elif ord(char) < 0x20 or ord(char) > 0x7E:
            for unit in range(0, len(encoded := char.encode("utf-16-be")), 2):
                out.append(f"\\u{int.from_bytes(encoded[unit : unit + 2], 'big'):04x}")
        else:
            out.append(char)
    return "".join(out)


def dumps(values: dict[str, str]) -> str:
    return "".join(f"{_escape(k, key=True)}={_escape(v, key=False)}\n" for k, v in values.items())


def write(path: Path, values: dict[str, str]) -> None:
    path.write_text(dumps(values), encoding="ascii")


def _unescape(text: str) -> str:
    out: list[str] = []
    units: list[int] = []  # UTF-16 code units of consecutive \\u escapes (surrogate pairs)
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u" and i + 6 <= len(text):
                units.append(int(text[i + 2 : i + 6], 16))
                i += 6
                continue
            out.append(_flush(units))
            out.append({"n": "\n", "r": "\r", "t": "\t", "f": "\f"}.get(nxt, nxt))
            i += 2
            continue
        out.append(_flush(units))
        out.append(char)
        i += 1
    out.append(_flush(units))
    return "".join(out)


def _flush(units: list[int]) -> str:
    if not units:
        return ""
    data = b"".join(u.to_bytes(2, "big") for u in units)
    units.clear()
    return data.decode("utf-16-be", errors="replace")


def loads(text: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.lstrip()
        if not line or line[0] in "#!":
            continue
        split = None
        i = 0
        while i < len(line):
            if line[i] == "\\":
                i += 2
                continue
            if line[i] in "=:":
                split = i
                break
            i += 1
        key, value = (line, "") if split is None else (line[:split], line[split + 1 :])
        result[_unescape(key.rstrip())] = _unescape(value.lstrip())
    return result


def read(path: Path) -> dict[str, str]:
    return loads(path.read_text(encoding="utf-8", errors="replace"))
