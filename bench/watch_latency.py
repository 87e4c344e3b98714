#!/usr/bin/env python3
"""Save-to-visible latency of `bantin watch` for every kind of edit an editor makes. Stdlib only.

    bench/watch_latency.py BANTIN SITE_DIR [--rounds 10] [--kinds body,title,...] [--json FILE]

Copies SITE_DIR (a corpus of ../shared/bench/gen_corpus.py, its `ours` folder) to a temporary
folder on tmpfs, adds one bulletin, starts `BANTIN watch` on the copy, waits for the first
build, then makes each kind of edit --rounds times, as an editor's program saves a file (a
new file renamed over the old one), on a different item each round:

  body, title, date, summary, topics, locality, image, draft (on, then off), share (key
  points), new (a new article), delete (that article again), rename (an article's file),
  translation (a French translation added, then removed), bulletin (its `items` list).

For each edit it measures, from the end of the save:
  visible: the first poll (every 0.5 ms) at which the output file that shows the edit holds it
           (the item's page, its new address, the listing it moved to the top of...);
  done:    the terminal line that ends the rebuild (every page that shows the change written,
           the search index included).
Both include notify's delivery and watch mode's 30 ms quiet window. It prints, per kind, the
median, p99 and largest of each, and the process's peak resident memory (VmHWM).
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

KINDS = ["body", "title", "date", "summary", "topics", "locality", "image", "draft",
         "share", "new", "delete", "rename", "translation", "bulletin"]


def vm(pid: int, key: str) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def save(path: Path, text: str) -> None:
    """Saves as most editors do: a new file, renamed over the old one."""
    tmp = path.with_name("." + path.name + ".tmp~")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def set_key(text: str, key: str, line: str | None) -> str:
    """Sets (or, with None, removes) one top-level front-matter key."""
    head, sep, body = text[4:].partition("\n---\n")
    lines = [l for l in head.split("\n") if not l.startswith(key + ":")]
    if line is not None:
        lines.insert(1, line)
    return "---\n" + "\n".join(lines) + sep + body


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Watch:
    def __init__(self, bantin: str, site: Path, out: Path):
        self.proc = subprocess.Popen(
            [bantin, "watch", "--source", str(site), "--output", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), line.rstrip("\n")))

    def next_line(self, timeout: float) -> tuple[float, str]:
        """The next line that ends a build or rebuild (or reports its errors)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                sys.exit("watch printed nothing for %.0f s" % timeout)
            at, line = self.lines.get(timeout=left)
            if re.match(r"bantin: (built|rebuilt|.*problem)", line):
                return at, line

    def drain(self) -> None:
        while not self.lines.empty():
            self.lines.get()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def wait_for(check, timeout: float = 30.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return time.monotonic()
        time.sleep(0.0005)
    return float("nan")


def contains(path: Path, marker: str):
    def check() -> bool:
        try:
            return marker in path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return check


def exists(path: Path, wanted: bool = True):
    return lambda: path.exists() == wanted


class Edits:
    """Each kind of edit, on a different article each round. Returns (do, visible-check)."""

    def __init__(self, site: Path, out: Path):
        self.site, self.out = site, out
        arts = sorted(p for p in (site / "content/articles").glob("*.md") if p.name.count(".") == 1)
        fr = {p.name[:-6] for p in (site / "content/articles").glob("*.fr.md")}
        self.articles = [p for p in arts if p.stem not in fr]
        # (province, commune) of data/localities.yaml.
        self.localities, province = [], None
        for line in (site / "data/localities.yaml").read_text(encoding="utf-8").split("\n"):
            if m := re.match(r"- id: (\S+)", line):
                province = m.group(1)
            elif (m := re.match(r"\s+- \{ id: ([^,]+),", line)) and province:
                self.localities.append((province, m.group(1)))
        self.n = 0
        self.bulletin = site / "content/bulletins/ban-tin-do-tre.md"
        self.bulletin.parent.mkdir(exist_ok=True)
        self.write_bulletin(self.articles[:4])

    def write_bulletin(self, items: list[Path]) -> None:
        entries = "".join(f"  - articles/{p.stem}\n" for p in items)
        save(self.bulletin, f"---\ntitle: Bản tin đo độ trễ\ndate: 2026-01-05\nnumber: 1\n"
                            f"items:\n{entries}---\n\nBản tin thử.\n")

    def article(self) -> Path:
        self.n += 1
        return self.articles[(self.n * 7919) % len(self.articles)]

    def page(self, stem: str, lang: str = "") -> Path:
        return self.out / (lang + "/" if lang else "") / "articles" / stem / "index.html"

    def edit(self, kind: str, r: int):
        marker = f"dodotre{kind}{r}x{self.n}"
        a = self.article()
        text = a.read_text(encoding="utf-8")
        page = self.page(a.stem)
        if kind == "body":
            head, sep, body = text.partition("\n---\n\n")
            return lambda: save(a, head + sep + f"Câu mới {marker}. " + body), contains(page, marker)
        if kind == "title":
            return lambda: save(a, set_key(text, "title", f"title: Tin mới {marker}")), contains(page, marker)
        if kind == "summary":
            return lambda: save(a, set_key(text, "summary", f"summary: Tóm tắt {marker}")), contains(page, marker)
        if kind == "date":
            # The newest item: it moves to the top of the listings.
            date = f"date: 2027-{1 + r % 12:02d}-{1 + r % 28:02d}"
            return (lambda: save(a, set_key(text, "date", date)),
                    contains(self.out / "articles/index.html", f"/articles/{a.stem}/"))
        if kind == "topics":
            slug = f"chu-de-{marker}"
            return (lambda: save(a, set_key(text, "topics", f"topics: [{slug}]")),
                    exists(self.out / "topics" / slug / "index.html"))
        if kind == "locality":
            prov, commune = self.localities[(r * 31 + self.n) % len(self.localities)]
            return (lambda: save(a, set_key(text, "locality", f"locality: {prov}/{commune}")),
                    contains(page, f"/localities/{prov}/{commune}/\""))
        if kind == "image":
            img = f"/images/img-0{1 + r % 8}.png"
            alt = set_key(text, "image_alt", "image_alt: Ảnh minh họa")
            return (lambda: save(a, set_key(alt, "image", f"image: {img}")),
                    contains(page, f"img-0{1 + r % 8}"))
        if kind == "draft":
            def do():
                save(a, set_key(text, "draft", "draft: true"))
            return do, exists(page, False)
        if kind == "share":
            return (lambda: save(a, set_key(text, "share", f"share: [\"Điểm chính {marker}\"]")),
                    contains(page, marker))
        if kind == "new":
            self.new = self.site / "content/articles" / f"tin-moi-{marker}.md"
            new = self.new
            return (lambda: save(new, f"---\ntitle: Tin mới {marker}\ndate: 2026-11-30\n---\n\nNội dung {marker}.\n"),
                    exists(self.page(new.stem)))
        if kind == "delete":
            new = self.site / "content/articles" / f"tin-xoa-{marker}.md"
            save(new, f"---\ntitle: Tin sẽ xóa {marker}\ndate: 2026-11-30\n---\n\nNội dung.\n")
            self.settle()
            return lambda: new.unlink(), exists(self.page(new.stem), False)
        if kind == "rename":
            to = a.with_name(a.stem + "-doi-ten.md")
            self.renamed = (to, a)
            return lambda: os.rename(a, to), exists(self.page(to.stem))
        if kind == "translation":
            t = a.with_name(a.stem + ".fr.md")
            return (lambda: save(t, f"---\ntitle: Traduction {marker}\ndate: 2026-01-02\n---\n\nTexte {marker}.\n"),
                    exists(self.page(a.stem, "fr")))
        if kind == "bulletin":
            items = [self.article() for _ in range(4)]
            page = self.out / "bulletins" / self.bulletin.stem / "index.html"
            return lambda: self.write_bulletin(items), contains(page, f"/articles/{items[0].stem}/")
        raise ValueError(kind)

    def undo(self, kind: str) -> None:
        """Puts back what an edit changed that later rounds must not see (not timed)."""
        if kind == "draft":
            a = self.articles[(self.n * 7919) % len(self.articles)]
            save(a, set_key(a.read_text(encoding="utf-8"), "draft", None))
        elif kind == "new":
            self.new.unlink()
        elif kind == "rename":
            os.rename(*self.renamed)
        elif kind == "translation":
            a = self.articles[(self.n * 7919) % len(self.articles)]
            a.with_name(a.stem + ".fr.md").unlink()
        else:
            return
        self.settle()

    def settle(self) -> None:
        self.watch.next_line(120)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bantin")
    ap.add_argument("site")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--gap", type=float, default=0.1, help="seconds between edits")
    ap.add_argument("--json", help="write the figures here too")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bantin-watch-bench-",
                                dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    site, out = tmp / "site", tmp / "public"
    shutil.copytree(Path(a.site).resolve(), site)
    edits = Edits(site, out)
    watch = Watch(str(Path(a.bantin).resolve()), site, out)
    edits.watch = watch
    try:
        started = time.monotonic()
        at, line = watch.next_line(600)
        print(f"first build: {at - started:.1f} s ({line})", flush=True)
        results = {}
        for kind in a.kinds.split(","):
            visible, done, lines = [], [], []
            for r in range(a.rounds):
                time.sleep(a.gap)
                watch.drain()
                do, check = edits.edit(kind, r)
                do()
                saved = time.monotonic()
                seen = wait_for(check)
                at, line = watch.next_line(120)
                visible.append((seen - saved) * 1000)
                done.append((at - saved) * 1000)
                lines.append(line)
                if "problem" in line or seen != seen:
                    time.sleep(0.5)
                    while not watch.lines.empty():
                        print(watch.lines.get()[1])
                    sys.exit(f"{kind}: the edit did not show: {line}")
                edits.undo(kind)
            results[kind] = {
                "visible_ms": {"p50": statistics.median(visible), "p99": percentile(visible, 99),
                               "max": max(visible)},
                "done_ms": {"p50": statistics.median(done), "p99": percentile(done, 99),
                            "max": max(done)},
                "last_line": lines[-1],
            }
            v, d = results[kind]["visible_ms"], results[kind]["done_ms"]
            print(f"{kind:12} visible p50 {v['p50']:6.0f} ms p99 {v['p99']:6.0f} max {v['max']:6.0f}"
                  f" | done p50 {d['p50']:6.0f} ms p99 {d['p99']:6.0f} max {d['max']:6.0f}"
                  f" | {lines[-1][8:90]}", flush=True)
        peak = vm(watch.proc.pid, "VmHWM")
        print(f"peak resident memory (VmHWM): {peak:.0f} MiB")
        if a.json:
            Path(a.json).write_text(json.dumps({"kinds": results, "peak_mib": peak}, indent=1))
    finally:
        watch.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
