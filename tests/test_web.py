"""regtext serve: the HTTP API answers what the CLI answers (decide's JSON, render's bytes), the
form is the case schema and the rulebook, drafts stay in their folder, and the security promises
of the README hold (token, Host, cross-site POST, CSRF, body size, headers, logs)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="needs the web extra: pip install '.[web]'")
pytest.importorskip("starlette.testclient", reason="needs httpx2 (the test extra) for starlette's TestClient")

import html5lib  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from regtext.cli import main  # noqa: E402
from regtext.decide.case import case_schema  # noqa: E402
from regtext.web import app  # noqa: E402
from regtext.web.service import MAX_BODY  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ZHANG = ROOT / "examples" / "zhang_jiemian.yaml"
OFFICE = ROOT / "examples" / "profiles" / "某某县纪委监委.issuer.yaml"
TOKEN = "t" * 24


def client(cases: Path | None = None, token: str | None = None, **kwargs) -> TestClient:
    return TestClient(app(cases_dir=cases, token=token), base_url="http://localhost:8000", **kwargs)


def csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


def cli_output(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


# -- the API is the CLI -----------------------------------------------------------------------------

@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.stem)
def it_answers_decide_with_the_json_of_decide_to_json(case: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    name = f"examples/{case.name}"
    _, expected = cli_output(["decide", "--to", "json", name], capsys)
    response = client().post(f"/api/decide?name={name}", content=case.read_bytes(),
                             headers={"content-type": "application/yaml"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.text == expected


def it_takes_a_case_as_json_and_locates_its_problems_in_the_json() -> None:
    import yaml

    data = yaml.safe_load(ZHANG.read_text(encoding="utf-8"))
    data["date"] = data["date"].isoformat()
    data["measures"] = ["检查"]   # 第五条第（一）项: a measure for organisations, chosen for a person
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = client().post("/api/decide", content=body.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 200   # decide answers; the problem is in its errors
    errors = response.json()["errors"]
    assert [(e["code"], e["path"]) for e in errors] == [("D102", "measures[0]")]
    line = body.split("\n").index('  "measures": [') + 2
    assert errors[0]["where"] == f"case.yaml:{line}:5"


@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def it_renders_the_bytes_regtext_render_writes(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"zhang.{fmt}"
    assert main(["render", str(ZHANG), "-o", str(out)]) == 0
    response = client().post(f"/api/render?to={fmt}", content=ZHANG.read_bytes())
    assert response.status_code == 200
    assert response.content == out.read_bytes()


def it_answers_422_with_decides_json_when_the_rules_refuse_the_case() -> None:
    text = ZHANG.read_text(encoding="utf-8").replace("measures: [诫勉]", "measures: [检查]")
    response = client().post("/api/render?to=docx", content=text.encode())
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["code"] == "D102"
    assert body["errors"][0]["provision"] == "第五条第（一）项"


def it_answers_422_with_the_located_problem_for_unusable_yaml() -> None:
    response = client().post("/api/decide?name=mine.yaml", content="regulation: x\nissuer: [a\n".encode())
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (error["path"], error["line"], error["code"], error["severity"]) == ("mine.yaml", 3, "C301", "error")
    assert error["message"].startswith("invalid YAML")


def it_answers_503_naming_what_is_missing_where_the_machine_cannot_make_pdf(monkeypatch: pytest.MonkeyPatch,
                                                                           tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))   # no soffice
    response = client().post("/api/render?to=pdf", content=ZHANG.read_bytes())
    assert response.status_code == 503
    assert response.text == ("regtext: no PDF on this machine: cannot write PDF: LibreOffice (soffice) is not installed "
                             "or not on PATH — download the DOCX\n")


def it_refuses_an_unknown_format_and_content_type() -> None:
    assert client().post("/api/render?to=odt", content=ZHANG.read_bytes()).status_code == 400
    response = client().post("/api/decide", content=b"x", headers={"content-type": "text/html"})
    assert response.status_code == 415


def it_reports_a_render_time_refusal_under_its_own_code() -> None:
    """An 印发日期 with no 印发机关 is refused when rendering (the profile may hold the 印发机关):
    the record carries D123, not the generic code of an unreadable case."""
    body = ZHANG.read_bytes() + b"printed: 2024-05-21\n"
    response = client().post("/api/render?to=docx", content=body, headers={"content-type": "application/yaml"})
    assert response.status_code == 422
    assert [(e["code"], e["line"]) for e in response.json()["errors"]] == [("D123", 23)]


def it_refuses_a_body_declared_in_another_charset_than_utf_8() -> None:
    """The body would be read as UTF-8 and mean another text than the one sent."""
    response = client().post("/api/decide", content=ZHANG.read_bytes(),
                             headers={"content-type": "application/yaml; charset=latin-1"})
    assert (response.status_code, response.text) == (
        415, "regtext: charset=latin-1: send the case as UTF-8 (charset=utf-8, or no charset)\n")
    ok = client().post("/api/decide", content=ZHANG.read_bytes(), headers={"content-type": "application/yaml; charset=UTF-8"})
    assert ok.status_code == 200


def it_survives_a_bad_case_and_answers_the_next() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    c = client()
    assert c.post("/api/decide", content=bomb.encode()).status_code == 422
    assert c.post("/api/decide", content=b"\xff\xfe").status_code == 400
    assert c.post("/api/decide", content=ZHANG.read_bytes()).status_code == 200


# -- security -------------------------------------------------------------------------------------

def it_refuses_to_bind_another_address_without_a_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "--host 0.0.0.0 lets other machines connect: give --token T" in capsys.readouterr().err


def it_names_the_extra_when_the_web_packages_are_missing(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == "regtext: error: regtext serve needs uvicorn (pip install 'regtext[web]')\n"


def it_needs_the_token_on_every_request_when_there_is_one() -> None:
    c = client(token=TOKEN)
    assert c.get("/").status_code == 401
    assert c.post("/api/decide", content=ZHANG.read_bytes()).status_code == 401
    assert c.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert c.post("/api/decide", content=ZHANG.read_bytes(),
                  headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    # The printed address carries it once; then a cookie (HttpOnly, SameSite=Strict) does.
    first = c.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "httponly" in first.headers["set-cookie"].lower() and "samesite=strict" in first.headers["set-cookie"].lower()
    assert c.get("/").status_code == 200
    assert c.get(f"/?draft=x&token={TOKEN}", follow_redirects=False).headers["location"] == "/?draft=x"


def it_answers_only_to_this_machines_names_without_a_token() -> None:
    """A page elsewhere cannot rebind its own name to 127.0.0.1 and read the app."""
    c = client()
    assert c.get("/", headers={"host": "evil.example:8000"}).status_code == 421
    assert c.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert c.get("/", headers={"host": "[::1]:8000"}).status_code == 200
    for other in ("[::1].evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "127.0.0.1:80:80", ""):
        assert c.get("/", headers={"host": other}).status_code == 421, other


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
                                             ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                             ("127.0.0.1.nip.io", False), ("::", False)])
def it_knows_a_loopback_address(host: str, local: bool) -> None:
    from regtext.web.server import is_loopback

    assert is_loopback(host) is local


def it_refuses_a_cross_site_post() -> None:
    c = client()
    body = ZHANG.read_bytes()
    assert c.post("/api/decide", content=body, headers={"origin": "http://evil.example"}).status_code == 403
    assert c.post("/api/decide", content=body, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert c.post("/api/decide", content=body, headers={"origin": "http://localhost:8000",
                                                         "sec-fetch-site": "same-origin"}).status_code == 200


def it_refuses_a_form_post_without_this_processs_csrf_token(tmp_path: Path) -> None:
    c = client(tmp_path)
    assert c.post("/ui/save", data={"draft": "x", "regulation": "y"}).status_code == 403
    assert c.post("/ui/save", data={"draft": "x", "csrf": "stale"}).status_code == 403
    assert list(tmp_path.iterdir()) == []


def it_refuses_an_oversized_body_with_413() -> None:
    c = client()
    big = b"#" * (MAX_BODY + 1)
    assert c.post("/api/decide", content=big).status_code == 413
    # Without a Content-Length (chunked), the reader stops at the limit.
    assert c.post("/api/decide", content=iter([big[:MAX_BODY], b"#"])).status_code == 413


def it_sends_a_content_security_policy_without_inline_script() -> None:
    response = client().get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    page = response.text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/htmx.min.js" defer>',
                                                  '<script src="/static/app.js" defer>']
    assert not re.search(r"\s(style|on[a-z]+)=", page)


@pytest.mark.parametrize("name", ["../outside", "/etc/passwd", "a/b", ".hidden", "x..y", "..", "a\\b", ""])
def it_confines_drafts_to_the_cases_folder(name: str, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    c = client(cases)
    token = csrf(c.get("/").text)
    response = c.post("/ui/save", data={"csrf": token, "draft": name, "regulation": "ningxia_anquan_zhuijiu_2023"})
    assert response.status_code == 422
    assert "is not a draft name" in response.text
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["cases"]


def it_refuses_to_open_or_write_through_a_link(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    secret = tmp_path / "secret.yaml"
    secret.write_text("regulation: x\n", encoding="utf-8")
    (cases / "link.yaml").symlink_to(secret)
    c = client(cases)
    opened = c.get("/?draft=link")
    assert opened.status_code == 422 and "not a regular file" in opened.text and "regulation: x" not in opened.text
    saved = c.post("/ui/save", data={"csrf": csrf(c.get("/").text), "draft": "link"})
    assert saved.status_code == 422
    assert secret.read_text(encoding="utf-8") == "regulation: x\n"


def it_refuses_a_draft_path_in_the_address(tmp_path: Path) -> None:
    response = client(tmp_path).get("/?draft=../../etc/passwd")
    assert response.status_code == 422
    assert "root:" not in response.text


def it_logs_no_case_data(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    c = client()
    c.post("/api/decide?name=张某某.yaml", content=ZHANG.read_bytes())
    c.post("/api/decide", content=ZHANG.read_text(encoding="utf-8").replace("诫勉", "检查").encode())
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /api/decide 200" in logged
    assert "张某某" not in logged and "某某县" not in logged and "检查" not in logged


# -- the form -------------------------------------------------------------------------------------

def it_generates_a_labelled_control_for_every_property_of_the_case_schema() -> None:
    page = client().get("/?").text
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    labels = {label.get("for") for label in tree.iter("label")}
    controls = [e for e in tree.iter() if e.tag in ("input", "select", "textarea") and e.get("type") != "hidden"]
    assert controls and all(e.get("id") in labels for e in controls)
    names = {e.get("name") for e in controls}
    schema = case_schema()["properties"]
    expected = {n for n, p in schema.items() if p.get("type") not in ("object",) and n not in ("sanctions", "circumstances")}
    expected |= {f"subject.{n}" for n in schema["subject"]["properties"]}
    expected |= {"circumstances[0].provision", "circumstances[0].effect"}   # rows: one to fill in
    assert expected - {"findings", "measures"} <= names   # choices appear once a regulation is chosen


GONGWEN_LABELS = {
    "copy_number": "份号（6位数字，如 000123）", "secrecy": "密级和保密期限（如 秘密★1年）",
    "urgency": "紧急程度（如 特急、加急）", "signers": "签发人（上行文；每行一个）",
    "attachments": "附件名称（每行一个，不加序号和标点）", "annotation": "附注（不加括号）", "printer": "印发机关",
    "printed": "印发日期", "profile": "发文机关配置文件（版头、印发机关、印章；草稿文件夹中的文件名）",
}


def it_offers_the_fields_of_the_whole_gongwen_with_chinese_labels() -> None:
    tree = html5lib.parse(client().get("/").text, namespaceHTMLElements=False)
    labels = {label.get("for"): "".join(label.itertext()) for label in tree.iter("label")}
    assert {name: labels.get(f"f-{name}") for name in GONGWEN_LABELS} == GONGWEN_LABELS
    english = {for_: text for for_, text in labels.items() if not re.search(r"[\u4e00-\u9fff]", text)}
    assert english == {}   # every control of the schema is labelled in Chinese, none by the schema's description


def it_shows_the_gongwen_problems_beside_their_fields() -> None:
    from regtext.web.server import slot_id

    c = client()
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    form.update({"copy_number": "12345", "attachments": "问题线索清单\n2.谈话记录。", "annotation": "（此件发至县级）",
                 "printed": "2024-05-19"})
    answer = c.post("/ui/update", data=form).text

    def beside(key: str) -> list[str]:
        slot = re.search(rf'<div class="problems" id="{slot_id(key)}" hx-swap-oob="true">(.*?)</div>', answer, re.S)
        assert slot, key
        return re.findall(r'<p class="problem">(.*?)</p>', slot.group(1))

    assert [m.split(" ", 1)[0] for m in beside("copy_number")] == ["D111"]
    assert [m.split(" ", 1)[0] for m in beside("attachments")] == ["D121"]   # the second line, named in it
    assert "&#39;2.谈话记录。&#39; ends with &#39;。&#39;" in beside("attachments")[0]
    assert beside("annotation") == ["D122 附注 &#39;（此件发至县级）&#39; is written with its brackets: write &#39;此件发至县级&#39;, "
                                    "regtext prints it in （） [GB/T 9704-2012 7.3.6]"]
    assert [m.split(" ", 1)[0] for m in beside("printed")] == ["D123"]


def it_offers_only_the_measures_the_rulebook_allows_for_the_subject(tmp_path: Path) -> None:
    page = client(ROOT / "examples").get("/?draft=zhang_jiemian").text
    measures = re.findall(r'name="measures" value="([^"]+)"', page)
    assert measures == ["谈话提醒、批评教育、责令作出书面检查", "通报", "诫勉", "组织调整或者组织处理",
                        "党纪政务处分", "追究刑事责任"]
    assert re.search(r'value="诫勉" checked', page)
    assert "监管落实不力</span> — <span class=\"citation\">第四条第（三）项</span>" in page


def it_shows_a_chosen_measure_of_another_subject_with_its_error_beside_it() -> None:
    c = client()
    text = ZHANG.read_text(encoding="utf-8")
    form = _form_of(c, text)
    form["subject.type"] = "organization"
    page = c.post("/ui/update", data=form).text
    assert "（适用于个人）" in page
    assert "D102 诫勉 is a measure for persons" in page


def it_saves_the_case_the_form_holds_and_opens_it_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = client(tmp_path)
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    form["draft"] = "张某某_诫勉"
    saved = c.post("/ui/save", data=form, follow_redirects=False)
    assert saved.status_code == 303
    path = tmp_path / "张某某_诫勉.yaml"
    assert main(["render", str(path), "-o", str(tmp_path / "a.docx")]) == 0
    assert main(["render", str(ZHANG), "-o", str(tmp_path / "b.docx")]) == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    downloaded = c.post("/ui/download?to=docx", data=form)
    assert downloaded.content == (tmp_path / "a.docx").read_bytes()
    assert "attachment" in downloaded.headers["content-disposition"]
    reopened = c.get(saved.headers["location"]).text
    assert 'value="张某某"' in reopened and 'value="诫勉" checked' in reopened


def it_refuses_to_save_over_a_file_whose_keys_the_form_cannot_carry(tmp_path: Path) -> None:
    text = ZHANG.read_text(encoding="utf-8").replace("subject:\n", "subject:\n  nickname: 老张\n") + "isuer: 某某县纪委\n"
    assert "nickname" in text
    (tmp_path / "hand.yaml").write_text(text, encoding="utf-8")
    c = client(tmp_path)
    form = _form_of(c, text)
    form["draft"] = "hand"
    response = c.post("/ui/save", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert ("未能保存草稿：hand.yaml has keys the form cannot carry: subject.nickname, isuer — saving from the form "
            "would drop them (edit the file itself (correct or remove them), or save under another name)") in response.text
    assert (tmp_path / "hand.yaml").read_text(encoding="utf-8") == text
    form["draft"] = "hand-2"   # under another name: saved, without the keys
    assert c.post("/ui/save", data=form, follow_redirects=False).status_code == 303
    assert c.post("/ui/save", data=form, follow_redirects=False).status_code == 303   # and saved again over itself


def it_refuses_to_save_over_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("regulation: [x\n", encoding="utf-8")
    c = client(tmp_path)
    response = c.post("/ui/save", data={"csrf": csrf(c.get("/").text), "draft": "broken", "issuer": "某某县纪委监委"})
    assert response.status_code == 422
    assert "未能保存草稿：broken.yaml cannot be read as YAML (broken.yaml:2:1: invalid YAML" in response.text
    assert (tmp_path / "broken.yaml").read_text(encoding="utf-8") == "regulation: [x\n"


def it_shows_the_errors_of_a_hand_written_draft_with_their_lines(tmp_path: Path) -> None:
    (tmp_path / "hand.yaml").write_text("regulation: ningxia_anquan_zhuijiu_2023\nissuer: 某县纪委\nissuer: 某县监委\n",
                                        encoding="utf-8")
    response = client(tmp_path).get("/?draft=hand")
    assert response.status_code == 422
    assert "第 3 行第 1 列：C301 the key &#39;issuer&#39; is given twice (first at line 2)" in response.text
    assert '<span class="line bad"><span class="number">3</span>issuer: 某县监委</span>' in response.text


def _form_of(c: TestClient, text: str) -> dict[str, object]:
    """The fields the page's form would post for a case file's text (opened as a draft)."""
    from regtext.decide.case import plain_data
    from regtext.web import form as forms
    from regtext.yamlfile import load_yaml

    case = plain_data(load_yaml("x.yaml", text).data)
    page = c.get("/").text
    data: dict[str, object] = {"csrf": csrf(page)}

    def walk(fields: list[forms.Field]) -> None:
        for f in fields:
            if f.widget == "group":
                walk(f.children)
            elif f.widget == "choices":
                chosen = forms.chosen_values(f.path, case, forms.rulebook_of(case))
                data[f.path] = [c.value for c in f.choices if c.value in chosen]
                data[f"shown.{f.path}"] = forms.signature(f)
            elif f.widget == "sanctions":
                data[f"shown.{f.path}"] = forms.signature(f)
                walk([sub for row in f.rows for sub in row])
            elif f.value not in (None, ""):
                data[f.path] = f.value
    walk(forms.fields(case))
    return data


def it_decides_an_opened_draft_as_its_file_and_shows_each_problem_at_its_line(tmp_path: Path) -> None:
    text = ZHANG.read_text(encoding="utf-8").replace("measures: [诫勉]", "measures: [检查]")
    (tmp_path / "wrong.yaml").write_text(text, encoding="utf-8")
    page = client(tmp_path).get("/?draft=wrong").text
    line = text.split("\n").index("measures: [检查]") + 1
    assert f"第 {line} 行第 12 列：D102 measures[0]: 检查 is a measure for organisations" in page
    assert f'<span class="line bad"><span class="number">{line}</span>measures: [检查]</span>' in page
    assert "D102 检查 is a measure for organisations" in page   # and beside the measure


def it_keeps_a_value_a_list_does_not_offer_instead_of_changing_it(tmp_path: Path) -> None:
    text = ZHANG.read_text(encoding="utf-8").replace("sex: 男", "sex: M").replace("party_member: true", "party_member: yes")
    (tmp_path / "odd.yaml").write_text(text, encoding="utf-8")
    page = client(tmp_path).get("/?draft=odd").text
    assert '<option value="M" selected>M（不是可选的值）</option>' in page
    assert '<option value="true" selected>是</option>' in page   # YAML's yes is true


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.stem)
def it_loses_nothing_of_a_case_file_between_the_form_and_the_document(case: Path, tmp_path: Path) -> None:
    """Every example opened in the form and posted back: the same facts, the same DOCX bytes."""
    import yaml

    from regtext.decide.case import plain_data
    c = client()
    form = _form_of(c, case.read_text(encoding="utf-8"))
    posted = c.post("/ui/download?to=yaml", data=form)
    assert plain_data(yaml.safe_load(posted.text)) == plain_data(yaml.safe_load(case.read_text(encoding="utf-8")))
    assert main(["render", str(case), "-o", str(tmp_path / "cli.docx")]) == 0
    assert c.post("/ui/download?to=docx", data=form).content == (tmp_path / "cli.docx").read_bytes()


def it_answers_a_failed_download_with_the_page_and_the_reason() -> None:
    c = client()
    form = _form_of(c, ZHANG.read_text(encoding="utf-8").replace("measures: [诫勉]", "measures: [检查]"))
    response = c.post("/ui/download?to=docx", data=form)
    assert response.status_code == 422
    assert '<p class="notice" role="alert">未能生成 DOCX：检查 is a measure for organisations' in response.text
    assert 'value="张某某"' in response.text   # the form as it was


def it_answers_a_bug_with_500_and_logs_no_case_data(monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    from regtext.web import server

    def broken(text: str, name: str) -> None:
        raise RuntimeError(f"failed on {text[:40]}")

    c = client(raise_server_exceptions=False)
    monkeypatch.setattr(server, "decide_text", broken)
    caplog.set_level(logging.DEBUG)
    response = c.post("/api/decide", content=ZHANG.read_bytes())
    assert response.status_code == 500 and response.text == "regtext: internal error (please report this)\n"
    assert "internal error on POST /api/decide: RuntimeError" in caplog.text
    assert "某某" not in caplog.text and "Traceback" not in caplog.text
    monkeypatch.undo()
    assert c.post("/api/decide", content=ZHANG.read_bytes()).status_code == 200


def it_starts_a_new_draft_with_the_issuer_and_cc_of_the_issuer_profile() -> None:
    page = TestClient(app(profile=OFFICE), base_url="http://localhost").get("/").text
    assert '<textarea id="f-issuer" name="issuer" rows="2">某某县纪委监委</textarea>' in page
    assert re.search(r'<textarea id="f-cc" name="cc"[^>]*>某某县委组织部</textarea>', page)


def it_starts_a_joint_draft_with_every_organ_of_a_joint_profile(tmp_path: Path) -> None:
    (tmp_path / "joint.yaml").write_text("names: [某某县纪委, 某某县监委]\n", encoding="utf-8")
    page = TestClient(app(profile=tmp_path / "joint.yaml"), base_url="http://localhost").get("/").text
    assert '<textarea id="f-issuer" name="issuer" rows="2">某某县纪委\n某某县监委</textarea>' in page


def it_refuses_at_start_a_profile_that_is_not_an_issuer_profile(tmp_path: Path) -> None:
    from regtext.errors import InputError

    (tmp_path / "office.yaml").write_text("names: [某某县纪委监委]\nprinted: 某某县纪委监委办公室\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        app(profile=tmp_path / "office.yaml")
    assert caught.value.message.startswith("printed: Additional properties are not allowed ('printed' was unexpected)")
    assert str(caught.value.location) == f"{tmp_path / 'office.yaml'}:2:10"


def it_gives_every_document_the_profile_as_render_dash_dash_issuer_does(tmp_path: Path) -> None:
    out, bare = tmp_path / "cli.docx", tmp_path / "bare.docx"
    assert main(["render", str(ZHANG), "--issuer", str(OFFICE), "-o", str(out)]) == 0
    assert main(["render", str(ZHANG), "-o", str(bare)]) == 0
    assert out.read_bytes() != bare.read_bytes()   # the profile shows: 版头, 印发机关
    c = TestClient(app(cases_dir=tmp_path, profile=OFFICE), base_url="http://localhost")
    assert c.post("/api/render?to=docx", content=ZHANG.read_bytes()).content == out.read_bytes()
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    assert c.post("/ui/download?to=docx", data=form).content == out.read_bytes()
    form["draft"] = "zhang"
    assert c.post("/ui/download?to=docx", data=form).content == out.read_bytes()


def it_gives_every_document_the_seal_of_the_profile_as_render_dash_dash_issuer_does(tmp_path: Path) -> None:
    from tests.support.seal import seal_png

    (tmp_path / "seal.png").write_bytes(seal_png())
    profile = tmp_path / "office.issuer.yaml"
    profile.write_text(OFFICE.read_text(encoding="utf-8") + "seal: seal.png\n", encoding="utf-8")
    out = tmp_path / "cli.docx"
    assert main(["render", str(ZHANG), "--issuer", str(profile), "-o", str(out)]) == 0
    assert b"word/media/" in out.read_bytes()   # the seal is in it
    c = TestClient(app(profile=profile), base_url="http://localhost")
    assert c.post("/api/render?to=docx", content=ZHANG.read_bytes()).content == out.read_bytes()


def it_never_takes_an_issuer_yaml_from_the_servers_working_directory(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "issuer.yaml").write_bytes(OFFICE.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(ZHANG), "-o", "bare.docx"]) == 0   # examples/ has no issuer.yaml
    c = client()
    assert c.post("/api/render?to=docx", content=ZHANG.read_bytes()).content == (tmp_path / "bare.docx").read_bytes()
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    assert c.post("/ui/download?to=docx", data=form).content == (tmp_path / "bare.docx").read_bytes()


def it_renders_a_draft_with_the_profile_regtext_render_finds_for_the_saved_file(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "issuer.yaml").write_bytes(OFFICE.read_bytes())
    c = client(cases)
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    form["draft"] = "zhang"
    assert c.post("/ui/save", data=form, follow_redirects=False).status_code == 303
    assert main(["render", str(cases / "zhang.yaml"), "-o", str(tmp_path / "saved.docx")]) == 0
    assert main(["render", str(ZHANG), "--issuer", str(OFFICE), "-o", str(tmp_path / "office.docx")]) == 0
    assert (tmp_path / "saved.docx").read_bytes() == (tmp_path / "office.docx").read_bytes()
    assert c.post("/ui/download?to=docx", data=form).content == (tmp_path / "saved.docx").read_bytes()


def it_opens_a_drafts_own_profile_only_inside_the_drafts_folder(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "office.issuer.yaml").write_bytes(OFFICE.read_bytes())
    (tmp_path / "outside.issuer.yaml").write_bytes(OFFICE.read_bytes())
    assert main(["render", str(ZHANG), "--issuer", str(OFFICE), "-o", str(tmp_path / "office.docx")]) == 0
    c = client(cases)
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    form["profile"] = "office.issuer.yaml"
    assert c.post("/ui/download?to=docx", data=form).content == (tmp_path / "office.docx").read_bytes()
    form["profile"] = "../outside.issuer.yaml"
    refused = c.post("/ui/download?to=docx", data=form)
    assert refused.status_code == 422
    assert "profile: &#39;../outside.issuer.yaml&#39;: the app opens a profile only in its drafts folder" in refused.text
    form["profile"] = "nowhere.yaml"
    assert "profile: &#39;nowhere.yaml&#39;: no such file in the drafts folder" in \
        c.post("/ui/download?to=docx", data=form).text


def it_refuses_an_api_case_naming_a_profile_it_has_no_folder_for() -> None:
    text = ZHANG.read_text(encoding="utf-8") + "profile: office.issuer.yaml\n"
    response = client().post("/api/render?to=docx", content=text.encode())
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["message"] == "profile: 'office.issuer.yaml': a case given to the app has no folder to find its profile in"
    assert (error["line"], error["column"]) == (len(text.split("\n")) - 1, 10)


@pytest.mark.parametrize("name", ["issuer", "某某县纪委监委.issuer"])
def it_refuses_to_save_a_draft_under_an_issuer_profiles_name(name: str, tmp_path: Path) -> None:
    c = client(tmp_path)
    response = c.post("/ui/save", data={"csrf": csrf(c.get("/").text), "draft": name, "issuer": "某某县纪委监委"})
    assert response.status_code == 422
    assert "is the name of a rulebook, metadata or issuer profile file, not a case" in response.text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.libreoffice
def it_downloads_the_pdf_of_the_docx_with_the_profiles_head(tmp_path: Path) -> None:
    """The PDF is LibreOffice's typesetting of the app's DOCX: with --profile, the 版头 and the 印发机关
    of the profile, and the document's text."""
    from regtext.render import render_case
    from tests.support.office import pdf_text_layout, require_libreoffice

    require_libreoffice()
    c = TestClient(app(profile=OFFICE), base_url="http://localhost")
    response = c.post("/ui/download?to=pdf", data=_form_of(c, ZHANG.read_text(encoding="utf-8")))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    (tmp_path / "zhang.pdf").write_bytes(response.content)
    lines = ["".join(line.split()) for page in pdf_text_layout(tmp_path / "zhang.pdf") for line in page
             if line.strip() and not re.fullmatch(r"\s*—\d+—\s*", line)]   # no page numbers
    assert lines[0] == "某某县纪委监委文件"   # the 标志 and its suffix
    # the profile's 印发机关 prints only with an 印发日期 (the case's printed:), which zhang_jiemian has not
    assert lines[-1] == "抄送：某某县委组织部，某某县应急管理局。"
    paragraphs = render_case(ZHANG, issuer=OFFICE).paragraphs
    paragraphs = sorted(paragraphs, key=lambda p: p.role != "number")   # the head puts the 文号 above the title
    assert "".join(lines[1:]) == "".join("".join(p.text for p in paragraphs).split())   # the document's text, nothing lost


