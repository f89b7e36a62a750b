"""End to end in a real browser: Debian's chromium, driven by Playwright with the system
executable (nothing is downloaded). .ci/run installs chromium when it is missing; elsewhere the
test skips and says why."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from auditor.packs import load_pack
from auditor.pipeline import audit_path
from tests.render import run_cli

CHROMIUM = os.environ.get("AUDITOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser_page(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not found at {CHROMIUM} (Debian: apt-get install chromium); "
                    "the browser test needs it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (Python) not installed: pip install -e '.[test]'")
    profile = tmp_path / "profile"  # a new, empty profile for every run
    profile.mkdir()
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 800}, offline=True)
        try:
            yield context.new_page()
        finally:
            context.close()


def _in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
    }""")


def test_click_item_highlights_and_scrolls_to_its_evidence(browser_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.txt"
    text = Path("reports/huozhou-2023.txt").read_text(encoding="utf-8")
    hostile = ('<script>window.__pwned = 1</script>\n'
               '<img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3"></svg>\n')
    report.write_text(text + hostile, encoding="utf-8")
    out = tmp_path / "report.html"
    code, _, err = run_cli("audit", str(report), "--format", "html", "-o", str(out))
    assert code == 0, err

    # The item whose first evidence is furthest down the text: reaching it needs a scroll.
    result = audit_path(str(report), load_pack(None))
    item = max((i for i in result.items if i.evidence), key=lambda i: i.evidence[0].line)
    evidence = item.evidence[0]

    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(out.as_uri())
    page.wait_for_selector("mark.ev")

    link = f'a.item-link[data-item="{item.id}"]'
    target = page.get_attribute(link, "href").lstrip("#")
    mark = f"mark#{target}"
    assert "".join(page.inner_text(mark).split()) in "".join(evidence.text.split())
    assert not _in_view(page, mark)  # the evidence starts off screen
    assert "current" not in (page.get_attribute(mark, "class") or "")

    page.click(link)
    classes = page.get_attribute(mark, "class") or ""
    assert "active" in classes and "current" in classes
    assert _in_view(page, mark)
    assert page.eval_on_selector(mark, "el => getComputedStyle(el).outlineStyle") == "solid"
    assert "selected" in (page.get_attribute(f'[id="item-{item.id}"]', "class") or "")
    assert item.title in page.inner_text("#where")

    # Clicking a highlighted sentence tells which items it supports.
    page.click(mark)
    assert page.is_visible("#pop")
    assert item.title in page.inner_text("#pop")

    # The report's markup was shown, not run.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    body = page.inner_text("main")
    assert "<script>window.__pwned = 1</script>" in body and 'onerror="window.__pwned = 2"' in body
    assert errors == []

    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_index_sorts_and_links(browser_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    code, _, err = run_cli("audit", "reports", "--format", "html", "-o", str(out), "-q")
    assert code == 0, err
    page = browser_page
    page.goto((out / "index.html").as_uri())

    def scores() -> list[float]:
        return [float(v) for v in page.eval_on_selector_all(
            "#reports tbody tr td:nth-child(5)", "tds => tds.map(td => td.dataset.v)")]

    page.click("#reports th:nth-child(5)")
    assert scores() == sorted(scores(), reverse=True)
    page.click("#reports th:nth-child(5)")
    assert scores() == sorted(scores())
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
    first = page.get_attribute("#reports tbody tr:first-child a", "href")
    page.click("#reports tbody tr:first-child a")
    assert page.url.endswith(first)
    assert page.is_visible("svg[role=img]")
