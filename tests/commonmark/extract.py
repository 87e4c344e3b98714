#!/usr/bin/env python3
"""Extracts the examples of the CommonMark spec into the JSON that tests/commonmark.rs reads.

Usage (run once per spec version, from the repository root):

    git -C <commonmark-spec clone> show 0.31.2:spec.txt > /tmp/spec.txt
    python3 tests/commonmark/extract.py /tmp/spec.txt > tests/commonmark/spec-0.31.2.json

The parsing is that of the spec's own test/spec_tests.py (get_tests): an example is the text
between a line of 32 backticks followed by " example" and a line of 32 backticks, with a
line "." between the Markdown and the expected HTML; "→" stands for a tab. The section is the
closest heading (a line starting with "#") before the example.

Adapted from test/spec_tests.py of commonmark-spec (BSD-style license, see LICENSE here);
the output is the spec's text, CC-BY-SA 4.0 (see README.md here).
"""
import json
import re
import sys


def get_tests(text):
    tests = []
    header_re = re.compile("#+ ")
    lines = text.splitlines(keepends=True)
    markdown, html = [], []
    state, number, section = 0, 0, ""
    fence = "`" * 32
    for line_number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == fence + " example":
            state = 1
        elif state == 2 and stripped == fence:
            state = 0
            number += 1
            tests.append({
                "example": number,
                "section": section,
                "line": line_number,
                "markdown": "".join(markdown).replace("→", "\t"),
                "html": "".join(html).replace("→", "\t"),
            })
            markdown, html = [], []
        elif stripped == ".":
            state = 2
        elif state == 1:
            markdown.append(line)
        elif state == 2:
            html.append(line)
        elif state == 0 and header_re.match(line):
            section = header_re.sub("", line).strip()
    return tests


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        tests = get_tests(f.read())
    out = {"spec": "CommonMark Spec 0.31.2", "license": "CC-BY-SA 4.0", "examples": tests}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
