#!/usr/bin/env python3
"""Save-to-written latency of `bantin watch`, and its memory over many edits. Stdlib only.

    bench/watch_latency.py BANTIN SITE_DIR [--edits 1000] [--summary-edits 50] [--out DIR]

Starts `BANTIN watch --source SITE_DIR --output OUT`, waits for the first build, then edits
one article again and again as an editor would (the file is rewritten whole, front matter
unchanged): each edit puts a unique marker in the body and polls the article's output page
every 0.5 ms until it holds the marker. Latency = first read holding the marker - end of the
write: notify's delivery, the 30 ms quiet window, the rebuild and the write. Most edits
change a later paragraph (the summary stays: body scope); --summary-edits edits change the
first paragraph, so listings, feeds and taxonomy pages follow (summary scope). The process's
resident memory (VmRSS) is sampled every 100 edits. The file is restored at the end.
--gap sets the pause after each edit shows: a short one queues saves behind the previous
rebuild's search index (which is made after the page is published); whole_rebuild_ms is each
rebuild from the terminal lines, indexes included.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def pick_article(site: Path) -> Path:
    # A Vietnamese article with a body of several paragraphs.
    for p in sorted((site / "content" / "articles").glob("*.md")):
        if p.name.count(".") == 1:
            return p
    sys.exit("no article found")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bantin")
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--summary-edits", type=int, default=50)
    ap.add_argument("--gap", type=float, default=0.05,
                    help="seconds between one edit showing and the next save (an editor types)")
    ap.add_argument("--out")
    a = ap.parse_args()
    site = Path(a.site).resolve()
    out = Path(a.out or tempfile.mkdtemp(prefix="bantin-watch-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)) / "public"
    article = pick_article(site)
    slug = article.stem
    page = out / "articles" / slug / "index.html"
    original = article.read_text(encoding="utf-8")
    head, sep, body = original.partition("\n---\n")
    if not sep:
        sys.exit(f"{article}: no front matter")
    paragraphs = body.split("\n\n")

    started = time.perf_counter()
    proc = subprocess.Popen([a.bantin, "watch", "--source", str(site), "--output", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    first_build = threading.Event()

    def reader() -> None:
        assert proc.stdout
        for line in proc.stdout:
            lines.append(line.rstrip())
            if line.startswith("bantin: built"):
                first_build.set()

    threading.Thread(target=reader, daemon=True).start()
    if not first_build.wait(600):
        proc.kill()
        sys.exit("no first build: " + "\n".join(lines[-20:]))
    startup = time.perf_counter() - started
    rss = [(0, rss_mib(proc.pid))]

    def edit(n: int, summary: bool) -> float:
        marker = f"bantin-bench-{n}-{time.time_ns()}"
        parts = list(paragraphs)
        k = 0 if summary else len(parts) - 1
        while parts[k].startswith("#") and k + 1 < len(parts):
            k += 1
        parts[k] = parts[k].rstrip("\n") + f" {marker}" + ("\n" if parts[k].endswith("\n") else "")
        text = head + sep + "\n\n".join(parts)
        with open(article, "w", encoding="utf-8") as f:
            f.write(text)
        t0 = time.perf_counter()
        deadline = t0 + 30
        while time.perf_counter() < deadline:
            try:
                if marker in page.read_text(encoding="utf-8", errors="replace"):
                    return (time.perf_counter() - t0) * 1000
            except OSError:
                pass
            time.sleep(0.0005)
        return float("nan")

    body_ms, summary_ms = [], []
    try:
        for n in range(1, a.edits + 1):
            body_ms.append(edit(n, summary=False))
            time.sleep(a.gap)  # an editor types between saves
            if n % 100 == 0:
                rss.append((n, rss_mib(proc.pid)))
        for n in range(a.summary_edits):
            summary_ms.append(edit(10**6 + n, summary=True))
            time.sleep(0.3)
    finally:
        article.write_text(original, encoding="utf-8")
        time.sleep(0.5)
        proc.terminate()
        proc.wait(10)

    def dist(xs: list[float]) -> dict:
        ok = sorted(x for x in xs if x == x)
        if not ok:
            return {"n": 0}
        q = lambda p: ok[min(len(ok) - 1, int(p * len(ok)))]
        return {"n": len(ok), "failed": len(xs) - len(ok), "min": round(ok[0], 1), "p50": round(statistics.median(ok), 1),
                "p90": round(q(0.9), 1), "p99": round(q(0.99), 1), "max": round(ok[-1], 1)}

    scopes: dict[str, int] = {}
    whole: list[float] = []
    for line in lines:
        if line.startswith("bantin: rebuilt ("):
            s = line.split("(", 1)[1].split(")", 1)[0]
            scopes[s] = scopes.get(s, 0) + 1
            # "... in 412 ms": the whole rebuild, search indexes included
            whole.append(float(line.rsplit(" in ", 1)[1].split(" ms", 1)[0]))
    print(json.dumps({
        "site": str(site), "article": article.name, "startup_s": round(startup, 2),
        "body_edit_ms": dist(body_ms), "summary_edit_ms": dist(summary_ms),
        "whole_rebuild_ms": dist(whole),
        "rss_mib_by_edit": [(n, round(m, 1)) for n, m in rss], "rebuild_scopes": scopes,
    }, indent=1))


if __name__ == "__main__":
    main()
