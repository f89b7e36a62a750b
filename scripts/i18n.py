"""Message catalogs: extract the ``_()`` strings, merge them into the English catalog, compile.

    python scripts/i18n.py update    # extract + merge into en/auditor.po + compile (the one step)
    python scripts/i18n.py compile   # .po -> .mo only (after editing translations)
    python scripts/i18n.py check     # exit 1 when a string lacks English or a .mo is stale

After ``update``, fill the empty ``msgstr ""`` entries of auditor/locale/en/LC_MESSAGES/auditor.po
(new ids; ``#, fuzzy`` marks guesses Babel made from similar old ones: check and drop the flag),
then run ``compile``. docs/i18n.md has the whole workflow. Babel does the extraction and the
.mo writing (the standard tools, and no compiler toolchain needed); the runtime only needs the
stdlib ``gettext`` and the shipped .mo files.
"""

from __future__ import annotations

import io
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "auditor"
LOCALE = PACKAGE / "locale"
# (domain, language): auditor.po translates our Chinese ids into English; argparse.po lends
# argparse Chinese for its own English strings (see auditor/i18n.py).
CATALOGS = [("auditor", "en"), ("argparse", "zh_CN")]


def po_path(domain: str, lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def extract() -> Catalog:
    """Every ``_()``/``ngettext()`` string under auditor/ (code and HTML templates), as a template catalog."""
    template = Catalog(project="auditor", msgid_bugs_address="", charset="utf-8")
    keywords = {k: v for k, v in DEFAULT_KEYWORDS.items() if k in ("_", "N_", "ngettext")}
    # The HTML templates call the same ``_`` (a Jinja global, auditor/output/html.py).
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2.ext:babel_extract")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=method_map, keywords=keywords,
            comment_tags=("i18n:",), strip_comment_tags=True):
        template.add(message, None, [(f"auditor/{filename}", lineno)], auto_comments=comments,
                     context=context)
    for message, where in pack_words():
        template.add(message, None, [(where, 0)], auto_comments=["rule pack data (labels.pack_text)"])
    return template


def pack_words() -> list[tuple[str, str]]:
    """The shipped packs' words people read: pack titles, areas, item titles (and titles set by
    `overrides`), with the file they come from. Shown through labels.pack_text."""
    import yaml

    out: list[tuple[str, str]] = []
    for path in sorted((ROOT / "rules").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        where = str(path.relative_to(ROOT))
        found = [data.get("title"), data.get("area")]
        for item in data.get("items") or []:
            found += [item.get("title"), item.get("area")] if isinstance(item, dict) else []
        for change in (data.get("overrides") or {}).values():
            found += [change.get("title")] if isinstance(change, dict) else []
        out += [(w, where) for w in found if isinstance(w, str) and w]
    return out


def read(domain: str, lang: str) -> Catalog:
    with open(po_path(domain, lang), "rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


def save_po(catalog: Catalog, domain: str, lang: str) -> None:
    path = po_path(domain, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    # Sorted, with file names but no line numbers: edits elsewhere in a module do not churn the
    # catalog, and two branches adding strings merge without conflicts in most cases.
    write_po(buf, catalog, sort_output=True, include_lineno=False, width=100)
    path.write_bytes(buf.getvalue())


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def update() -> list[str]:
    """Merge the extracted ids into the English catalog; returns ids still lacking English."""
    template = extract()
    path = po_path("auditor", "en")
    if path.exists():
        catalog = read("auditor", "en")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # dropped strings: git history keeps their translations
    else:
        catalog = Catalog(locale="en", domain="auditor", project="auditor", charset="utf-8")
        catalog.update(template)
    save_po(catalog, "auditor", "en")
    return untranslated(catalog)


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
        if not all(strings) or msg.fuzzy:
            out.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return out


def compile_all() -> None:
    for domain, lang in CATALOGS:
        mo = po_path(domain, lang).with_suffix(".mo")
        mo.write_bytes(mo_bytes(read(domain, lang)))


def _fields(text: str) -> set[str] | None:
    """The ``{name}`` fields of a str.format template (format specs aside); None if malformed."""
    try:
        return {f.split(".")[0].split("[")[0].split("!")[0]
                for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None}
    except ValueError:
        return None


def placeholder_problems(catalog: Catalog) -> list[str]:
    """English that drops, renames or breaks a ``{placeholder}`` would fail (or lie) at run time."""
    out = []
    for msg in catalog:
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, (tuple, list)) else (msg.id,)
        strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
        want = _fields(ids[0])
        for text in strings:
            if not text:
                continue
            got = _fields(text)
            # a plural's English may leave {n} out of the singular ("one report"), nothing else
            spare = {"n"} if len(ids) > 1 else set()
            if got is None or want is None or not (got <= want and want - got <= spare):
                out.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    return out


def check() -> list[str]:
    """Problems the tests also look for: strings without English, placeholders the English
    changed, stale .mo files."""
    problems = []
    catalog = read("auditor", "en")
    problems += placeholder_problems(catalog)
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    for msg in extract():
        key = msg.id if isinstance(msg.id, str) else msg.id[0]
        if key and key not in known:
            problems.append(f"not in auditor.po: {key!r} (run: python scripts/i18n.py update)")
    problems += [f"no English yet: {m!r}" for m in untranslated(catalog)]
    for domain, lang in CATALOGS:
        mo = po_path(domain, lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(read(domain, lang)):
            problems.append(f"stale {mo.relative_to(ROOT)} (run: python scripts/i18n.py compile)")
    return problems


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "update"
    if cmd == "extract":
        for msg in extract():
            if msg.id:
                print(msg.id if isinstance(msg.id, str) else msg.id[0])
        return 0
    if cmd == "update":
        missing = update()
        compile_all()
        for m in missing:
            print(f"needs English: {m!r}")
        print(f"{po_path('auditor', 'en').relative_to(ROOT)}: {len(missing)} string(s) to translate")
        return 0
    if cmd == "compile":
        compile_all()
        return 0
    if cmd == "check":
        problems = check()
        for p in problems:
            print(p)
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
