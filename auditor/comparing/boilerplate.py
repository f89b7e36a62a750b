"""Boilerplate: text every report may repeat without it being reuse.

Two sources. The pack ships a short list of phrases the reports are expected to share (the
guiding-thought formula, the mandated part headings); it lives in ``boilerplate.yaml`` in the pack
folder, next to pack.yaml. A batch adds what it learns itself: sentences shared by many reports
(``learned``, hashes of unit keys). Phrases are cut out of a sentence before it is compared; a
sentence that is nothing but boilerplate then falls under the minimum length and is skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from auditor.comparing.units import reuse_key
from auditor.errors import AuditorError

FILE = "boilerplate.yaml"
KEYS = ("phrases",)
MIN_PHRASE = 4


def key_hash(key: str) -> int:
    """A stable 63-bit hash of a unit key: the same in every worker process (unlike hash())."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little") >> 1


@dataclass(frozen=True)
class Boilerplate:
    phrases: tuple[str, ...] = ()  # reuse keys, longest first so a long phrase wins over its part
    learned: frozenset[int] = frozenset()  # key_hash of sentences a batch found in many reports

    def strip(self, key: str) -> str:
        for phrase in self.phrases:
            if phrase in key:
                key = key.replace(phrase, "")
        return key

    def is_learned(self, key: str) -> bool:
        return bool(self.learned) and key_hash(key) in self.learned

    def with_learned(self, hashes: Iterable[int]) -> Boilerplate:
        return Boilerplate(self.phrases, frozenset(hashes))


def _fail(path: Path, line: int | None, message: str) -> AuditorError:
    return AuditorError(message, str(path), line)


def load_boilerplate(pack_path: str | Path | None) -> Boilerplate:
    """The pack's boilerplate list; an absent file means no phrases (the file is optional).

    Values come from ``yaml.safe_load``; the node tree (same safe loader) only supplies the line
    numbers of the ``file:line`` errors.
    """
    if pack_path is None:
        from auditor.packs import default_pack_path

        pack_path = default_pack_path()
    folder = Path(pack_path)
    path = (folder if folder.is_dir() else folder.parent) / FILE
    if not path.is_file():
        return Boilerplate()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as exc:
        raise _fail(path, None, f"cannot read boilerplate list: {exc}") from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, mark.line + 1 if mark else None, f"YAML syntax error: {exc}") from None
    if data is None:
        return Boilerplate()
    if not isinstance(data, dict):
        raise _fail(path, 1, "expected a mapping with the key 'phrases'")
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    values = {k.value: v for k, v in node.value}
    for key in data:
        if key not in KEYS:
            raise _fail(path, lines.get(key), f"unknown key '{key}' (known: {', '.join(KEYS)})")
    raw = data.get("phrases") or []
    if not isinstance(raw, list):
        raise _fail(path, lines.get("phrases"), "'phrases' must be a list of strings")
    entries = values["phrases"].value if "phrases" in values else []
    phrases = []
    for entry, item in zip(entries, raw, strict=True):
        line = entry.start_mark.line + 1
        if not isinstance(item, str):
            raise _fail(path, line, f"each phrase must be a string, not {item!r}")
        from auditor.reading.normalize import norm

        key = reuse_key(norm(item))
        if len(key) < MIN_PHRASE:
            raise _fail(path, line, f"phrase {item!r} is too short (at least {MIN_PHRASE} characters)")
        phrases.append(key)
    return Boilerplate(tuple(sorted(set(phrases), key=len, reverse=True)))


def boilerplate_problems(paths: list[str]) -> list[str]:
    """`auditor rules validate`: the boilerplate list of each pack folder given, as file:line lines."""
    out = []
    for raw in paths:
        folder = Path(raw)
        if (folder.is_dir() and (folder / FILE).is_file()) or folder.name == FILE:
            try:
                load_boilerplate(folder if folder.is_dir() else folder.parent)
            except AuditorError as exc:
                out.append(str(exc))
    return out
