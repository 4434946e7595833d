"""The diary's charts read on a phone: text at least 11 px, day labels thinned so none overlap,
long body-location names whole (not cut at the chart's edge), on the diary page and in the report."""

from __future__ import annotations

import pytest

from tests.e2e.diary_data import rich_diary

WIDTHS = [320, 390, 1280]
MEASURE = """svg => {
  const s = svg.getBoundingClientRect();
  const texts = Array.from(svg.querySelectorAll('text')).map(t => {
    const r = t.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM() ? t.getScreenCTM().a : 1);
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height, size};
  });
  return {svg: {left: s.left, right: s.right, top: s.top, bottom: s.bottom}, texts};
}"""


@pytest.fixture(scope="module")
def diary_key(server_url: str) -> str:
    return rich_diary(server_url)


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("where", ["", "/report"], ids=["diary", "report"])
def test_chart_labels_are_readable_whole_and_apart(
    browser, server_url: str, diary_key: str, width: int, where: str
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"/diary/{diary_key}{where}")
    names = {
        "All over (many places at once)",
        "Chest or tummy",
        "Face (cheek, lips or chin)",
        "Calf (back of the lower leg)",
    }
    for chart in ("per-day", "by-location", "by-trigger"):
        svg = page.locator(f'[data-testid="chart-{chart}"] svg')
        assert svg.count() == 1, chart
        found = svg.evaluate(MEASURE)
        box, texts = found["svg"], found["texts"]
        assert len(texts) >= 3, chart
        for t in texts:
            assert t["size"] >= 11 and t["height"] >= 12, f"{chart} at {width} px: {t['text']!r} is {t['size']:.1f} px"
            assert box["left"] - 0.5 <= t["left"] and t["right"] <= box["right"] + 0.5, f"{chart}: {t['text']!r} is cut"
            assert box["top"] - 0.5 <= t["top"] and t["bottom"] <= box["bottom"] + 0.5, f"{chart}: {t['text']!r} is cut"
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert not _overlap(a, b), f"{chart} at {width} px: {a['text']!r} overlaps {b['text']!r}"
        if chart == "by-location":
            assert names <= {t["text"] for t in texts}
        if chart == "per-day":
            ticks = [t for t in texts if t["top"] > box["top"] + (box["bottom"] - box["top"]) / 2]
            assert 3 <= len(ticks) <= 12, f"{len(ticks)} day labels at {width} px"
    context.close()
