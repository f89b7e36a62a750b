"""Output that survives a console which is not UTF-8.

On a Chinese Windows PC, ``auditor audit 报告.docx > 结果.txt`` writes stdout in the ANSI code page
(cp936/GBK). GBK has the Chinese text and most of our drawing characters, but not the ✔/✘ of the
structure line, the ░ of the area chart, and a few marks report text may carry (•, no-break
space): Python then stops with a UnicodeEncodeError traceback half-way through the scorecard.
We keep going instead, with a look-alike GBK has (✔ → √, ✘ → ×), else ``?``.
"""

from __future__ import annotations

import codecs
import sys

# Look-alikes inside GBK, so the marks keep their meaning (✔ present / ✘ missing).
_FALLBACK = {"✔": "√", "✘": "×", "░": "□", "•": "·", "\xa0": " ", "✓": "√", "✗": "×"}
HANDLER = "auditor.lookalike"


def _lookalike(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    out = []
    for ch in bad:
        sub = _FALLBACK.get(ch, "?")
        try:
            sub.encode(exc.encoding)
        except (UnicodeEncodeError, LookupError):
            sub = "?"
        out.append(sub)
    return "".join(out), exc.end


def tolerate_narrow_encodings() -> None:
    """Make stdout/stderr substitute what their encoding cannot hold (no-op for UTF-8)."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _lookalike)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=HANDLER)
        except (ValueError, OSError):  # a stream that cannot be reconfigured: leave it as it is
            continue
