"""regtext serve in Debian's Chromium (Playwright): a drafter fills a case with the keyboard alone,
watches the decision change, sees a rule's error beside the measure that causes it, saves,
downloads the DOCX (the bytes of `regtext render` of the saved file) and reopens the draft;
axe-core finds no serious or critical accessibility violation.

The app runs in a thread of the test process (uvicorn on a free loopback port).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="needs the web extra: pip install '.[web]'")

from regtext.cli import main  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

AXE = ROOT / "tests" / "support" / "axe" / "axe.min.js"
FACTS = "2024年1月至3月，张某某同志在分管安全生产监督管理工作期间，对辖区内某某化工企业开展监督检查不认真。"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, drafts folder) of an app serving on loopback for this module's tests."""
    import uvicorn

    from regtext.web import app

    cases = tmp_path_factory.mktemp("cases")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app(cases_dir=cases), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    # localhost: the browser support maps every other host name to nowhere (no network).
    yield f"http://localhost:{port}", cases
    running.should_exit = True
    thread.join(10)


@pytest.fixture()
def page():
    from tests.support.browser import chromium_page, require_chromium

    require_chromium()
    with chromium_page(width=1280, height=900, locale="zh-CN", accept_downloads=True) as p:
        yield p


def tab_to(page, element_id: str, limit: int = 300) -> None:
    """Press Tab until the control ``element_id`` has the focus (the keyboard's way to a field)."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def settle(page) -> None:
    """Wait until htmx has no request in flight (the live update answered)."""
    page.wait_for_timeout(300)   # the input delay of the form (200 ms), then the request
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def choice_id(page, field: str, heading: str) -> str:
    return str(page.evaluate(
        """([field, heading]) => [...document.querySelectorAll(`#f-${field} .choice`)]
            .find(c => c.querySelector('.heading').textContent === heading).querySelector('input').id""",
        [field, heading]))


def fill_person_case(page) -> None:
    keys = page.keyboard
    tab_to(page, "f-regulation")
    keys.press("ArrowDown")            # the one regulation with a rulebook
    settle(page)
    for field, text in (("f-issuer", "某某县纪委监委"), ("f-number", "某纪问〔2024〕12号")):
        tab_to(page, field)
        keys.type(text)
    tab_to(page, "f-date")
    keys.type("2024-05-20")
    tab_to(page, "f-subject-type")
    keys.press("ArrowDown")            # 个人
    tab_to(page, "f-subject-name")
    keys.type("张某某")
    tab_to(page, "f-subject-sex")
    keys.press("ArrowDown")            # 男
    tab_to(page, "f-subject-born")
    keys.type("1975-03")
    tab_to(page, "f-subject-party_member")
    keys.press("ArrowDown")            # 是
    tab_to(page, "f-subject-position")
    keys.type("某某县应急管理局副局长")
    tab_to(page, "f-responsibility")
    keys.press("ArrowDown")
    keys.press("ArrowDown")            # 领导责任
    tab_to(page, "f-facts")
    keys.type(FACTS)
    settle(page)
    tab_to(page, choice_id(page, "findings", "监管落实不力"))
    keys.press("Space")
    settle(page)
    tab_to(page, choice_id(page, "measures", "诫勉"))
    keys.press("Space")
    tab_to(page, "f-cc")
    keys.type("某某县委组织部")
    tab_to(page, "f-deliberation")
    keys.type("县纪委常委会会议研究")
    settle(page)


@pytest.mark.chromium
def it_drafts_a_decision_with_the_keyboard_alone(server: tuple[str, Path], page, tmp_path: Path) -> None:
    base, cases = server
    page.goto(base + "/")
    fill_person_case(page)
    assert page.input_value("#f-date") == "2024-05-20"
    assert page.inner_text("#kind") == "决定"
    assert page.inner_text("#basis") == "根据《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（三）项之规定"
    assert page.frame_locator("#preview iframe").locator("h1").inner_text() == "关于对张某某同志进行诫勉的决定"

    # A second finding: the basis sentence names it at once.
    tab_to(page, choice_id(page, "findings", "责任落实不力"))
    page.keyboard.press("Space")
    settle(page)
    assert page.inner_text("#basis") == ("根据《安全生产责任追究办法（试行）》第四条第（二）项、第（三）项、"
                                         "第六条第一款第（三）项之规定")

    # An organisation's measure for a person: D102 beside that measure, naming the provision.
    tab_to(page, "f-subject-type")
    page.keyboard.press("ArrowDown")   # 单位: the measures offered are 第五条's
    settle(page)
    tab_to(page, choice_id(page, "measures", "检查"))
    page.keyboard.press("Space")
    settle(page)
    tab_to(page, "f-subject-type")
    page.keyboard.press("ArrowUp")     # back to 个人: 检查 stays chosen, marked as an organisation's
    settle(page)
    chosen = page.locator(f"#{choice_id(page, 'measures', '检查')}").locator("xpath=..")
    assert chosen.locator(".problems").inner_text().startswith("D102 检查 is a measure for organisations (第五条第（一）项)")
    assert chosen.locator(".note").inner_text() == "（适用于单位）"
    assert page.locator("#preview iframe").count() == 0   # no document while the rules refuse the case
    tab_to(page, choice_id(page, "measures", "检查"))
    page.keyboard.press("Space")
    settle(page)
    assert page.locator("#f-measures .problem").count() == 0

    # Save, download the DOCX: the bytes `regtext render` writes for the saved file.
    tab_to(page, "draft")
    page.keyboard.type("zhang_web")
    tab_to(page, "save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "/?draft=zhang_web", page.content()[:500]
    saved = cases / "zhang_web.yaml"
    with page.expect_download() as download:
        tab_to(page, "download-docx")
        page.keyboard.press("Enter")
    got = tmp_path / "got.docx"
    download.value.save_as(got)
    assert main(["render", str(saved), "-o", str(tmp_path / "cli.docx")]) == 0
    assert got.read_bytes() == (tmp_path / "cli.docx").read_bytes()

    # Reopen: every fact back in its control.
    page.goto(base + "/")
    page.goto(base + "/?draft=zhang_web")
    assert page.input_value("#f-subject-name") == "张某某"
    assert page.input_value("#f-facts") == FACTS
    assert page.is_checked(f"#{choice_id(page, 'findings', '责任落实不力')}")
    assert page.is_checked(f"#{choice_id(page, 'measures', '诫勉')}")
    assert page.inner_text("#kind") == "决定"
    page.go_back()
    page.go_forward()
    assert page.input_value("#f-subject-name") == "张某某"


@pytest.mark.chromium
def it_keeps_unsaved_edits_over_a_reload_and_the_back_button(server: tuple[str, Path], page) -> None:
    base, _ = server
    page.goto(base + "/")
    fill_person_case(page)
    page.reload()
    page.wait_for_selector("html[data-restored]")
    assert page.input_value("#f-subject-name") == "张某某"
    assert page.is_checked(f"#{choice_id(page, 'measures', '诫勉')}")
    assert page.inner_text("#basis") == "根据《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（三）项之规定"
    settle(page)
    tab_to(page, "f-subject-name")     # the restored form is live
    page.keyboard.press("End")
    page.keyboard.type("甲")
    settle(page)
    assert page.frame_locator("#preview iframe").locator("h1").inner_text() == "关于对张某某甲同志进行诫勉的决定"
    page.goto("about:blank")
    page.go_back()
    page.wait_for_function("() => document.querySelector('#f-subject-name').value === '张某某甲'")


@pytest.mark.chromium
def it_has_no_serious_accessibility_violation(server: tuple[str, Path], tmp_path: Path) -> None:
    from tests.support.browser import chromium_page, require_chromium

    require_chromium()
    base, cases = server
    (cases / "zhang.yaml").write_bytes((ROOT / "examples" / "zhang_jiemian.yaml").read_bytes())
    (cases / "broken.yaml").write_text("regulation: [\n", encoding="utf-8")
    # The page's policy forbids inline script, axe's injection included: the test lifts it for axe only.
    for width in (1280, 360):
        with chromium_page(width=width, height=800, bypass_csp=True) as p:
            for address in ("/", "/?draft=zhang", "/?draft=broken"):
                p.goto(base + address)
                p.add_script_tag(path=str(AXE))
                result = p.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
                serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                           if v["impact"] in ("serious", "critical")]
                assert serious == [], (address, width)
            scroll = p.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert scroll <= 0, f"the page scrolls sideways at {width} px"


@pytest.mark.chromium
def it_takes_the_screenshot_shown_in_the_readme(server: tuple[str, Path], page, tmp_path: Path) -> None:
    """docs/web.png is this page; REGTEXT_SCREENSHOTS=1 writes it there (looked at before committing)."""
    base, cases = server
    (cases / "zhang.yaml").write_bytes((ROOT / "examples" / "zhang_jiemian.yaml").read_bytes())
    page.set_viewport_size({"width": 1280, "height": 860})
    page.goto(base + "/?draft=zhang")
    page.wait_for_function("() => document.querySelector('#preview iframe')")
    page.frame_locator("#preview iframe").locator("h1").wait_for()
    tab_to(page, choice_id(page, "findings", "责任落实不力"))
    page.keyboard.press("Space")
    settle(page)
    page.locator("#f-findings").scroll_into_view_if_needed()
    shot = tmp_path / "web.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    readme_copy = ROOT / "docs" / "web.png"
    if os.environ.get("REGTEXT_SCREENSHOTS") == "1":
        readme_copy.write_bytes(shot.read_bytes())
    assert readme_copy.exists() and readme_copy.stat().st_size < 400_000
