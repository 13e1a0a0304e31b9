"""Write one followed person to a folder, for a board paper's "patient story" box: the
timeline (PNG at 300 dpi and SVG) and the story (plain text and Markdown); and with a
redesign, the two timelines one above the other and both stories.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from matplotlib.figure import Figure

from .. import __version__
from ..analysis.journey_run import Followed
from ..analysis.journey_story import SAME_PERSON_NOTE, Story
from .export import replacing, save_figure
from .journey_chart import comparison_figure, journey_figure


def footnote(followed: Followed, scenario: str | None = None, note: str = "") -> str:
    """What was simulated and who this is: map, scenario, replication, seed, version."""
    s = followed.settings
    scenario = followed.scenario if scenario is None else scenario
    pick = followed.pick
    why = pick.why[0].upper() + pick.why[1:]
    return (f"Map: {followed.title or 'untitled'}. Scenario: "
            f"{scenario or 'none (the map as drawn)'}. Replication {pick.replication + 1} of "
            f"{s.days:g} days from {s.start_date:%a %d %b %Y}, seed {s.seed}; arrivals in the "
            f"first {s.warmup_days:g} days (the warm-up) are not picked. {why}. "
            f"{note + ' ' if note else ''}OutsideIn {__version__}.")


def write_story(story: Story, path: str | os.PathLike[str], extra: str = "") -> Path:
    """The story as plain text (.txt) or Markdown (.md), by the file's suffix."""
    path = Path(path)
    text = story.markdown() if path.suffix.lower() == ".md" else story.text()
    with replacing(path) as temporary:
        temporary.write_text(text + (f"\n{extra}\n" if extra else ""), encoding="utf-8")
    return path


def timeline_figure(followed: Followed, person: str = "customer") -> Figure:
    """The person's timeline; with a redesign, the two timelines one above the other."""
    start = followed.settings.start_date
    if followed.redesign_journey is None:
        return journey_figure(followed.journey, start, person=person,
                              footnote=footnote(followed))
    names = (followed.scenario or "As things are", followed.redesign)
    return comparison_figure(followed.journey, followed.redesign_journey, start, names=names,
                             person=person, footnote=footnote(followed, followed.redesign,
                                                              SAME_PERSON_NOTE))


def write_followed(followed: Followed, folder: str | os.PathLike[str],
                   person: str = "customer") -> list[Path]:
    """journey.png, journey.svg, journey.txt, journey.md in ``folder``; with a redesign
    also compare.png, compare.svg, compare.txt and compare.md. Returns the paths."""
    folder = Path(folder)
    alone = dataclasses.replace(followed, redesign_journey=None, redesign_story=None)
    figure = timeline_figure(alone, person)
    written = [save_figure(figure, folder / f"journey.{kind}") for kind in ("png", "svg")]
    written += [write_story(followed.story, folder / f"journey.{kind}")
                for kind in ("txt", "md")]
    if followed.redesign_journey is None or followed.redesign_story is None:
        return written
    pair = timeline_figure(followed, person)
    written += [save_figure(pair, folder / f"compare.{kind}") for kind in ("png", "svg")]
    for kind in ("txt", "md"):
        path = folder / f"compare.{kind}"
        with replacing(path) as temporary:
            temporary.write_text(comparison_text(followed, markdown=kind == "md"),
                                 encoding="utf-8")
        written.append(path)
    return written


def comparison_text(followed: Followed, markdown: bool = False) -> str:
    """What the redesign did for the person, then both stories (as things are first)."""
    if followed.redesign_story is None:
        return followed.story.markdown() if markdown else followed.story.text()
    names = (followed.scenario or "As things are", followed.redesign)
    stories = (followed.story, followed.redesign_story)
    if markdown:
        parts = [f"#### {followed.comparison}\n\n*{SAME_PERSON_NOTE}*\n"]
        parts += [f"**{n}**\n\n{story.markdown()}" for n, story in zip(names, stories,
                                                                        strict=True)]
    else:
        parts = [f"{followed.comparison}\n{SAME_PERSON_NOTE}\n"]
        parts += [f"{n.upper()}\n\n{story.text()}" for n, story in zip(names, stories,
                                                                        strict=True)]
    return "\n".join(parts)
