"""``regtext serve``: the drafter's web app and the HTTP API, on Starlette.

Pages are Jinja2 templates (web/templates), made live by htmx (web/static, vendored from its npm
package); the engine is the CLI's (service.py).  Security is the middleware below: the Host a
browser names must be this machine unless a token is required (a page on another site cannot
reach the app by rebinding its name to 127.0.0.1), the token when there is one, a cross-site
POST refused (Origin, Sec-Fetch-Site), the form's POSTs carrying this process's CSRF token, and
on every answer a Content-Security-Policy without inline script.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from threading import Lock
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..decide import Decision, load_rulebook
from ..decide.case import plain_data, schema_errors
from ..decide.engine import DOCUMENT_NAMES
from ..errors import InputError, NotFound, RegtextError
from ..issuer import Issuer, IssuerChoice, load_issuer
from ..problems import Problem
from ..publish.pdf import ConversionError
from ..render import DecisionErrors, choose_template, render_case
from ..templating.template import Analysis, missing_facts, needs
from ..yamlfile import load_yaml
from . import form as forms
from .drafts import NAME, Drafts
from .service import (
    MAX_BODY,
    Outcome,
    RequestError,
    body_text,
    case_name,
    charset_of,
    decide_text,
    decision_json,
    error_json,
    problem_of,
    record,
)

HERE = Path(__file__).parent
LOG = logging.getLogger("regtext.web")
#: What a page may load: its own files; no inline script or style, no framing, no plugins.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'")
#: The preview is the HTML rendering byte for byte (its own <style>), shown in a frame of the page.
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "yaml": "application/yaml; charset=utf-8"}
DOCUMENT_FORMATS = ("docx", "pdf", "html", "md")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
TOKEN_COOKIE = "regtext_token"
#: The most fields a form post may have (the page sends about 60; a few more per sanction row).
MAX_FIELDS = 2000
PREVIEWS = 32   # the latest previews kept in memory (never on disk)


def is_loopback(host: str) -> bool:
    """localhost, or an address of the loopback network (127.0.0.0/8, ::1, bracketed or not).
    A name that merely starts like one (127.0.0.1.evil.example) is not."""
    name = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def app(cases_dir: str | Path | None = None, token: str | None = None, profile: str | Path | None = None) -> Starlette:
    """The web app: drafts in ``cases_dir`` (none: drafts cannot be saved), every request needing
    ``token`` when given.  ``profile``: the office's issuer profile (regtext/issuer.py), read now
    (an error stops the start): every document gets its 版头, 印发机关 and seal, as ``regtext render
    --issuer profile`` gives them, and a new draft starts with its issuer and its 抄送."""
    state = _State(Drafts(cases_dir) if cases_dir else None, token, load_issuer(profile) if profile else None)
    for regulation, _ in forms.regulations():   # loaded now, not on a drafter's first change
        load_rulebook(regulation)
    routes = [
        Route("/", state.page, methods=["GET"]),
        Route("/ui/update", state.update, methods=["POST"]),
        Route("/ui/page", state.restore, methods=["POST"]),
        Route("/ui/save", state.save, methods=["POST"]),
        Route("/ui/download", state.download, methods=["POST"]),
        Route("/ui/preview/{key}", state.preview, methods=["GET"]),
        Route("/api/decide", state.api_decide, methods=["POST"]),
        Route("/api/render", state.api_render, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(BaseHTTPMiddleware, dispatch=state.guard)])


def _new_case(issuer: Issuer | None) -> dict[str, Any]:
    """What a new draft starts with: the profile's organs (all of them for a joint profile: its
    版头 stacks them all) and its default 抄送."""
    if issuer is None:
        return {}
    case: dict[str, Any] = {"issuer": issuer.names[0] if len(issuer.names) == 1 else list(issuer.names)}
    if issuer.cc:
        case["cc"] = list(issuer.cc)
    return case


def _internal(request: Request, exc: Exception) -> Response:
    """A bug of ours answers 500 in one line; the log names the exception's type, never its text
    or traceback (which may quote the case).  Caught here, before Starlette's own handler, which
    would hand the traceback to the server's log."""
    LOG.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return PlainTextResponse("regtext: internal error (please report this)\n", status_code=500)


