"""Loaded packs remembered: in the process, and on disk between processes.

Checking a pack's YAML (PyYAML's import, composing every file, the schema checks, resolving
`extends`) is ~50 ms of a ~0.4 s cold `auditor audit`. The pack it yields depends only on the
pack files and on the code that reads them, so the result is kept as JSON in the user's cache
folder and reused while neither has changed.

Where: ``$AUDITOR_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/auditor`` (``%LOCALAPPDATA%`` on
Windows), else ``~/.cache/auditor``. ``AUDITOR_NO_CACHE=1`` turns the disk cache off.

When an entry is used: it names the pack as it was asked for (the path string, since rule file
paths are reported as given), the code that built it (format, auditor version, Python version
and the source of auditor/packs/ and model.py, so a changed reader never sees an old result),
the BLAKE2b digest of every rule file of every folder of the `extends` chain (the list of *.yaml/*.yml
names included, so an added or removed file counts), and where each `extends` link led. All of
it is checked again on every use; anything different, and the pack is checked from its YAML
and the entry rewritten. Only packs without problems are stored: a broken pack is validated
every time, so its problems are always reported, in the language of the moment.

Trust: an entry is JSON, never pickle, so reading one cannot run code. It is read as untrusted
data: only the spec classes below can be built, every field must have the type its class
declares, and a file that is not such an entry (truncated, foreign, from another version,
unreadable) is ignored and replaced, never an error. What the check cannot tell is an entry
written on purpose to carry other rules under the right fingerprints; whoever can write the
cache folder (the user's own, created 0700) can equally edit the pack or the environment, as
with any tool's user cache. ``auditor rules validate`` never uses the cache.

Writes are atomic (a temporary file in the same folder, then os.replace); a folder that cannot
be written only means nothing is kept.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from auditor import __version__
from auditor.packs.spec import Example, Facet, Match, Pack, PackRef, Rule

try:  # hashlib's own blake2b, without hashlib's loading of OpenSSL (~4 ms of a cold start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 1
ENV_DIR = "AUDITOR_CACHE_DIR"
ENV_OFF = "AUDITOR_NO_CACHE"
PREFIX = "pack-"
KEEP = 64  # entries kept in the folder
MAX_ENTRY = 64 << 20  # bytes; the shipped pack's entry is ~0.1 MB
_CLASSES: dict[str, type] = {c.__name__: c for c in (Pack, PackRef, Rule, Match, Facet, Example)}
_RULE_FILES = (".yaml", ".yml")

# An `extends` link: (the ref as written, the folder it is read from, where it led)
Link = tuple[str, str, str]


def cache_dir() -> Path | None:
    """The folder entries live in, None when the disk cache is off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get(ENV_DIR, "").strip()
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        base = os.environ.get("LOCALAPPDATA", "") if sys.platform == "win32" else ""
    if base:
        return Path(base) / "auditor"
    try:
        return Path.home() / ".cache" / "auditor"
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry (a bare container)
        return None


def _digest(data: bytes = b"") -> blake2b:
    return blake2b(data, digest_size=32)


@lru_cache(maxsize=1)
def code_key() -> str:
    """What in the code decides the Pack a set of YAML files becomes."""
    h = _digest(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    here = Path(__file__).resolve().parent
    for src in [*sorted(here.glob("*.py")), here.parent / "model.py"]:
        try:
            h.update(src.name.encode() + b"\0" + src.read_bytes() + b"\0")
        except OSError:
            h.update(src.name.encode() + b"\0?\0")
    return h.hexdigest()


def _files(place: str) -> list[list[str]]:
    """[name, digest] of every rule file of a pack folder (or of the single area file)."""
    path = Path(place)
    if path.is_dir():
        found = sorted(e.name for e in os.scandir(path) if e.name.endswith(_RULE_FILES) and e.is_file())
        return [[name, _digest((path / name).read_bytes()).hexdigest()] for name in found]
    return [[path.name, _digest(path.read_bytes()).hexdigest()]]


def _stats(places: Sequence[str]) -> tuple:
    """Cheap change detection within one process: names, sizes and mtimes."""
    out = []
    for place in places:
        path = Path(place)
        if path.is_dir():
            out.append(tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size)
                                    for e in os.scandir(path) if e.name.endswith(_RULE_FILES))))
        else:
            st = path.stat()
            out.append(((path.name, st.st_mtime_ns, st.st_size),))
    return tuple(out)


Locate = Callable[[str, Path], "Path | None"]


def _links_hold(links: Sequence[Sequence[str]], locate: Locate) -> bool:
    return all(str(locate(ref, Path(base))) == found for ref, base, found in links)


# target -> (places, links, stats, pack): the same Pack object while nothing changed, which
# also keeps matching's compiled-pack cache hitting by identity.
_memo: dict[tuple[str, str], tuple[tuple[str, ...], tuple[Link, ...], tuple, Pack]] = {}


def _memo_key(target: Path) -> tuple[str, str]:
    # The path as given (the Pack reports it) and where it leads (a relative path read from
    # another working folder is another pack; stats alone would not tell).
    return str(target), os.path.realpath(target)


