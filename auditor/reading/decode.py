"""Bytes -> str, refusing anything that is not a text report.

Reports come off government portals and office PCs: UTF-8 (with or without BOM), GB18030/GBK,
sometimes UTF-16 from Word "save as text".  Strict decoders are tried in that order because
they either succeed exactly or fail; charset-normalizer is only the last resort, and its answer
is accepted only when it yields Chinese, so an unknown encoding becomes one clear error
instead of an audit of mojibake.
"""

from __future__ import annotations

import codecs
import re

from auditor.i18n import _

from ..errors import AuditorError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_BAD_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode report bytes; raise AuditorError naming ``path`` when they are not usable text."""
    return decode_report(data, path)[0]


def decode_report(data: bytes, path: str) -> tuple[str, list[str]]:
    """``decode_bytes`` plus notices: a report assembled from several offices' files may be UTF-8
    with a GBK paragraph pasted in; each line is then decoded in the encoding that fits it, and
    the user is told once which lines those were."""
    if not data.startswith(tuple(bom for bom, _enc in _BOMS)) and b"\x00" not in data[:65536]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            mixed = _mixed(data)
            if mixed is not None:
                return _checked(mixed[0], path), [mixed[1]]
    return _decode(data, path), []


def _mixed(data: bytes) -> tuple[str, str] | None:
    """Line-by-line UTF-8 / GB18030, only when both really occur (one UTF-8 Chinese line at
    least): a file that is GBK throughout is left to the whole-file decoders."""
    out: list[str] = []
    legacy: list[int] = []
    utf8_cjk = False
    for no, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
            utf8_cjk = utf8_cjk or bool(_CJK.search(line))
        except UnicodeDecodeError:
            try:
                line = raw.decode("gb18030")
            except UnicodeDecodeError:
                return None
            if not _looks_chinese(line):
                return None
            legacy.append(no)
        out.append(line)
    if not legacy or not utf8_cjk:
        return None
    shown = _ranges(legacy)
    from ..i18n import _

    note = _("编码混杂：UTF-8 文件中第 {lines} 行是 GBK/GB18030 编码，已逐行解码").format(
        lines=shown)
    return "\n".join(out), note


def _ranges(nos: list[int]) -> str:
    parts: list[str] = []
    start = prev = nos[0]
    for n in [*nos[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts[:8]) + ("…" if len(parts) > 8 else "")


def _decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise AuditorError(_("空文件：没有报告正文"), path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), path)
            except UnicodeDecodeError as exc:
                raise AuditorError(_("有字节顺序标记，却无法按 {encoding} 解码（{reason}）").format(
                    encoding=encoding, reason=exc.reason),
                                   path=path) from None
    sample = data[:65536]
    if b"\x00" in sample and (text := _bomless_utf16(data)) is not None:
        return _checked(text, path)
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise AuditorError(_("二进制文件，不是文本报告"), path=path)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or _looks_chinese(text):
            return _checked(text, path)
    for encoding in ("big5",):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text):
            return _checked(text, path)
    lossy = _lossy(data)
    if lossy is not None:
        return _checked(lossy, path)
    guess = _guess(data)
    if guess is not None:
        return _checked(guess, path)
    raise AuditorError(_("无法解码：未知的文本编码（请把报告另存为 UTF-8）"), path=path)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: NULs sit on one parity (ASCII digits, punctuation)."""
    if len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) * 4 < data.count(0) * 3:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text) and not _BAD_TEXT.search(text):
            return text
    return None


def _lossy(data: bytes) -> str | None:
    """UTF-8 or GB18030 with a few broken bytes (a truncated copy, one pasted character from
    another file): keep the report, with U+FFFD for what cannot be read, rather than refuse it.
    The codec with fewer errors wins; GBK read as UTF-8 fails on nearly every character."""
    best: tuple[int, str] | None = None
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        errors = text.count("\ufffd")
        if best is None or errors < best[0]:
            best = (errors, text)
    assert best is not None
    errors, text = best
    return text if errors <= max(4, len(data) // 1000) and _looks_chinese(text) else None


def _looks_chinese(text: str) -> bool:
    """Legacy decoders accept many byte strings; only Chinese-rich output is believable."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii > 0 and len(_CJK.findall(text)) >= 0.8 * non_ascii


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is declared
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return text if _looks_chinese(text) else None


def _checked(text: str, path: str) -> str:
    if not text.strip():
        raise AuditorError(_("空文件：没有报告正文"), path=path)
    if len(_BAD_TEXT.findall(text)) > max(8, len(text) // 200):
        raise AuditorError(_("二进制文件，不是文本报告"), path=path)
    return text
