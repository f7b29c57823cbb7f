#!/usr/bin/env python3
"""Copies the snapshot screens into the README's `<!-- snapshot: NAME -->`
blocks (tests/readme.rs checks they agree). Run after accepting snapshots."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
readme = root / "README.md"


def screen(name):
    text = (root / "tests/tui/snapshots" / f"{name}.snap").read_text()
    body = text.split("---\n", 2)[2]
    lines = []
    for line in body.splitlines():
        if line.startswith('"') and line.endswith('"'):
            line = line[1:-1]
        lines.append(line.rstrip())
    return "\n".join(lines)


def refresh(match):
    return f"{match.group(1)}```text\n{screen(match.group(2))}\n```"


text = readme.read_text()
text = re.sub(r"(<!-- snapshot: (\S+) -->\n)```text\n.*?\n```", refresh, text, flags=re.S)
readme.write_text(text)
