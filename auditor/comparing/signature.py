"""Per-report signatures for batch similarity: computed in the worker that read the report, so
only a few numbers per sentence travel to the parent process, never the text.

Each comparable sentence (units.py key, pack boilerplate cut out, at least MIN_KEY characters)
gets its exact hash and BANDS near-duplicate keys: a small datasketch MinHash over the key's
character 3-grams, cut into bands of ROWS values (the LSH banding trick). Two sentences that
differ by a place name (Jaccard ~0.75) share at least one band ~90% of the time; unrelated
sentences of the same genre (Jaccard ~0.3) rarely do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from auditor.comparing.boilerplate import Boilerplate, key_hash
from auditor.comparing.units import MIN_KEY, total_chars, units
from auditor.model import ReportResult
from auditor.reading.document import Document

BANDS, ROWS = 4, 3
NUM_PERM = BANDS * ROWS
SEED = 20211  # fixed: every worker must draw the same permutations
SHINGLE = 3
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


@dataclass(frozen=True)
class Signature:
    path: str
    issuer: str | None
    year: int | None
    total: int  # characters of all the report's sentences (the share denominator)
    lines: np.ndarray  # int32, line of each comparable sentence
    chars: np.ndarray  # int32, its characters
    exact: np.ndarray  # uint64, key_hash of its key
    bands: np.ndarray  # uint64, shape (n, BANDS): near-duplicate keys


def _shingles(key: str) -> list[bytes]:
    return [key[i:i + SHINGLE].encode("utf-8") for i in range(len(key) - SHINGLE + 1)]


_PERMUTER: list = []  # the one MinHash whose permutations every signature of this process uses


def _minhashes(keys: list[str]) -> np.ndarray:
    """(len(keys), NUM_PERM) uint64: each key's MinHash over its shingles, the very values
    ``MinHash.bulk(..., num_perm=NUM_PERM, seed=SEED)`` gives (tests/test_similar.py checks).

    Why not bulk() itself: it builds one MinHash per sentence and hashes every shingle through a
    Python call, which made the signature cost as much as the audit. Here each distinct shingle
    of the report is hashed once (datasketch's own sha1_hash32), datasketch's permutation
    (the same ``permutations`` and mixing) is applied to all of them in one array operation, and
    each sentence's minimum is taken with one ``np.minimum.reduceat``."""
    from datasketch import MinHash
    from datasketch.hashfunc import sha1_hash32
    from datasketch.minhash import _fmix

    if not _PERMUTER:
        _PERMUTER.append(MinHash(num_perm=NUM_PERM, seed=SEED))
    proto = _PERMUTER[0]
    shingles = [_shingles(k) for k in keys]
    hashed = {s: sha1_hash32(s) for s in dict.fromkeys(s for ss in shingles for s in ss)}
    flat = np.fromiter((hashed[s] for ss in shingles for s in ss), dtype=proto.hashvalues.dtype,
                       count=sum(map(len, shingles)))
    a, b = proto.permutations
    with np.errstate(over="ignore"):  # wrap-around is the permutation's arithmetic
        permuted = _fmix(flat.reshape(-1, 1), 32) * a + b
    out = np.repeat(proto.hashvalues[np.newaxis, :], len(keys), axis=0)  # empty: untouched
    sizes = np.fromiter(map(len, shingles), dtype=np.int64, count=len(keys))
    filled = sizes > 0
    if filled.any():
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[filled]
        out[filled] = np.minimum.reduceat(permuted, starts, axis=0)
    return out.astype(np.uint64)


def band_keys(keys: list[str]) -> np.ndarray:
    """(len(keys), BANDS) uint64: each band's ROWS MinHash values mixed into one number; the band
    index is mixed in too, so equal values in different bands never collide."""
    if not keys:
        return np.zeros((0, BANDS), dtype=np.uint64)
    hv = _minhashes(keys).reshape(len(keys), BANDS, ROWS)
    with np.errstate(over="ignore"):  # wrap-around multiplication is the point of the mix
        mixed = (hv * _MIX[:ROWS]).sum(axis=2, dtype=np.uint64)
        mixed ^= np.arange(BANDS, dtype=np.uint64) * np.uint64(0x94D049BB133111EB)
    return mixed


def signature(doc: Document, result: ReportResult, boiler: Boilerplate) -> Signature:
    us = units(doc)
    kept = [(u, k) for u in us if len(k := boiler.strip(u.key)) >= MIN_KEY]
    keys = [k for _, k in kept]
    return Signature(
        path=result.path, issuer=result.issuer, year=result.year, total=total_chars(us),
        lines=np.array([u.line for u, _ in kept], dtype=np.int32),
        chars=np.array([u.chars for u, _ in kept], dtype=np.int32),
        exact=np.array([key_hash(k) for k in keys], dtype=np.uint64),
        bands=band_keys(keys))


_BOILER: dict[str, Boilerplate] = {}  # pack path -> its list, loaded once per worker process


def _boilerplate(pack_path: str) -> Boilerplate:
    if pack_path not in _BOILER:
        from auditor.comparing.boilerplate import load_boilerplate

        _BOILER[pack_path] = load_boilerplate(pack_path or None)
    return _BOILER[pack_path]


def warm(pack_path: str) -> None:
    """Everything sign_post loads on first use (datasketch imports scipy: ~0.5 s), loaded now."""
    _boilerplate(pack_path)
    band_keys(["预热" * MIN_KEY])


def sign_post(pack_path: str, doc: Document, result: ReportResult) -> ReportResult:
    """Batch post-step (batch.Job.post, bound with functools.partial): the report's signature in
    ``result.meta["signature"]``, computed where the Document already is."""
    result.meta["signature"] = signature(doc, result, _boilerplate(pack_path))
    return result
