"""Document x Rule -> Evidence. The only room that uses rjieba/jieba and rapidfuzz.

Rule types are code, listed in REGISTRY (the names in packs.spec.RULE_TYPES); rules are data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from operator import attrgetter, itemgetter

from auditor.matching.compiled import DROPPED, CompiledMatch, CompiledPack, compile_pack, key
from auditor.matching.index import DocIndex, index_texts
from auditor.matching.rules import Hit, match_sentences
from auditor.model import ACHIEVEMENT, GAP, MENTION, Evidence
from auditor.packs.spec import RULE_TYPES, Pack, Rule
from auditor.reading import cues
from auditor.reading.document import Document

Hits = list[tuple[str, int, Hit]]  # (facet name or "", sentence id, (score, offset))


def _phrases(main: CompiledMatch | None, facets: tuple, idx: DocIndex, cp: CompiledPack,
             named: Hits | None = None) -> Hits:
    if main is None:
        return []
    seen: dict[int, Hit] = {}
    found = match_sentences(main, idx, cp.segmenter, seen)
    # (a rule in three finds nothing, and few name without a hit: no comprehension for those)
    if seen and named is not None:
        named += [("", sid, hit) for sid, hit in seen.items()]
    return [("", sid, hit) for sid, hit in found.items()] if found else []


def _facets(main: CompiledMatch | None, facets: tuple, idx: DocIndex, cp: CompiledPack,
            named: Hits | None = None) -> Hits:
    hits = _phrases(main, facets, idx, cp, named)
    for name, m in facets:
        seen: dict[int, Hit] = {}
        found = match_sentences(m, idx, cp.segmenter, seen)
        if found:
            hits += [(name, sid, hit) for sid, hit in found.items()]
        if seen and named is not None:
            named += [(name, sid, hit) for sid, hit in seen.items()]
    return hits


REGISTRY: dict[str, Callable[..., Hits]] = {
    "phrases": _phrases,
    "facets": _facets,
}
assert set(REGISTRY) == set(RULE_TYPES), "packs.spec.RULE_TYPES and matching.REGISTRY disagree"


def _text_offset(norm: str, key_offset: int, keyed_len: int | None = None,
                 dropped: list[int] | None = None) -> int:
    """Where a hit in the keyed text (quotes and 、 dropped) falls in the sentence as written;
    norm and text align character for character, so this only re-adds the dropped ones.
    ``dropped``: _dropped_at(norm), when the caller keeps it."""
    kl = len(key(norm)) if keyed_len is None else keyed_len
    if kl == len(norm):
        return key_offset
    if key_offset <= 0:
        return 0
    if key_offset > kl:
        return len(norm)
    # Just after the key_offset-th kept character: a dropped one before the hit (“放管服”) is
    # where the hit begins as written. Each dropped character at or before it moves it one on.
    pos = key_offset - 1
    for at in _dropped_at(norm) if dropped is None else dropped:
        if at > pos:
            break
        pos += 1
    return pos + 1


def _dropped_at(norm: str) -> list[int]:
    """Positions of the characters the keyed text drops: a sentence has few, found by the regex
    engine (a walk over every character costs more)."""
    return [m.start() for m in _DROPPED_AT.finditer(norm)]


_DROPPED_AT = re.compile("[" + re.escape("".join(sorted(DROPPED))) + "]")


class _Lookups:
    """Per-document facts the evidence of every item reads, made once and only when asked:
    a sentence is evidence for several items, and most sentences for none."""

    def __init__(self, doc: Document, idx: DocIndex) -> None:
        self.doc, self.idx = doc, idx
        self._shifts: dict[int, list[int]] = {}
        self._in_order: bool | None = None
        self._leads: dict[int, tuple[int, list[int]]] = {}

    def shifts(self, sid: int) -> list[int]:
        """Keyed offsets of the characters the keyed text drops from sentence ``sid``, in order:
        the j-th dropped one stands after that many kept characters, the lengths of the pieces
        between dropped ones summed: one split by the marks' class and sums, all in C (asked of
        the sentence alone: ~20 sentences a report need this)."""
        out = self._shifts.get(sid)
        if out is None:
            out = list(accumulate(map(len, _DROPPED_AT.split(self.doc.sentences[sid].norm))))
            out.pop()
            self._shifts[sid] = out
        return out

    def after_lead(self, sid: int) -> tuple[int, list[int]]:
        """How many characters a word the lead ``sid`` names must have to tie an act to it, and
        the acts after it in its paragraph, up to the next numbered point (_lead_context)."""
        out = self._leads.get(sid)
        if out is None:
            sentences, numbered = self.doc.sentences, self._numbered
            # A numbered point (二是…) is a topic line: two shared characters tie an act to it;
            # a plain sentence needs three (备案审查 before 审查合同23份 is another topic).
            acts, line, nxt = [], sentences[sid].line, sid + 1
            while nxt < len(sentences) and sentences[nxt].line == line and not numbered(nxt):
                if sentences[nxt].act:
                    acts.append(nxt)
                nxt += 1
            out = self._leads[sid] = (2 if numbered(sid) else 3, acts)
        return out

    def _numbered(self, sid: int) -> bool:
        return cues.LEAD.match(self.doc.sentences[sid].norm) is not None

    def in_order(self) -> bool:
        """Whether sentence lines never go back: then sentence order is document order."""
        if self._in_order is None:
            lines = [s.line for s in self.doc.sentences]
            self._in_order = lines == sorted(lines)
        return self._in_order


_NO_HIT: Hit = (0, 0, 0)
_DOC_ORDER = attrgetter("line", "sentence", "facet")  # the key tuple, made in C
_SID = itemgetter(1)  # a hit's sentence id


def _evidence(rule: Rule, hits: Hits, doc: Document, idx: DocIndex, named: Hits = (),
              lookups: _Lookups | None = None) -> list[Evidence]:
    """``lookups``: the document's, kept across items (made here when not given)."""
    if lookups is None:
        lookups = _Lookups(doc, idx)
    best: dict[tuple[int, str], Hit] = {}  # (sentence, facet): sorted, that is document order
    for facet, sid, hit in hits:
        if hit[0] > best.get((sid, facet), _NO_HIT)[0]:
            best[(sid, facet)] = hit
    only_named = set()
    if named:
        for facet, sid, hit in named:
            if (sid, facet) not in best and doc.sentences[sid].kind != GAP:
                best[(sid, facet)] = hit
                only_named.add((sid, facet))
    out = []
    item, sentences, sections, keys = rule.id, doc.sentences, doc.sections, idx.keys
    for k in sorted(best):
        sid, facet = k
        score, offset, length = best[k]
        s = sentences[sid]
        norm, n = s.norm, len(s.text)
        last = offset + (length if length > 1 else 1) - 1  # keyed offset of the hit's last character
        kl = len(keys[sid])
        # Nothing dropped from the keyed text, or nothing before the hit's last character (the
        # keyed text's first ``last`` characters are the sentence's): its offsets are the text's
        if kl == len(norm) or (offset >= 0 and norm[:last] == keys[sid][:last]):
            start, end = offset, last + 1
        else:
            # _text_offset on the sentence's shifts: the k-th kept character (k >= 1) ends at
            # k plus the dropped ones standing before it
            shifts = lookups.shifts(sid)
            start = 0 if offset <= 0 else len(norm) if offset > kl else \
                offset + bisect_right(shifts, offset - 1)
            end = 1 if last <= 0 else len(norm) + 1 if last > kl else \
                last + bisect_right(shifts, last - 1) + 1
        if start > n:
            start = n
        if end > n:
            end = n
        kind = s.kind
        if kind == ACHIEVEMENT:
            at = start
            if s.frames:
                at = _outside_frames(norm, s.frames, start, end)
            if k in only_named or not s.act or at == -1:
                # No act of the body, or named only in a framing clause (以习近平法治思想为指导，…)
                kind = MENTION
            if at != -1:
                end += at - start
                start = at
        out.append(Evidence(item, s.line, kind, sections[s.section].heading if s.section is not None
                            else "", s.text, score, facet, sid, start, end - start if end > start
                            else 0, s.concrete))
    if not lookups.in_order():
        out.sort(key=_DOC_ORDER)
    return out