def recall(target: Path, locate: Locate) -> Pack | None:
    """The pack for ``target`` if one is remembered and still current, else None."""
    name = _memo_key(target)
    held = _memo.get(name)
    try:
        if held is not None:
            places, links, stats, pack = held
            if _stats(places) == stats and _links_hold(links, locate):
                return pack
            del _memo[name]
        entry = _read(target)
        if entry is None:
            return None
        places = tuple(f["path"] for f in entry["folders"])
        links = tuple(tuple(link) for link in entry["links"])
        stats = _stats(places)  # before hashing: a file changed meanwhile is not remembered as current
        if any(_files(f["path"]) != f["files"] for f in entry["folders"]) \
                or not _links_hold(links, locate):
            return None
        pack = entry["pack"]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    _memo[name] = (places, links, stats, pack)  # type: ignore[assignment]
    return pack


def keep(target: Path, places: Sequence[str], links: Sequence[Link], pack: Pack, locate: Locate) -> None:
    """Remember a pack just built from ``places`` (the folders of its chain, child first)."""
    try:
        stats = _stats(places)
        folders = [{"path": p, "files": _files(p)} for p in places]
        if _stats(places) != stats:
            return  # edited while we read it: keep nothing rather than a mix
    except OSError:
        return
    _memo[_memo_key(target)] = (tuple(places), tuple(links), stats, pack)
    folder = cache_dir()
    if folder is None:
        return
    try:
        entry = {"format": FORMAT, "code": code_key(), "target": str(target), "folders": folders,
                 "links": [list(link) for link in links], "pack": _encode(pack)}
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        _write(folder, _entry_name(target), text)
    except (OSError, ValueError, TypeError, UnicodeError):
        pass  # an unwritable cache folder (or a file name it refuses) only costs the next run's time


def _entry_name(target: Path) -> str:
    h = _digest(f"{code_key()}\0{target}".encode()).hexdigest()
    return f"{PREFIX}{code_key()[:12]}-{h[:24]}.json"


def _read(target: Path) -> dict | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / _entry_name(target), "rb") as f:
            raw = f.read(MAX_ENTRY + 1)
    except OSError:
        return None
    if len(raw) > MAX_ENTRY:  # no pack is that big: not ours, and not worth the memory
        return None
    try:
        entry = json.loads(raw.decode("utf-8"))
        if not (isinstance(entry, dict) and entry.get("format") == FORMAT
                and entry.get("code") == code_key() and entry.get("target") == str(target)):
            return None
        folders, links = entry["folders"], entry["links"]
        if not (isinstance(folders, list) and folders and isinstance(links, list)
                and all(isinstance(f, dict) and isinstance(f.get("path"), str)
                        and isinstance(f.get("files"), list) for f in folders)
                and all(isinstance(x, list) and len(x) == 3 and all(isinstance(s, str) for s in x)
                        for x in links)):
            return None
        entry["pack"] = _decode(entry["pack"], "Pack")
    except (ValueError, TypeError, KeyError, RecursionError, _Bad):
        return None
    return entry


def _write(folder: Path, name: str, text: str) -> None:
    import tempfile  # only when writing

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, folder / name)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    # Bounded: every pack path and every auditor version makes its own entry; the oldest go.
    entries = sorted(folder.glob(f"{PREFIX}*.json"), key=_age)
    for old in entries[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            pass


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {"@": type(value).__name__}
        out.update((f.name, _encode(getattr(value, f.name))) for f in dataclasses.fields(value))
        return out
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, frozenset):
        return sorted(value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(type(value).__name__)  # a spec field of a new kind: nothing is cached


class _Bad(Exception):
    """The entry does not have the shape the spec classes declare."""


_SCALARS: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "bool": (bool,),
                                         "float": (float, int)}


def _decode(value: object, kind: str) -> object:
    """``value`` as the declared type ``kind`` (a dataclass field's annotation), or _Bad."""
    return _reader(kind)(value)


@lru_cache(maxsize=64)
def _reader(kind: str) -> Callable[[object], object]:
    """A function reading one JSON value as ``kind``, made once per annotation: reading an
    entry is ~10,000 values, so the annotation is not parsed again for each."""
    if kind.endswith(" | None"):
        inner = _reader(kind[:-7])
        return lambda v: None if v is None else inner(v)
    for outer, end, make in (("tuple[", ", ...]", tuple), ("frozenset[", "]", frozenset)):
        if kind.startswith(outer) and kind.endswith(end):
            item = _reader(kind[len(outer):-len(end)])
            return lambda v, make=make, item=item: make(map(item, v)) if type(v) is list else _bad(kind)
    if kind in _SCALARS:
        allowed = _SCALARS[kind]  # type(), not isinstance: a bool is no int here
        return lambda v: v if type(v) in allowed else _bad(kind)
    cls = _CLASSES.get(kind)
    if cls is None:
        raise TypeError(kind)  # a spec field of a new kind: _encode refuses it too
    fields = [(f.name, _reader(str(f.type))) for f in dataclasses.fields(cls)]
    names = {"@", *(name for name, _ in fields)}

    def read(v: object) -> object:
        if type(v) is not dict or v.keys() != names or v["@"] != kind:
            _bad(kind)
        # The spec classes are frozen dataclasses without __post_init__: filling __dict__ is
        # what their __init__ does, at a fraction of the cost (object.__setattr__ per field).
        obj = object.__new__(cls)
        obj.__dict__.update((name, get(v[name])) for name, get in fields)  # type: ignore[index]
        return obj

    return read


def _bad(kind: str) -> object:
    raise _Bad(kind)
