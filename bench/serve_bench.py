"""regtext serve under load, on loopback (issue 14): 50 concurrent clients × 20 requests each of
``POST /api/decide`` and of ``POST /api/render?to=docx`` (the shipped example on a person), then
the live form's update (``POST /ui/update``, one client, as a drafter's browser sends it).

Reported: p50 and p95 latency, errors (must be 0; a DOCX that differs from a lone render's
bytes is one) and the server's peak RSS (VmHWM of its
process), next to the CLI's per-document time (``regtext render CASE -o OUT.docx`` as a whole
process, and the in-process render of one document).  The server is ``regtext serve`` in a
process of its own; the clients are threads with one HTTP connection each (http.client).

    python bench/serve_bench.py
    python bench/serve_bench.py --clients 10 --requests 5
    python bench/serve_bench.py --browser 20     # also the live update as a drafter sees it
"""

from __future__ import annotations

import argparse
import http.client
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "examples" / "zhang_jiemian.yaml"
REGTEXT = [sys.executable, "-c", "from regtext.cli import run; run()"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([*REGTEXT, "serve", "--port", str(port)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def peak_rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def load(port: int, path: str, body: bytes, headers: dict[str, str], clients: int, requests: int,
         expected: bytes | None = None) -> tuple[list[float], int]:
    """Latencies (s) of every request and the number that failed (status other than 200, or an
    answer other than ``expected``: concurrent renders must give the bytes of a lone one)."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        start.wait()
        for _ in range(requests):
            began = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                ok = response.status == 200 and (expected is None or answer == expected)
            except OSError:
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            took = time.perf_counter() - began
            with lock:
                times.append(took)
                errors[0] += 0 if ok else 1
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors[0]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def form_body(port: int) -> tuple[bytes, dict[str, str]]:
    """The fields the page posts for the example case (the csrf token read from the page)."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/")
    page = connection.getresponse().read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    fields = [("csrf", token), ("regulation", "ningxia_anquan_zhuijiu_2023"), ("issuer", "某某县纪委监委"),
              ("number", "某纪问〔2024〕12号"), ("date", "2024-05-20"), ("subject.type", "person"),
              ("subject.name", "张某某"), ("subject.sex", "男"), ("subject.born", "1975-03"),
              ("subject.party_member", "true"), ("subject.supervised", "true"), ("subject.position", "副局长"),
              ("responsibility", "领导责任"), ("facts", "2024年1月至3月，张某某同志开展监督检查不认真。"),
              ("findings", "监管落实不力"), ("measures", "诫勉"), ("cc", "某某县委组织部"),
              ("deliberation", "县纪委常委会会议研究")]
    return urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}


BROWSER_CHANGE = """() => new Promise(resolve => {
    const basis = () => document.querySelector('#basis').textContent;
    const before = basis();
    const box = [...document.querySelectorAll('#f-findings .choice')]
        .find(c => c.querySelector('.heading').textContent === '责任落实不力').querySelector('input');
    const start = performance.now();
    const watch = new MutationObserver(() => {
        if (document.querySelector('#basis') && basis() !== before) { watch.disconnect(); resolve(performance.now() - start); }
    });
    watch.observe(document.querySelector('#decision'), {childList: true, subtree: true, characterData: true});
    box.click();
})"""


def browser_times(port: int, changes: int) -> list[float]:
    """Milliseconds from ticking a finding to the new basis sentence on the page, in Chromium
    (tests/support/browser.py), on a draft of the example case."""
    sys.path.insert(0, str(ROOT))
    from tests.support.browser import chromium_page

    with tempfile.TemporaryDirectory() as cases:
        (Path(cases) / "zhang.yaml").write_bytes(CASE.read_bytes())
        server = subprocess.Popen([*REGTEXT, "serve", "--port", str(port), "--cases", cases], stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with chromium_page() as page:
                page.goto(f"http://localhost:{port}/?draft=zhang")
                page.wait_for_timeout(500)
                out = []
                for _ in range(changes):
                    out.append(float(page.evaluate(BROWSER_CHANGE)))
                    page.wait_for_timeout(200)
                return out
        finally:
            server.terminate()
            server.wait(10)


def cli_times(runs: int) -> tuple[float, float]:
    """(whole `regtext render` process, one render in a warm process), medians, in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        wall = []
        for _ in range(runs):
            began = time.perf_counter()
            subprocess.run([*REGTEXT, "render", str(CASE), "-o", f"{tmp}/x.docx"], check=True, stderr=subprocess.DEVNULL)
            wall.append(time.perf_counter() - began)
    from regtext.render import render_case

    render_case(CASE).to("docx")
    warm = []
    for _ in range(max(runs, 20)):
        began = time.perf_counter()
        render_case(CASE).to("docx")
        warm.append(time.perf_counter() - began)
    return statistics.median(wall), statistics.median(warm)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    parser.add_argument("--updates", type=int, default=50, help="sequential live-form updates")
    parser.add_argument("--runs", type=int, default=5, help="runs of the CLI process")
    parser.add_argument("--browser", type=int, default=0, metavar="N",
                        help="also tick a finding N times in Chromium and time the basis sentence's change")
    args = parser.parse_args()

    port = free_port()
    server = start_server(port)
    failed = 0
    try:
        case = CASE.read_bytes()
        yaml_headers = {"Content-Type": "application/yaml"}
        rows = []
        from regtext.render import render_case

        docx = render_case(CASE).to("docx")
        for label, path, expected in (("decide", "/api/decide", None), ("render docx", "/api/render?to=docx", docx)):
            load(port, path, case, yaml_headers, 2, 2)   # warm-up: the corpus and the template load once
            began = time.perf_counter()
            times, errors = load(port, path, case, yaml_headers, args.clients, args.requests, expected)
            wall = time.perf_counter() - began
            failed += errors
            rows.append((label, len(times), errors, percentile(times, 0.5), percentile(times, 0.95), len(times) / wall))
        body, headers = form_body(port)
        times, errors = load(port, "/ui/update", body, headers, 1, args.updates)
        failed += errors
        rows.append(("form update (1 client)", len(times), errors, percentile(times, 0.5), percentile(times, 0.95),
                     len(times) / sum(times)))
        rss = peak_rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    process, warm = cli_times(args.runs)
    seen = browser_times(free_port(), args.browser) if args.browser else []
    print(f"regtext serve on loopback: {args.clients} clients × {args.requests} requests")
    print("| requests | n | errors | p50 | p95 | per second |")
    print("|---|---|---|---|---|---|")
    for label, n, errors, p50, p95, rate in rows:
        print(f"| {label} | {n} | {errors} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | {rate:.0f} |")
    print(f"server peak RSS: {rss:.0f} MiB")
    if seen:
        print(f"in Chromium, a finding ticked → the new basis sentence shown: median {statistics.median(seen):.0f} ms, "
              f"max {max(seen):.0f} ms ({len(seen)} changes)")
    print(f"CLI: `regtext render CASE -o OUT.docx` {process * 1000:.0f} ms per process; "
          f"one render in a warm process {warm * 1000:.1f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