def _outside_frames(norm: str, frames: tuple[tuple[int, int], ...], start: int, end: int) -> int:
    """Where the matched words stand outside every framing clause (the hit itself, or the same
    words again later), -1 when they are only ever named as the frame."""
    words = norm[start:end]
    pos = start
    while pos != -1:
        if not any(a <= pos < b for a, b in frames):
            return pos
        pos = norm.find(words, pos + 1) if words else -1
    return -1


def _admitted(hits: Hits, shortcoming: CompiledMatch | None, idx: DocIndex, cp: CompiledPack,
              gap_sids: frozenset[int]) -> Hits:
    """A rule with a `shortcoming` match maps gap sentences by it instead of by its claim phrases:
    problems are worded differently (执法人员素质不高) from work done (开展执法人员培训)."""
    if shortcoming is None:
        return hits
    found = match_sentences(shortcoming, idx, cp.segmenter, only=gap_sids)
    # (most rules find nothing there, and most hits are outside gap sentences: tested in C)
    kept = hits if gap_sids.isdisjoint(map(_SID, hits)) else [h for h in hits if h[1] not in gap_sids]
    return kept + [("", sid, hit) for sid, hit in found.items()] if found else kept


def _vetoes(main: CompiledMatch | None, facets: tuple) -> dict[str, tuple[str, ...]]:
    """Facet name ("" for the item's own phrases) -> the rule's `not` words: a look-alike
    (民主法治示范村 beside 示范创建) the rule says is another thing never takes a heading's topic."""
    out = {"": main.not_ if main is not None else ()}
    for name, m in facets:
        out[name] = m.not_
    return out