class _State:
    def __init__(self, drafts: Drafts | None, token: str | None, issuer: Issuer | None) -> None:
        self.drafts = drafts
        self.token = token
        self.issuer = issuer
        self.csrf = secrets.token_urlsafe(32)
        self.previews: OrderedDict[str, bytes] = OrderedDict()
        self.lock = Lock()
        self.pages = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                                 trim_blocks=True, lstrip_blocks=True)
        self.pages.filters["slot"] = slot_id
        self.pages.globals["signature"] = forms.signature

    # -- security ---------------------------------------------------------------------------------

    async def guard(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = self._refusal(request)
        if response is None:
            given = request.query_params.get("token")
            if self.token and given and request.method == "GET":   # a link with the token: into a cookie
                rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
            else:
                try:
                    response = await call_next(request)
                except Exception as exc:   # a bug of ours: one line, and the server goes on
                    response = _internal(request, exc)
        _secure(response, request.url.path.startswith("/ui/preview/"))
        # The path only: a query or a body may hold a name or a case's facts.
        LOG.info("%s %s %d %.0f ms", request.method, request.url.path, response.status_code,
                 (time.perf_counter() - started) * 1000)
        return response

    def _refusal(self, request: Request) -> Response | None:
        host = _host_name(request.headers.get("host", ""))
        if not self.token and not is_loopback(host):
            return PlainTextResponse(f"regtext: refused: the Host {host!r} is not this machine (without --token "
                                     "the app answers only to localhost and 127.0.0.1)\n", status_code=421)
        if self.token and not self._authorised(request):
            return PlainTextResponse("regtext: this server needs its token: open the address printed by "
                                     "'regtext serve' (…/?token=T) or send 'Authorization: Bearer T'\n",
                                     status_code=401, headers={"WWW-Authenticate": "Bearer"})
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            site = request.headers.get("sec-fetch-site")
            own = f"{request.url.scheme}://{request.headers.get('host', '')}"
            if (origin is not None and origin != own) or (site is not None and site not in ("same-origin", "none")):
                return PlainTextResponse("regtext: refused: a request from another site (Origin "
                                         f"{origin or '-'}, Sec-Fetch-Site {site or '-'})\n", status_code=403)
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                return PlainTextResponse(f"regtext: the body is larger than {MAX_BODY} bytes\n", status_code=413)
        return None

    def _authorised(self, request: Request) -> bool:
        assert self.token is not None
        header = request.headers.get("authorization", "")
        given = header[7:] if header.startswith("Bearer ") else request.cookies.get(TOKEN_COOKIE, "")
        if request.method == "GET" and not given:
            given = request.query_params.get("token", "")
        return secrets.compare_digest(given.encode(), self.token.encode())

    async def _posted_form(self, request: Request) -> FormData:
        """The form of a state-changing request, read within bounds and carrying this process's CSRF token."""
        form = await _form(request)
        self._check_csrf(form, request)
        return form

    def _check_csrf(self, form: FormData, request: Request) -> None:
        given = str(form.get("csrf") or request.headers.get("x-csrf-token") or "")
        if not secrets.compare_digest(given.encode(), self.csrf.encode()):
            raise RequestError(403, "the form is not this server's (a missing or stale CSRF token): reload the page")

    # -- the API ----------------------------------------------------------------------------------

    async def api_decide(self, request: Request) -> Response:
        try:
            text, name = await _case_request(request)
        except RequestError as exc:
            return _plain_error(exc)
        outcome = await run_in_threadpool(decide_text, text, name)
        if outcome.decision is not None:
            return Response(decision_json(outcome.decision, name), media_type="application/json; charset=utf-8")
        assert outcome.error is not None
        return Response(error_json(outcome.error), status_code=422, media_type="application/json; charset=utf-8")

    async def api_render(self, request: Request) -> Response:
        fmt = request.query_params.get("to", "docx")
        try:
            if fmt not in DOCUMENT_FORMATS:
                raise RequestError(400, f"to={fmt}: choose one of {', '.join(DOCUMENT_FORMATS)}")
            text, name = await _case_request(request)
        except RequestError as exc:
            return _plain_error(exc)
        return await _document(text, name, fmt, lambda: self._issuer(text, name, in_drafts=False))

    def _issuer(self, text: str, name: str, in_drafts: bool) -> IssuerChoice:
        """The profile a case is rendered with — never one found by chance beside the server's
        working directory: ``--profile``; else, for the form's case, the profile ``regtext render``
        finds for it once saved in ``--cases DIR`` (its ``profile``, or DIR/issuer.yaml); else none.
        A case naming a profile the app cannot open is refused, not rendered without its 版头."""
        if self.issuer is not None:
            return self.issuer
        located = load_yaml(name, text)
        named = located.data.get("profile") if isinstance(located.data, dict) else None
        if in_drafts and self.drafts is not None:
            return self.drafts.profile(named, located.where("profile")) or False
        if named is not None:
            raise InputError(f"profile: {named!r}: a case given to the app has no folder to find its profile in",
                             where=located.where("profile"),
                             hint="start regtext serve with --profile ISSUER.yaml (or with --cases DIR and "
                                  "the profile in DIR), or render the file with regtext render")
        return False

    # -- the pages --------------------------------------------------------------------------------

    async def page(self, request: Request) -> Response:
        name = request.query_params.get("draft")
        case: dict[str, Any] = _new_case(self.issuer)
        problems: list[Problem] = []
        source = ""
        status = 200
        if name:
            try:
                if self.drafts is None:
                    raise RequestError(404, "no drafts folder: start the server with --cases DIR")
                source = self.drafts.read(name)
                data = load_yaml(f"{name}.yaml", source).data
                case = plain_data(data) if isinstance(data, dict) else {}
            except RequestError as exc:
                return _plain_error(exc)
            except RegtextError as exc:
                problems.append(problem_of(exc, source.split("\n")))
                status = 404 if isinstance(exc, NotFound) else 422
        view = await run_in_threadpool(self._view, case, name or "", problems, source)
        return HTMLResponse(self.pages.get_template("page.html").render(**view), status_code=status)

    async def update(self, request: Request) -> Response:
        try:
            form = await self._posted_form(request)
        except RequestError as exc:
            return _plain_error(exc)
        case = _case_of(form)
        view = await run_in_threadpool(self._view, case, str(form.get("draft") or ""), [], "")
        view["shown"] = {k: str(form.get(f"shown.{k}") or "") for k in ("findings", "measures", "sanctions", "circumstances")}
        return HTMLResponse(self.pages.get_template("update.html").render(**view))

    async def restore(self, request: Request) -> Response:
        """The page for the form's state a tab kept (app.js): a reload shows what was typed."""
        try:
            form = await self._posted_form(request)
        except RequestError as exc:
            return _plain_error(exc)
        view = await run_in_threadpool(self._view, _case_of(form), str(form.get("draft") or ""), [], "")
        return HTMLResponse(self.pages.get_template("page.html").render(**view))

    async def save(self, request: Request) -> Response:
        try:
            form = await self._posted_form(request)
            if self.drafts is None:
                raise RequestError(409, "no drafts folder: start the server with --cases DIR to save drafts")
        except RequestError as exc:
            return _plain_error(exc)
        name = str(form.get("draft") or "")
        try:
            await run_in_threadpool(self._check_overwrite, name)
            await run_in_threadpool(self.drafts.write, name, forms.case_yaml(_case_of(form)))
        except RegtextError as exc:
            return await self._page_with(form, f"未能保存草稿：{exc}")
        return RedirectResponse(f"/?draft={quote(name.removesuffix('.yaml'))}", status_code=303)

    def _check_overwrite(self, name: str) -> None:
        """Saving replaces the file by the case the form holds: refused where the file holds what
        the form cannot show (a key it has no control for), or cannot be read at all — the file
        would lose it without a word."""
        assert self.drafts is not None
        file = self.drafts.path(name).name
        try:
            text = self.drafts.read(name)
        except NotFound:
            return   # a new draft
        try:
            data = load_yaml(file, text).data
        except RegtextError as exc:
            raise InputError(f"{file} cannot be read as YAML ({exc}): saving from the form would replace it",
                             hint="edit the file itself, or save under another name") from None
        lost = forms.uncarried(data) if isinstance(data, dict) else ["(the whole file: it is no mapping)"]
        if lost:
            raise InputError(f"{file} has keys the form cannot carry: {', '.join(lost)} — saving from the form "
                             "would drop them", hint="edit the file itself (correct or remove them), or save "
                             "under another name")

    async def download(self, request: Request) -> Response:
        fmt = request.query_params.get("to", "docx")
        try:
            form = await self._posted_form(request)
            if fmt not in (*DOCUMENT_FORMATS, "yaml"):
                raise RequestError(400, f"to={fmt}: choose docx, pdf, html, md or yaml")
        except RequestError as exc:
            return _plain_error(exc)
        try:
            text = forms.case_yaml(_case_of(form))
        except InputError as exc:
            return await self._page_with(form, f"未能生成 {fmt.upper()}：{exc}")
        stem = str(form.get("draft") or "") or "case"
        stem = stem if NAME.fullmatch(stem) else "case"
        if fmt == "yaml":
            return _attachment(text.encode("utf-8"), f"{stem}.yaml", "yaml")
        response = await _document(text, f"{stem}.yaml", fmt,
                                   lambda: self._issuer(text, f"{stem}.yaml", in_drafts=True))
        if response.status_code != 200:   # the page again, the form as it was, and why
            why = "；".join(str(e["message"]) for e in json.loads(bytes(response.body)).get("errors", [])) \
                if response.media_type and response.media_type.startswith("application/json") \
                else bytes(response.body).decode().strip()
            return await self._page_with(form, f"未能生成 {fmt.upper()}：{why}", response.status_code)
        response.headers["content-disposition"] = _disposition(f"{stem}.{fmt}")
        return response

    async def _page_with(self, form: FormData, notice: str, status: int = 422) -> Response:
        view = await run_in_threadpool(self._view, _case_of(form), str(form.get("draft") or ""), [], "")
        view["notice"] = notice
        return HTMLResponse(self.pages.get_template("page.html").render(**view), status_code=status)

    async def preview(self, request: Request) -> Response:
        with self.lock:
            html = self.previews.get(request.path_params["key"])
        if html is None:
            return PlainTextResponse("regtext: this preview is gone: change a field to make a new one\n",
                                     status_code=404)
        return Response(html, media_type=MEDIA["html"])

    def _keep_preview(self, html: bytes) -> str:
        key = secrets.token_urlsafe(16)
        with self.lock:
            self.previews[key] = html
            while len(self.previews) > PREVIEWS:
                self.previews.popitem(last=False)
        return key

    # -- what a page shows --------------------------------------------------------------------------

    def _view(self, case: dict[str, Any], draft: str, problems: list[Problem], source: str) -> dict[str, Any]:
        """Everything a page or an update shows for ``case``: the form, the decision, the
        problems by field, the preview.  ``source``: the text of a draft just opened, which is
        what is decided and rendered then (a problem's line is the file's)."""
        book = forms.rulebook_of(case)
        paths = schema_errors(case) + forms.unkeepable(case)
        name = f"{draft or 'case'}.yaml"
        outcome: Outcome | None = None
        preview = render_error = None
        if source and not problems:   # an opened file: its own first error, with its line
            outcome = decide_text(source, name)
            if outcome.error is not None:
                problems.append(outcome.error)
        if not paths and not problems:
            text = source or forms.case_yaml(case)
            outcome = outcome or decide_text(text, name)
            if outcome.decision is not None and not outcome.decision.errors:
                paths += [(path, "文书模板需要此项（the template needs it）") for path in _template_needs(outcome.decision)]
                try:
                    issuer = self._issuer(text, name, in_drafts=True)
                    preview = self._keep_preview(render_case(name, text=text, issuer=issuer).to("html"))
                except RegtextError as exc:
                    render_error = str(exc.message)
        decision = outcome.decision if outcome else None
        found = [(p.path, f"{p.code} {p.message}" + (f" [{p.provision}]" if p.provision else ""))
                 for p in (decision.problems if decision else [])]
        shown = [(p, "必填" if m.endswith("is a required property") else m) for p, m in paths]
        lines = source.split("\n")
        located = [p.located(lines) for p in decision.problems] if decision and source else []
        return {
            "fields": forms.fields(case), "case": case, "draft": draft, "csrf": self.csrf,
            "drafts": self.drafts.names() if self.drafts else None, "decision": decision,
            "kind_name": DOCUMENT_NAMES.get(decision.kind or "", "") if decision else "",
            "by_field": forms.problems_by_field(shown + found, case, book), "unplaced": shown,
            "records": [record(p) for p in [*problems, *located]],
            "source_lines": lines if (problems or located) and source else [],
            "preview": preview, "render_error": render_error, "incomplete": bool(paths),
            "chosen": {n: forms.chosen_values(n, case, book) for n in forms.CHOICE_FIELDS},
        }


def _host_name(header: str) -> str:
    """The name in a Host header, without its port: ``localhost``, ``127.0.0.1``, ``[::1]``."""
    found = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]]*)(?::[0-9]+)?", header)
    return found.group(1) if found else ""


