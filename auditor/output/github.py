"""GitHub Actions workflow commands, so findings annotate the changed lines of a pull request.

Escaping follows the runner's rules (actions/toolkit ``command.ts``): data escapes ``%``, CR and
LF; property values also escape ``:`` and ``,``, which would otherwise end the property.
"""

from __future__ import annotations

from typing import Any

from auditor.i18n import _
from auditor.output.location import source_line, with_place
from auditor.output.text import summary_line

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: Any) -> str:
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{level} {shown}::{escape_data(message)}" if shown else f"::{level}::{escape_data(message)}"


def render(doc: dict[str, Any], **_opts: Any) -> str:
    out: list[str] = []
    for rep in doc["reports"]:
        for f in rep.get("findings", []):
            if f.get("baselined"):
                continue
            if f.get("waived") is not None:
                message = with_place(f["message"], f) + _("（已豁免：{reason}）").format(reason=f["waived"])
                out.append(command("notice", message, file=rep["path"], line=source_line(f),
                                   title=_("{id}（已豁免）").format(id=f["id"])))
                continue
            level = "error" if f.get("fails") else _LEVEL.get(f["severity"], "warning")
            out.append(command(level, with_place(f["message"], f), file=rep["path"], line=source_line(f),
                               title=f["id"]))
        out.append(summary_line(rep))
    for err in doc["errors"]:
        out.append(command("error", err["message"], file=err["path"], title=_("auditor：无法读取的报告")))
    return "\n".join(out) + "\n"