def _lead_context(hits: Hits, idx: DocIndex, doc: Document, leads: frozenset[int],
                  vetoes: dict[str, tuple[str, ...]] | None = None,
                  lookups: _Lookups | None = None) -> Hits:
    """A lead sentence (二是强化事中事后监管。) names its topic; an act reported after it in the
    same paragraph covers that topic when it shares a specific word with what the lead named
    (监管 in 加强药品…领域监管): the lead alone, or acts about something else, do not.
    ``lookups``: the document's, kept across items (made here when not given)."""
    extra: Hits = []
    if lookups is None:
        lookups = _Lookups(doc, idx)
    keys = idx.keys
    for facet, sid, (score, off, length) in hits:
        if sid not in leads:
            continue
        w, acts = lookups.after_lead(sid)
        if not acts:
            continue
        words = keys[sid][off:off + max(length, 1)]
        # Every piece is w characters long, so a generic token inside one is the piece itself.
        named = {words[i:i + w] for i in range(len(words) - w + 1)} - cues.GENERIC_TOKENS
        if not named:
            continue
        veto = vetoes.get(facet, ()) if vetoes else ()
        for nxt in acts:
            text = keys[nxt]
            spot = _first_of(named, text)
            if spot != -1 and not (veto and _holds_any(text, veto)):
                extra.append((facet, nxt, (min(score, LEAD_SCORE), spot, 2)))
                break
    return extra


LEAD_SCORE = 80


# Plain loops, not a list comprehension and any(generator): these run for every act after a
# lead or under a heading, on a few words each, and the comprehension's frame cost more than
# the finds.
def _first_of(words: set[str], text: str) -> int:
    """Where the first of ``words`` stands in ``text``; -1 when none does."""
    first = -1
    for w in words:
        p = text.find(w)
        if p != -1 and (first == -1 or p < first):
            first = p
    return first


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    for w in words:
        if w in text:
            return True
    return False


def _headings(rule: Rule, found: Hits, idx: DocIndex, doc: Document, heads: list[int],
              vetoes: dict[str, tuple[str, ...]] | None = None,
              acts_under: dict[int, list[int]] | None = None) -> tuple[list[Evidence], Hits]:
    """A heading never covers on its own: where it names the item it is a mention, and it lends
    its topic to the acts under it that share a specific word with what it named (heading
    （三）全面推行行政执法三项制度 + 全年公示执法信息1200条: the 公示 part is covered).
    ``found``: hits in the headings, indexed after the sentences (anchors alone name an item).
    ``acts_under``: section id -> its act sentences, in order (made here when not given)."""
    evidence, extra = [], []
    n = len(doc.sentences)
    if acts_under is None:
        acts_under = _acts_under(doc)
    for facet, h, (score, off, length) in found:
        sec_id = heads[h - n]
        sec = doc.sections[sec_id]
        keyed = idx.keys[h]  # key(sec.norm)
        start = min(_text_offset(sec.norm, off, len(keyed)), len(sec.heading))
        # (item, line, kind, section, text, score, facet, sentence, offset, length)
        evidence.append(Evidence(rule.id, sec.line, MENTION, sec.heading, sec.heading, score, facet,
                                 -1 - sec_id, start, min(length, len(sec.heading) - start)))
        words = keyed[off:off + max(length, 1)]
        named = {words[i:i + 2] for i in range(len(words) - 1)} - cues.GENERIC_TOKENS
        if not named:
            continue
        veto = vetoes.get(facet, ()) if vetoes else ()
        for sid in acts_under.get(sec_id, ()):
            text = idx.keys[sid]
            spot = _first_of(named, text)
            if spot != -1 and not (veto and _holds_any(text, veto)):
                extra.append((facet, sid, (min(score, LEAD_SCORE), spot, 2)))
    return evidence, extra