def _template_needs(decision: Decision) -> list[str]:
    """The facts the document's template prints that the case does not give (shown beside their
    fields before the render would refuse the case for them)."""
    try:
        template = choose_template(decision)
    except RegtextError:
        return []
    key = (template.path, template.source)
    if key not in _NEEDS:
        _NEEDS[key] = needs(template)
    return missing_facts(_NEEDS[key], decision.case.data)


_NEEDS: dict[tuple[Path, str], Analysis] = {}


def slot_id(key: str) -> str:
    """The element id of a problem slot (a key may hold any character of a provision's heading)."""
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _secure(response: Response, preview: bool) -> None:
    headers = response.headers
    headers["content-security-policy"] = PREVIEW_CSP if preview else CSP
    headers["x-content-type-options"] = "nosniff"
    headers["x-frame-options"] = "SAMEORIGIN" if preview else "DENY"
    headers["referrer-policy"] = "same-origin"   # no-referrer would make a form POST say Origin: null
    headers["cache-control"] = "no-store"   # case data stays out of caches


async def _body(request: Request) -> bytes:
    """The body, refused (413) past MAX_BODY even when no Content-Length announced it."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise RequestError(413, f"the body is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _case_request(request: Request) -> tuple[str, str]:
    name = case_name(request.query_params.get("name"))
    return body_text(await _body(request), request.headers.get("content-type")), name


async def _form(request: Request) -> FormData:
    """The page's form as posted (URL-encoded, as the page and htmx send it): UTF-8 (a browser sends
    nothing else; a byte it cannot be is refused, never read as U+FFFD), at most MAX_BODY bytes
    (counted, so also without a Content-Length) and MAX_FIELDS fields, each field once but the
    choices (a checkbox per choice)."""
    kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise RequestError(415, f"Content-Type {kind or '(none)'}: the form is sent as "
                                "application/x-www-form-urlencoded (as the page sends it)")
    if charset_of(request.headers.get("content-type") or "") not in ("", "utf-8", "utf8"):
        raise RequestError(415, "the form is sent as UTF-8 (charset=utf-8, or no charset)")
    body = await _body(request)
    fields: list[tuple[str, str | UploadFile]] = []   # what FormData takes
    try:
        fields += parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict",
                            max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:   # a raw byte, or a %-escaped one
        raise RequestError(400, "the form is not UTF-8 text: send it as the page does") from None
    except ValueError:
        raise RequestError(400, f"the form has more than {MAX_FIELDS} fields") from None
    seen: set[str] = set()
    for key, _ in fields:
        if key in seen and key not in forms.CHOICE_FIELDS:
            raise RequestError(400, f"the field {key!r} is given twice: it holds one value (the page sends it once)")
        seen.add(key)
    return FormData(fields)


def _case_of(form: FormData) -> dict[str, Any]:
    single = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    lists = {k: [str(v) for v in form.getlist(k)] for k in forms.CHOICE_FIELDS}
    return forms.case_from_form(single, lists)


async def _document(text: str, name: str, fmt: str, issuer: Callable[[], IssuerChoice]) -> Response:
    """The document as ``regtext render`` writes it, with the profile ``issuer()`` gives (called in
    the render's thread: it may read the profile's file)."""
    try:
        data = await run_in_threadpool(_render, text, name, fmt, issuer)
    except RequestError as exc:
        return _plain_error(exc)
    except DecisionErrors as exc:
        return Response(decision_json(exc.decision, name), status_code=422, media_type="application/json; charset=utf-8")
    except RegtextError as exc:
        return Response(error_json(problem_of(exc, text.split("\n"))), status_code=422,
                        media_type="application/json; charset=utf-8")
    return Response(data, media_type=MEDIA[fmt])


def _render(text: str, name: str, fmt: str, issuer: Callable[[], IssuerChoice]) -> bytes:
    rendered = render_case(name, text=text, issuer=issuer())
    try:
        return rendered.to(fmt)
    except ConversionError as exc:   # LibreOffice missing, failing or too slow: this machine's, not the case's
        raise RequestError(503, f"no PDF on this machine: {exc.message} — download the DOCX") from None


def _attachment(data: bytes, filename: str, fmt: str) -> Response:
    return Response(data, media_type=MEDIA[fmt], headers={"content-disposition": _disposition(filename)})


def _disposition(filename: str) -> str:
    return f"attachment; filename=\"case.{filename.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(filename)}"


def _plain_error(exc: RequestError) -> Response:
    return PlainTextResponse(f"regtext: {exc.message}\n", status_code=exc.status)
