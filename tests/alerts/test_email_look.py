"""How the digest looks: rendered in headless Chromium (Debian's chromium) at 1200 and 390 px, light and dark."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from alerts.render import render_digest
from alerts.routes import AccountInfo
from tests.alerts.test_render import NOW, mention_finding, tags_of

MEASURE = """<script>
const root = document.documentElement;
const rgb = (e, p) => getComputedStyle(e)[p];
const cards = [...document.querySelectorAll('[data-finding]')].map(e => {
  const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
  return {id: e.dataset.finding, width: r.width, height: r.height, left: r.left, right: r.right,
          shown: s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0};
});
const card = document.querySelector('.sm-card');
const pre = document.createElement('pre'); pre.id = 'sm-measure';
pre.textContent = JSON.stringify({viewport: root.clientWidth, scroll: root.scrollWidth, cards,
  text: rgb(card, 'color'), background: rgb(card, 'backgroundColor')});
document.body.appendChild(pre);
</script>"""


def chromium() -> str:
    """Debian's chromium (scripts/test.sh installs it where missing)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "headless Chromium is missing: run scripts/test.sh (it installs Debian's chromium) or apt-get install chromium"
    return found


def run_chromium(*args: str) -> str:
    result = subprocess.run([chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def measure(page: Path, width: int, dark: bool = False) -> dict:
    """Render page at width and return what the measuring script saw."""
    scheme = ["--blink-settings=preferredColorScheme=0"] if dark else []
    dom = run_chromium(f"--window-size={width},2400", *scheme, "--virtual-time-budget=3000", "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="sm-measure">(.*?)</pre>', dom, re.S)
    assert found, "the measuring script did not run"
    return json.loads(html.unescape(found.group(1)))


def luminance(colour: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.fixture
def digest_html(tmp_path: Path) -> tuple[Path, int]:
    """A Russian digest with critical, warning and info findings, long unbroken words and long links."""
    account = AccountInfo(1, "severny-veter-vk", "vk", "VK", "club3003", "Europe/Moscow", "ru")
    findings = []
    for n, severity in enumerate(["info", "warning", "critical", "warning", "critical", "info", "warning"]):
        finding = mention_finding(text="@northwindcoffee " + "оченьдлинноесловобезпробелов" * 6 + " где мой заказ?",
                                  url=f"https://vk.com/wall-3003_5001?reply={7000 + n}&" + "utm_source=x&" * 20)
        finding.id, finding.severity, finding.first_seen = n + 1, severity, NOW - timedelta(hours=n)
        findings.append(finding)
    digest = render_digest(account, findings, "ru", "[smm-monitor]", NOW)
    page = tmp_path / "digest.html"
    page.write_text(digest.html, encoding="utf-8")
    return page, len(findings)


def test_the_digest_reads_on_a_desktop_and_on_a_390px_phone(tmp_path: Path, digest_html: tuple[Path, int]) -> None:
    page, count = digest_html
    source = page.read_text(encoding="utf-8")
    assert not any(tag == "script" for tag, _ in tags_of(source))
    assert '<meta name="viewport"' in source and '<meta name="color-scheme" content="light dark">' in source
    measured = tmp_path / "measured.html"
    measured.write_text(source.replace("</body>", MEASURE + "</body>"), encoding="utf-8")

    for width in (1200, 390):
        seen = measure(measured, width)
        assert [c["id"] for c in seen["cards"]] == [str(i) for i in (5, 3, 7, 4, 2, 6, 1)]  # critical first, oldest first
        for card in seen["cards"]:
            assert card["shown"] and card["width"] > 200 and card["height"] > 40, card
            assert card["left"] >= 0 and card["right"] <= seen["viewport"] + 1, card  # nothing cut off at the side
        assert seen["scroll"] <= seen["viewport"], f"the page scrolls sideways at {width}px"
        if width == 390:
            assert seen["cards"][0]["width"] > 300  # one column, the card takes the phone's width
        else:
            assert seen["cards"][0]["width"] <= 640  # a readable column on a desktop
        shot = tmp_path / f"digest-{width}.png"
        run_chromium(f"--window-size={width},2400", f"--screenshot={shot}", page.as_uri())
        assert shot.stat().st_size > 10_000


def test_dark_mode_keeps_text_readable(tmp_path: Path, digest_html: tuple[Path, int]) -> None:
    page, _ = digest_html
    measured = tmp_path / "measured.html"
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")

    light, dark = measure(measured, 390), measure(measured, 390, dark=True)

    assert luminance(light["background"]) > 0.9 and luminance(light["text"]) < 0.2
    assert luminance(dark["background"]) < 0.2 and luminance(dark["text"]) > 0.8  # light text on a dark card
    run_chromium("--window-size=390,2400", "--blink-settings=preferredColorScheme=0", f"--screenshot={tmp_path / 'dark-390.png'}",
                 page.as_uri())