def _acts_under(doc: Document) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for sid, s in enumerate(doc.sentences):
        if s.act and s.section is not None:
            out.setdefault(s.section, []).append(sid)
    return out


def _plan(cp: CompiledPack) -> list[tuple]:
    """Per rule what match_document needs of it, looked up once per compiled pack (the last
    one kept, as compile_pack keeps it): (rule, its rule type, main match, facets, shortcoming
    match or None, `not` words by facet)."""
    if _last_plan and _last_plan[0] is cp:
        return _last_plan[1]
    plan = []
    for rule in cp.pack.rules:
        main, facets = cp.matches[rule.id]
        plan.append((rule, REGISTRY[rule.type], main, facets, cp.shortcomings.get(rule.id),
                     _vetoes(main, facets)))
    _last_plan[:] = [cp, plan]
    return plan


_last_plan: list = []


def match_document(doc: Document, pack: Pack) -> dict[str, list[Evidence]]:
    """Every rule's evidence, in document order (scoring picks and ranks)."""
    cp = compile_pack(pack)
    sentences = doc.sentences
    # Headings of the achievements part are indexed after the sentences: one search finds an
    # item in both, and ids from len(doc.sentences) on are headings.
    heads = [k for k, sec in enumerate(doc.sections) if sec.role == "achievements" and sec.norm]
    norms = [s.norm for s in sentences]
    idx = index_texts(norms + [doc.sections[k].norm for k in heads],
                      cp.segmenter, cp.automaton, cp.words, cp.tokens)
    n = len(sentences)
    # List comprehensions, not generators: cheaper per sentence.
    leads = frozenset([sid for sid, s in enumerate(sentences) if s.kind == ACHIEVEMENT and not s.act])
    gaps = frozenset([sid for sid, s in enumerate(sentences) if s.kind == GAP])
    acts_under = _acts_under(doc) if heads else {}
    lookups = _Lookups(doc, idx)
    result = {}
    for rule, rule_type, main, facets, shortcoming, vetoes in _plan(cp):
        named: Hits = []
        hits = rule_type(main, facets, idx, cp, named)
        # Without a gap sentence the shortcoming match could only add nothing.
        if not gaps:
            shortcoming = None
        if not hits and not named and shortcoming is None:
            result[rule.id] = []  # what the steps below make of no hit at all
            continue
        titled: list[Evidence] = []
        extra: Hits = []
        # Only then are there hits in headings (ids from n on) to set apart: one rule in ten
        # has one, the others skip the call and keep their lists. The tests run in C (max and
        # isdisjoint over the ids), not a comprehension per rule.
        if heads and ((hits and max(map(_SID, hits)) >= n) or (named and max(map(_SID, named)) >= n)):
            up = [h for h in hits if h[1] >= n]
            up_named = [h for h in named if h[1] >= n] if named else []
            titled, extra = _headings(rule, up + up_named, idx, doc, heads, vetoes, acts_under)
            if up:
                hits = [h for h in hits if h[1] < n]
            if up_named:
                named = [h for h in named if h[1] < n]
        if shortcoming is not None:
            hits = _admitted(hits, shortcoming, idx, cp, gaps)
        # _lead_context reads only the hits in leads (one in six), so only those are passed
        if leads and not (leads.isdisjoint(map(_SID, hits))
                          and (not named or leads.isdisjoint(map(_SID, named)))):
            led = [h for h in hits if h[1] in leads]
            if named:
                led += [h for h in named if h[1] in leads]
            if led:
                hits = hits + _lead_context(led, idx, doc, leads, vetoes, lookups) if hits else \
                    _lead_context(led, idx, doc, leads, vetoes, lookups)
        if extra:
            hits = hits + extra
        result[rule.id] = _evidence(rule, hits, doc, idx, named, lookups) + titled if hits or named \
            else titled
    return result


def warm_up(pack: Pack) -> None:
    """Compile the pack ahead of a batch so the first report doesn't pay for it."""
    compile_pack(pack)