def it_previews_the_bytes_of_regtext_render_to_html(tmp_path: Path) -> None:
    c = client()
    answer = c.post("/ui/update", data=_form_of(c, ZHANG.read_text(encoding="utf-8"))).text
    key = re.search(r'<iframe src="/ui/preview/([^"]+)"', answer)
    assert key
    preview = c.get(f"/ui/preview/{key.group(1)}")
    assert main(["render", str(ZHANG), "-o", str(tmp_path / "z.html")]) == 0
    assert preview.content == (tmp_path / "z.html").read_bytes()
    assert preview.headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    assert c.get("/ui/preview/unknown").status_code == 404


@pytest.mark.parametrize("path", ["/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py",
                                  "/static//etc/passwd"])
def it_serves_no_file_outside_its_static_folder(path: str) -> None:
    response = client().get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def it_shows_the_sanction_fields_when_a_sanction_measure_is_chosen() -> None:
    c = client()
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    assert form["shown.sanctions"] == "hidden"
    form["measures"] = ["诫勉", "党纪政务处分"]
    answer = c.post("/ui/update", data=form).text
    shown = re.search(r'<fieldset class="sanctions" id="f-sanctions" hx-swap-oob="true">.*?</fieldset>', answer, re.S)
    assert shown
    assert '<option value="government">政务处分</option>' in shown.group(0)
    assert "例如：《中华人民共和国公职人员政务处分法》第三十九条" in shown.group(0)
    assert '<option value="撤销党内职务">党纪处分：撤销党内职务</option>' in shown.group(0)
    from regtext.web.server import slot_id

    beside = re.search(rf'<div class="problems" id="{slot_id("measures")}" hx-swap-oob="true">(.*?)</div>', answer, re.S)
    assert beside and beside.group(1).startswith('<p class="problem">D104 党纪政务处分 (第六条第一款第（五）项) needs')


