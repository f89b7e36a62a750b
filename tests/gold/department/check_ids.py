#!/usr/bin/env python3
"""Standalone check (not the tool): every id of the department pack appears exactly once across
covered / mentioned / planned / not_applicable / the `# missing:` comment in each gold file here,
and every gaps id belongs to the pack. Ids are taken from /work/shared/spec/items.tsv (or --items)."""
import re, sys, pathlib, collections
import yaml

HERE = pathlib.Path(__file__).resolve().parent
ITEMS = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("/work/shared/spec/items.tsv")
DISABLED = {"system.legislation", "leadership.demonstration", "function.power_list"}
DEPT = {"dept.power_list", "dept.fair_competition", "dept.enforcement_stats", "dept.case_review", "dept.pufa_list"}
ID = re.compile(r"\b[a-z_]+\.[a-z_]+\b")

def pack_ids():
    rows = ITEMS.read_text(encoding="utf-8").splitlines()[1:]
    base = {r.split("\t")[0] for r in rows if r.strip()}
    assert len(base) == 45, len(base)
    return (base - DISABLED) | DEPT

def missing_ids(text):
    ids, inside = [], False
    for line in text.splitlines():
        if line.startswith("# missing:"):
            inside, body = True, line[len("# missing:"):]
        elif inside and line.startswith("#") and line[1:2] == " " and line[2:].startswith(" " * 8):
            body = line[1:]
        else:
            inside = False
            continue
        body = re.sub(r"\([^()]*\)", "", body)  # explanations in parentheses are not ids
        ids += ID.findall(body)
    return ids

def main():
    want = pack_ids()
    assert len(want) == 47, len(want)
    bad = 0
    for p in sorted(HERE.glob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        d = yaml.safe_load(text)
        seen = collections.Counter()
        for key in ("covered", "mentioned", "planned", "not_applicable"):
            seen.update(d.get(key) or [])
        seen.update(missing_ids(text))
        errs = []
        for i in sorted(want):
            if seen[i] != 1:
                errs.append(f"{i} appears {seen[i]} times")
        for i in sorted(set(seen) - want):
            errs.append(f"{i} is not a department-pack id")
        for i in d.get("gaps") or []:
            if i not in want:
                errs.append(f"gap {i} is not a department-pack id")
        print(p.name, "OK" if not errs else "FAIL")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
