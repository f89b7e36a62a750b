"""Write outputs atomically: a temporary file in the same folder, then os.replace.

An interrupted run never leaves a half-written report or spreadsheet, and an existing output is
only replaced once the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from auditor.errors import AuditorError, os_reason
from auditor.i18n import _


def check_output_path(path: str, inputs: Iterable[str] = ()) -> Path:
    out = Path(path)
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise AuditorError(_("输出文件夹不存在"), path=path)
    if out.is_dir():
        raise AuditorError(_("输出路径是文件夹"), path=path)
    if not os.access(parent, os.W_OK):
        raise AuditorError(_("输出文件夹不可写"), path=path)
    resolved = out.resolve()
    for inp in inputs:
        if inp != "-" and Path(inp).resolve() == resolved:
            raise AuditorError(_("输出会覆盖一份输入报告"), path=path)
    return out


def _temp_beside(out: Path, path: str) -> tuple[int, str]:
    """The temporary file next to ``out``. Permission bits do not stop root, and a folder such as
    /proc passes every check above yet refuses files: that is a one-line error too."""
    try:
        return tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent or ".")
    except OSError as exc:
        raise AuditorError(_("无法写入输出文件：") + os_reason(exc), path=path) from None


def write_atomic(path: str, data: str | bytes | Callable[[str], None],
                 inputs: Iterable[str] = ()) -> None:
    """``data`` is the content, or a function that writes the file at the path it is given."""
    out = check_output_path(path, inputs)
    fd, tmp = _temp_beside(out, path)
    try:
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@contextmanager
def atomic_target(path: str, inputs: Iterable[str] = ()) -> Iterator[str]:
    """Yield a temporary path next to ``path``; it replaces ``path`` only if the block succeeds.

    For writers that stay open while data arrives (the streamed export), where a one-shot
    callable does not fit. Several targets in one ExitStack are all replaced at the end, so a
    failure leaves none of them half-written.
    """
    out = check_output_path(path, inputs)
    fd, tmp = _temp_beside(out, path)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def prepare_folder(folder: str) -> Path:
    """Create an output folder (HTML pages, CSV files, rule docs) if only its last level is missing —
    a missing parent is a typo, not a tree to build — and check that it is writable."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise AuditorError(_("输出路径已存在且不是文件夹"), path=folder)
    if not out.exists():
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise AuditorError(_("输出文件夹的上级文件夹不存在"), path=folder)
        try:
            out.mkdir()
        except OSError as exc:
            raise AuditorError(_("无法创建输出文件夹：") + os_reason(exc), path=folder) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise AuditorError(_("输出文件夹不可写"), path=folder)
    return out
