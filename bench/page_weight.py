#!/usr/bin/env python3
"""Page weight of a built bantin site, as a phone 360 CSS pixels wide loads it.

For every article page (`articles/<slug>/index.html` in every language) it adds up what a
browser fetches to show the whole page: the HTML, its stylesheets, scripts and the one image
candidate the browser picks from each `<img>` (`srcset`/`sizes`, the WebP `<source>` of a
`<picture>`), each URL once. Lazy images are counted too (a reader scrolls through the
article). It does this at device pixel ratio 1 and 2 (cheap phones are mostly 1.5-2) and
reports the heaviest page against the budget (150 KB by default). Sizes are raw bytes, as
written to disk; gzip sizes of HTML and CSS are given for information.

Usage: page_weight.py SITE_DIR [--budget-kb 150] [--width 360]
Exit code 1 when a page is over the budget at any ratio.
"""

import argparse
import gzip
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT_EM = 16  # px per rem, browsers' default


class Page(HTMLParser):
    """The resources one HTML page makes a browser fetch."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets = []
        self.scripts = []
        self.images = []  # (src, srcset, sizes, webp_srcset, webp_sizes)
        self.fonts = []
        self._webp = None  # (srcset, sizes) of the <picture> being read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            self.stylesheets.append(a.get("href"))
        elif tag == "link" and (a.get("rel") or "") == "preload" and a.get("as") == "font":
            self.fonts.append(a.get("href"))
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "picture":
            self._webp = None
        elif tag == "source" and a.get("type") == "image/webp":
            self._webp = (a.get("srcset"), a.get("sizes"))
        elif tag == "img":
            webp = self._webp or (None, None)
            self.images.append((a.get("src"), a.get("srcset"), a.get("sizes"), *webp))

    def handle_endtag(self, tag):
        if tag == "picture":
            self._webp = None


def length_px(value, viewport):
    """`40rem`, `100vw`, `320px` or a simple `calc(100vw - 2rem)` in CSS pixels."""
    value = value.strip()
    m = re.fullmatch(r"calc\((.+)\)", value)
    if m:
        total, sign = 0.0, 1
        for token in re.split(r"\s+", m.group(1)):
            if token in "+-":
                sign = 1 if token == "+" else -1
            else:
                total += sign * length_px(token, viewport)
        return total
    m = re.fullmatch(r"([\d.]+)(px|rem|em|vw)", value)
    if not m:
        return viewport
    n, unit = float(m.group(1)), m.group(2)
    return {"px": n, "rem": n * ROOT_EM, "em": n * ROOT_EM, "vw": n * viewport / 100}[unit]


def slot_width(sizes, viewport):
    """The width `sizes` gives the image at this viewport width."""
    if not sizes:
        return viewport
    for entry in sizes.split(","):
        entry = entry.strip()
        m = re.fullmatch(r"\((min|max)-width:\s*([^)]+)\)\s+(.+)", entry)
        if not m:
            return length_px(entry, viewport)
        bound = length_px(m.group(2), viewport)
        if (m.group(1) == "min" and viewport >= bound) or (m.group(1) == "max" and viewport <= bound):
            return length_px(m.group(3), viewport)
    return viewport


def pick(srcset, sizes, viewport, ratio):
    """The candidate a browser loads: the narrowest at least slot x ratio wide, else the widest."""
    candidates = []
    for c in srcset.split(","):
        parts = c.strip().split()
        if len(parts) == 2 and parts[1].endswith("w"):
            candidates.append((int(parts[1][:-1]), parts[0]))
        elif parts:
            candidates.append((0, parts[0]))
    if len(candidates) == 1:
        return candidates[0][1]
    need = slot_width(sizes, viewport) * ratio
    candidates.sort()
    for width, url in candidates:
        if width >= need:
            return url
    return candidates[-1][1]


def local_file(site, base_path, url):
    """The output file of a site-rooted URL, or None for another host."""
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc:
        return None
    path = unquote(parsed.path)
    if not path.startswith(base_path):
        return None
    rel = path[len(base_path):]
    target = site / rel
    if target.is_dir() or rel.endswith("/") or rel == "":
        target = target / "index.html"
    return target


def base_path_of(site):
    """The site's sub-path, read from the home page's stylesheet link."""
    home = Page()
    home.feed((site / "index.html").read_text(encoding="utf-8"))
    for href in home.stylesheets:
        m = re.match(r"(.*/)[^/]*\.css$", urlparse(href).path)
        if m:
            return m.group(1)
    return "/"


def weigh(site, base_path, page_file, viewport, ratio):
    html = page_file.read_bytes()
    page = Page()
    page.feed(html.decode("utf-8"))
    parts = {"html": len(html), "css": 0, "js": 0, "images": 0}
    gz = {"html": len(gzip.compress(html, 9)), "css": 0}
    seen = set()
    missing = []

    def add(kind, url):
        if not url or url in seen:
            return
        seen.add(url)
        f = local_file(site, base_path, url)
        if f is None:
            return
        if not f.is_file():
            missing.append(url)
            return
        data = f.read_bytes()
        parts[kind] += len(data)
        if kind == "css":
            gz["css"] += len(gzip.compress(data, 9))

    for href in page.stylesheets:
        add("css", href)
    for src in page.scripts:
        add("js", src)
    for src, srcset, sizes, webp, webp_sizes in page.images:
        if webp:
            add("images", pick(webp, webp_sizes, viewport, ratio))
        elif srcset:
            add("images", pick(srcset, sizes, viewport, ratio))
        else:
            add("images", src)
    return parts, gz, len(page.images), missing, page.fonts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--budget-kb", type=float, default=150)
    ap.add_argument("--width", type=int, default=360)
    args = ap.parse_args()
    site = args.site
    base_path = base_path_of(site)
    pages = sorted(
        p for p in site.rglob("index.html")
        if re.fullmatch(r"([a-z]{2,3}(-[A-Za-z0-9]+)*/)?articles/[^/]+/index.html",
                        p.relative_to(site).as_posix())
        and p.relative_to(site).parts[-2] != "page"
    )
    if not pages:
        print(f"no article pages under {site}", file=sys.stderr)
        return 2
    budget = args.budget_kb * 1000
    over = False
    problems = []
    css_files = list(site.rglob("*.css"))
    font_faces = [f for f in css_files if "@font-face" in f.read_text(encoding="utf-8", errors="replace")]
    print(f"# page weight at {args.width} CSS px, {len(pages)} article pages, budget {args.budget_kb:g} KB")
    print(f"# sub-path {base_path}; web fonts: {'yes: ' + ', '.join(map(str, font_faces)) if font_faces else 'none'}")
    for ratio in (1, 2):
        rows = []
        for p in pages:
            parts, gz, n_images, missing, fonts = weigh(site, base_path, p, args.width, ratio)
            problems += [f"{p.relative_to(site)}: {u} is not in the output" for u in missing]
            problems += [f"{p.relative_to(site)}: preloads font {u}" for u in fonts]
            rows.append((sum(parts.values()), p.relative_to(site).as_posix(), parts, gz, n_images))
        rows.sort(reverse=True)
        total, name, parts, gz, n_images = rows[0]
        median = rows[len(rows) // 2][0]
        with_images = [r for r in rows if r[4] > 0]
        print(f"\n## device pixel ratio {ratio}")
        print(f"heaviest: {name}: {total / 1000:.1f} KB "
              f"(HTML {parts['html'] / 1000:.1f}, CSS {parts['css'] / 1000:.1f}, "
              f"JS {parts['js'] / 1000:.1f}, images {parts['images'] / 1000:.1f}; "
              f"gzip HTML {gz['html'] / 1000:.1f}, CSS {gz['css'] / 1000:.1f})")
        print(f"median: {median / 1000:.1f} KB; pages with images: {len(with_images)}")
        for total, name, parts, gz, n_images in with_images:
            print(f"  {name}: {total / 1000:.1f} KB, {n_images} image(s), images {parts['images'] / 1000:.1f} KB")
        if rows[0][0] > budget:
            over = True
            print(f"OVER BUDGET at ratio {ratio}: {rows[0][1]} {rows[0][0] / 1000:.1f} KB > {args.budget_kb:g} KB")
    for p in problems:
        print(f"problem: {p}")
    verdict = "over budget" if over else "within budget"
    print(f"\npage weight: {verdict}")
    return 1 if over or problems or font_faces else 0


if __name__ == "__main__":
    sys.exit(main())
