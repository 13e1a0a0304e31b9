"""The example journeys shipped in the repository's ``models/`` folder.

Only the title and the notes are read (as plain JSON), so the welcome page and the
File menu can list the examples without loading and checking whole maps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import outsidein_desktop

#: Where the examples live when running from the repository.
EXAMPLES_DIR = Path(outsidein_desktop.__file__).resolve().parents[1] / "models"

SUMMARY_LENGTH = 140


@dataclass(frozen=True)
class Example:
    """One example map: its file, its title and one line from its notes."""

    path: Path
    title: str
    summary: str


def find_examples(folder: Path | None = None) -> list[Example]:
    """The example maps in ``folder`` (default: the repository's ``models/``), by title.

    A missing folder gives an empty list; a file that is not readable JSON is listed under
    its file name, and opening it will say what is wrong.
    """
    folder = EXAMPLES_DIR if folder is None else Path(folder)
    if not folder.is_dir():
        return []
    examples = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        title = str(data.get("title") or path.stem.replace("_", " "))
        examples.append(Example(path, title, first_line(str(data.get("notes") or ""))))
    return sorted(examples, key=lambda e: e.title.lower())


def first_line(notes: str, limit: int = SUMMARY_LENGTH) -> str:
    """The first sentence of ``notes``, cut to ``limit`` characters at a word."""
    text = " ".join(notes.split())
    # The clause before a colon reads as a sentence of its own ("... from the tenant's side.").
    ends = [text.find(stop) for stop in (". ", ": ") if 0 <= text.find(stop) < limit]
    if ends:
        text = text[: min(ends)] + "."
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\N{HORIZONTAL ELLIPSIS}"
