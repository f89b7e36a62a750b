"""The one way an evidence sentence is cut for display (scorecard, HTML, CI messages): around
the matched words, so they are always visible however long the sentence is."""

from __future__ import annotations


def snippet(text: str, offset: int = 0, length: int = 0, width: int = 60) -> str:
    """At most ``width`` characters of ``text`` (whitespace collapsed) that contain the match
    ``text[offset:offset + length]``, with a little context before it; … marks each cut."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    # Offsets index the text as written; collapsing whitespace only moves them left.
    offset = min(max(0, offset - (len(text[:offset]) - len(" ".join(text[:offset].split())))), len(flat))
    length = max(0, min(length, width - 2))
    lead = min(8, max(0, (width - 2 - length) // 3))
    start = max(0, min(offset - lead, len(flat) - (width - 1)))
    end = start + width - (1 if start else 0)
    if end < len(flat):
        end -= 1
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