# -- what a forged or odd request or draft gets (attackweb, items 2-5 and 7-10) ---------------------

def it_refuses_json_nested_too_deeply_to_read_with_400() -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = client().post("/api/decide", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.text == ("regtext: the body is not JSON: its values are nested too deeply to be read "
                             "(a case file nests them at most 64 levels deep)\n")


NEL_NOTICE = "facts: the character U+0085 (NEXT LINE) cannot be kept in a case file: delete it"


def it_refuses_a_character_a_case_file_cannot_keep_naming_the_field_and_the_character(tmp_path: Path) -> None:
    """YAML reads U+0085 as a line break: the case would be saved and rendered as another text."""
    c = client(tmp_path)
    form = _form_of(c, ZHANG.read_text(encoding="utf-8"))
    form["facts"] = "2024年1月\u0085张某某"
    form["draft"] = "nel"
    saved = c.post("/ui/save", data=form, follow_redirects=False)
    assert saved.status_code == 422
    assert f"未能保存草稿：{NEL_NOTICE}" in saved.text
    assert list(tmp_path.iterdir()) == []
    for fmt in ("yaml", "docx"):
        downloaded = c.post(f"/ui/download?to={fmt}", data=form)
        assert downloaded.status_code == 422
        assert f"未能生成 {fmt.upper()}：{NEL_NOTICE}" in downloaded.text
    updated = c.post("/ui/update", data=form)   # the live page shows why, beside the field
    assert updated.status_code == 200
    assert "<li class=\"error\">facts：the character U+0085 (NEXT LINE) cannot be kept" in updated.text
    assert '<p class="problem">the character U+0085 (NEXT LINE) cannot be kept in a case file: delete it</p>' \
        in updated.text


WRONG_TYPES = {"regulation: [1]": "regulation: ningxia_anquan_zhuijiu_2023",
               "regulation: {a: 1}": "regulation: ningxia_anquan_zhuijiu_2023",
               "findings: 5": "findings: [监管落实不力]", "sanctions: 5": "cc: [某某县委组织部, 某某县应急管理局]",
               "cc: [1, {a: 1}]": "cc: [某某县委组织部, 某某县应急管理局]", "responsibility: [领导责任]": "responsibility: 领导责任"}


@pytest.mark.parametrize("line", WRONG_TYPES, ids=list(WRONG_TYPES))
def it_opens_a_draft_with_a_value_of_the_wrong_type_and_lists_its_error_at_its_line(line: str, tmp_path: Path) -> None:
    text = ZHANG.read_text(encoding="utf-8").replace(WRONG_TYPES[line], line)
    assert line in text
    (tmp_path / "odd.yaml").write_text(text, encoding="utf-8")
    c = client(tmp_path)
    page = c.get("/?draft=odd")
    assert page.status_code == 200
    number = text.split("\n").index(line) + 1
    assert f'<span class="line bad"><span class="number">{number}</span>' in page.text
    form = _form_of(c, text)
    form["draft"] = "odd"
    saved = c.post("/ui/save", data=form, follow_redirects=False)   # the form would change the value: refused
    assert saved.status_code == 422
    assert f"未能保存草稿：odd.yaml has keys the form cannot carry: {line.split(':')[0]} — saving" in saved.text
    assert (tmp_path / "odd.yaml").read_text(encoding="utf-8") == text


def it_shows_a_text_where_a_list_belongs_as_one_choice_and_refuses_to_save_over_it(tmp_path: Path) -> None:
    text = ZHANG.read_text(encoding="utf-8").replace("findings: [监管落实不力]", "findings: 监管落实不力")
    (tmp_path / "findstr.yaml").write_text(text, encoding="utf-8")
    c = client(tmp_path)
    page = c.get("/?draft=findstr").text
    assert 'value="监管落实不力" checked' in page
    assert 'value="监"' not in page and 'value="力"' not in page
    form = _form_of(c, text)
    assert form["findings"] == ["监管落实不力"]
    form["draft"] = "findstr"
    saved = c.post("/ui/save", data=form, follow_redirects=False)
    assert saved.status_code == 422
    assert "未能保存草稿：findstr.yaml has keys the form cannot carry: findings — saving" in saved.text
    assert (tmp_path / "findstr.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("body", [b"facts=%ff%fe", b"facts=\xff\xfe", b"draft=%C3"], ids=["escaped", "raw", "cut"])
def it_refuses_a_form_that_is_not_utf_8_as_the_api_does(body: bytes, tmp_path: Path) -> None:
    c = client(tmp_path)
    token = csrf(c.get("/").text)
    response = c.post("/ui/save", content=f"csrf={token}&draft=inv&".encode() + body,
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400
    assert response.text == "regtext: the form is not UTF-8 text: send it as the page does\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["abc\n", "abc\n.yaml", "\nabc"])
def it_refuses_a_draft_name_with_a_newline(name: str, tmp_path: Path) -> None:
    c = client(tmp_path)
    saved = c.post("/ui/save", data={"csrf": csrf(c.get("/").text), "draft": name, "issuer": "某某县纪委监委"})
    assert saved.status_code == 422
    assert f"未能保存草稿：{name!r} is not a draft name".replace("'", "&#39;") in saved.text
    assert list(tmp_path.iterdir()) == []
    assert c.get("/", params={"draft": name}).status_code == 422
    downloaded = c.post("/ui/download?to=yaml", data={"csrf": csrf(c.get("/").text), "draft": name})
    assert downloaded.headers["content-disposition"] == "attachment; filename=\"case.yaml\"; filename*=UTF-8''case.yaml"


def it_refuses_a_single_valued_field_given_twice_and_takes_choices_given_many_times(tmp_path: Path) -> None:
    c = client(tmp_path)
    token = csrf(c.get("/").text)
    twice = c.post("/ui/download?to=yaml", content=f"csrf={token}&facts=a&facts=b".encode(),
                   headers={"content-type": "application/x-www-form-urlencoded"})
    assert twice.status_code == 400
    assert twice.text == "regtext: the field 'facts' is given twice: it holds one value (the page sends it once)\n"
    choices = c.post("/ui/download?to=yaml", content=f"csrf={token}&findings=a&findings=b".encode(),
                     headers={"content-type": "application/x-www-form-urlencoded"})
    assert choices.status_code == 200 and choices.text == "findings:\n- a\n- b\nmeasures: []\n"


def it_answers_the_forms_size_and_count_limits_in_its_own_words(tmp_path: Path) -> None:
    c = client(tmp_path)
    token = csrf(c.get("/").text)
    urlencoded = {"content-type": "application/x-www-form-urlencoded"}
    chunk = b"facts=" + b"x" * 100_000 + b"&"
    # Without a Content-Length (chunked), the reader stops at the limit: 413, as the README says.
    big = c.post("/ui/save", content=iter([f"csrf={token}&".encode()] + [chunk] * 11), headers=urlencoded)
    assert big.status_code == 413
    assert big.text == f"regtext: the body is larger than {MAX_BODY} bytes\n"
    many = c.post("/ui/save", content=f"csrf={token}&".encode() + b"&".join(b"x%d=1" % i for i in range(2001)),
                  headers=urlencoded)
    assert many.status_code == 400
    assert many.text == "regtext: the form has more than 2000 fields\n"
    for kind in ("multipart/form-data", "multipart/form-data; boundary=x", "text/plain"):
        other = c.post("/ui/save", content=b"--x--", headers={"content-type": kind})
        assert other.status_code == 415
        assert other.text == (f"regtext: Content-Type {kind.split(';')[0]}: the form is sent as "
                              "application/x-www-form-urlencoded (as the page sends it)\n")
    assert list(tmp_path.iterdir()) == []
