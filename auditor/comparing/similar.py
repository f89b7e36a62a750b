"""Which reports of a batch share passages: learned boilerplate, LSH candidates, estimates.

Works on Signatures only (signature.py), so the parent holds a few numbers per sentence, never
the texts. Three steps:

1. Boilerplate is learned from the batch: a sentence (exact key) or near-duplicate band found in
   at least ``min_df`` reports is what everybody writes, not reuse, and is left out.
2. Candidate pairs come from datasketch's MinHash LSH Ensemble over each report's remaining band
   keys. The Ensemble indexes *containment* (how much of report A is inside report B), which is
   what a copy is: a short report that copied half a long one has a small Jaccard similarity with
   it but a containment of one half. All pairs of 1,000 reports would be 500,000 comparisons;
   the index answers each report's query from its buckets.
3. Each candidate's shared share is estimated from the band keys (a sentence of A counts when one
   of its bands is among B's). Pairs above the threshold are then confirmed on the texts with
   rapidfuzz by the caller (comparisons.similar_paths), which reads the two files.
"""

from __future__ import annotations

import gc
import math
from dataclasses import dataclass, field

import numpy as np

from auditor.comparing.signature import BANDS, Signature

# 64 permutations, 4 size partitions x 4 (b, r) settings: 16 LSH tables, ~30 MB at the peak for
# 1,000 reports; 128 x 8 x 8 found the same candidates with 69 MB (docs/performance.md, Issue 11).
NUM_PERM, NUM_PART, NUM_M = 64, 4, 4
ENSEMBLE_THRESHOLD = 0.1  # containment of band keys; a real copy of 20% is far above it
ESTIMATE_FACTOR = 0.6  # estimates below threshold x this are not worth confirming


def default_min_df(n: int) -> int:
    """Reports a sentence must appear in to be boilerplate: 2% of the batch, at least 4 — two or
    three reports sharing text are the copies this looks for, twenty are a template."""
    return max(4, math.ceil(0.02 * n))


@dataclass(frozen=True)
class Candidate:
    a: int  # index into the signatures (a < b)
    b: int
    share_a: float  # estimated share of A's characters found in B
    share_b: float

    @property
    def share(self) -> float:
        return max(self.share_a, self.share_b)


@dataclass
class Learned:
    exact: set[int] = field(default_factory=set)
    bands: set[int] = field(default_factory=set)


def _df(arrays: list[np.ndarray], min_df: int) -> set[int]:
    arrays = [np.unique(a) for a in arrays if a.size]
    if not arrays:
        return set()
    values, counts = np.unique(np.concatenate(arrays), return_counts=True)
    return {int(v) for v in values[counts >= min_df]}


def learn_boilerplate(sigs: list[Signature], min_df: int) -> Learned:
    return Learned(_df([s.exact for s in sigs], min_df), _df([s.bands.ravel() for s in sigs], min_df))


def _in_sorted(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """np.isin(values, table) for a sorted ``table``: a binary search per value, where np.isin
    would sort the whole table again for each of the batch's reports."""
    if not table.size:
        return np.zeros(values.shape, dtype=bool)
    at = np.searchsorted(table, values).clip(max=table.size - 1)
    return table[at] == values


def live_units(sig: Signature, learned: Learned, learned_bands: np.ndarray | None = None) -> np.ndarray:
    """Mask of the sentences that are not boilerplate: exact key not learned, and at most half of
    its bands learned (a near-variant of a template sentence is still the template).
    ``learned_bands``: ``learned.bands`` as an array, when the caller made it once for all."""
    if not len(sig.exact):
        return np.zeros(0, dtype=bool)
    if learned_bands is None:
        learned_bands = np.sort(np.fromiter(learned.bands, np.uint64, len(learned.bands)))
    exact = np.fromiter((int(h) in learned.exact for h in sig.exact), bool, len(sig.exact))
    bands = _in_sorted(sig.bands, learned_bands)
    return ~exact & (bands.sum(axis=1) * 2 <= BANDS)


def _tokens(sig: Signature, live: np.ndarray, learned_bands: np.ndarray) -> np.ndarray:
    keys = np.unique(sig.bands[live].ravel())
    return keys[~_in_sorted(keys, learned_bands)]


def _minhash(tokens: np.ndarray):  # -> datasketch.MinHash
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=lambda v: int(v) & 0xFFFFFFFF)
    m.update_batch(tokens.tolist())
    return m


def _estimate(sig: Signature, live: np.ndarray, other: np.ndarray) -> float:
    """Share of ``sig``'s characters in sentences with a band key among ``other``'s tokens."""
    if not sig.total or not live.any():
        return 0.0
    hit = np.isin(sig.bands, other).any(axis=1) & live
    return float(sig.chars[hit].sum()) / sig.total


def candidates(sigs: list[Signature], threshold: float, min_df: int | None = None
               ) -> tuple[list[Candidate], Learned]:
    """Pairs of reports whose estimated shared share reaches ``threshold`` x ESTIMATE_FACTOR, most
    shared first, with the boilerplate learned on the way."""
    from datasketch import MinHashLSHEnsemble

    learned = learn_boilerplate(sigs, min_df or default_min_df(len(sigs)))
    # sorted once: np.isin against it is then a binary search per value for every report
    learned_bands = np.sort(np.fromiter(learned.bands, np.uint64, len(learned.bands)))
    lives = [live_units(s, learned, learned_bands) for s in sigs]
    tokens = [_tokens(s, lv, learned_bands) for s, lv in zip(sigs, lives, strict=True)]
    entries = [(i, _minhash(t), len(t)) for i, t in enumerate(tokens) if len(t)]
    if len(entries) < 2:
        return [], learned
    index = MinHashLSHEnsemble(threshold=ENSEMBLE_THRESHOLD, num_perm=NUM_PERM, num_part=NUM_PART, m=NUM_M)
    index.index(entries)
    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for i, m, size in entries:
        for j in index.query(m, size):
            pair = (min(i, j), max(i, j))
            if i == j or pair in seen:
                continue
            seen.add(pair)
            a, b = pair
            share_a = _estimate(sigs[a], lives[a], tokens[b])
            share_b = _estimate(sigs[b], lives[b], tokens[a])
            if max(share_a, share_b) >= threshold * ESTIMATE_FACTOR:
                found.append(Candidate(a, b, round(share_a, 4), round(share_b, 4)))
    found.sort(key=lambda c: (-c.share, c.a, c.b))
    # The index's tables hold reference cycles: free them now, before confirm() forks workers
    # that would otherwise each map the garbage.
    del index, entries
    gc.collect()
    return found, learned
