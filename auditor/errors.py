"""Exit codes and the one error type that the CLI turns into a one-line message.

Named exit codes follow codespell's ``EX_*`` habit so scripts can rely on them.
"""

from __future__ import annotations

EX_OK = 0  # every input audited / every report passed
EX_FAIL = 1  # `check`: at least one report failed its thresholds
EX_USAGE = 2  # bad option, unreadable input, invalid config or rule file
EX_INTERRUPTED = 130  # Ctrl-C: the shell's 128 + SIGINT, so scripts tell it from a failed check


class AuditorError(Exception):
    """A user-facing error: rendered as ``path[:line]: message`` with no traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 snippet: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.snippet = snippet

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.snippet:
            text += f"  ({self.snippet.strip()[:80]})"
        return text


class AuditorErrors(AuditorError):
    """Several problems of one input reported together (a config file, like `rules validate`):
    one ``path:line: message`` line each; ``path``/``line``/``message`` are the first one's."""

    def __init__(self, problems: list[AuditorError]) -> None:
        first = problems[0]
        super().__init__(first.message, first.path, first.line, first.snippet)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def errors_at_once(problems: list[AuditorError]) -> AuditorError:
    """The one error to raise for ``problems`` (non-empty): itself when alone."""
    return problems[0] if len(problems) == 1 else AuditorErrors(problems)


def os_reason(exc: OSError) -> str:
    """The OS's reason in the interface language: the C library speaks English ("No such file or
    directory") in the middle of an otherwise Chinese line; the common cases get our words."""
    import errno

    from auditor.i18n import _

    words = {errno.ENOENT: _("没有这个文件或文件夹"), errno.EACCES: _("没有权限"),
             errno.EPERM: _("不允许的操作"), errno.ENOSPC: _("磁盘空间不足"),
             errno.EROFS: _("只读的文件系统"), errno.EISDIR: _("是文件夹"),
             errno.ENOTDIR: _("路径中有一级不是文件夹"), errno.ENAMETOOLONG: _("文件名太长")}
    return words.get(exc.errno or -1) or exc.strerror or str(exc)
