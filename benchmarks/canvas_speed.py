"""How fast the canvas opens, lays out, draws and drags a big map (300 parts, 400 handoffs).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/canvas_speed.py [--random]

The map is a journey of 300 parts (steps of eight teams, decisions, delays) with 100 extra
handoffs: short jumps forward and rework loops back (``--random``: jumps anywhere, a
harder case for the router). Prints milliseconds per stage.
"""

from __future__ import annotations

import os
import random
import sys
import time

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Delay,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.domain.layout import left_to_right, swimlanes
from outsidein_desktop.gui.canvas import MapCanvas
from outsidein_desktop.gui.document import MapDocument


def big_map(parts: int = 300, extra: int = 100, anywhere: bool = False,
            seed: int = 1) -> ServiceMap:
    rng = random.Random(seed)
    m = ServiceMap(title="Big journey")
    for t in range(8):
        m.add_team(Team(name=f"Team {t}", colour=f"#{rng.randrange(0x1000000):06X}",
                        shifts=(Shift(staff=2),)))
    names = ["In"]
    m.add(Entry(name="In", arrivals=Arrivals(per_day=50)))
    for i in range(1, parts - 1):
        position = ((i % 30) * 200.0, (i // 30) * 150.0)
        roll = rng.random()
        if roll < 0.6:
            part = Step(name=f"Step {i}", position=position, team=f"Team {rng.randrange(8)}",
                        duration=Exponential(mean_value=10))
        elif roll < 0.8:
            part = Decision(name=f"Decision {i}", position=position)
        else:
            part = Delay(name=f"Delay {i}", position=position,
                         duration=Fixed(value=1, unit="days"))
        m.add(part)
        names.append(part.name)
    m.add(Exit(name="Out", position=(6000.0, 0.0)))
    names.append("Out")
    for a, b in zip(names, names[1:], strict=False):
        m.connect(a, b)
    added = 0
    while added < extra:
        i = rng.randrange(1, len(names) - 1)
        j = rng.randrange(1, len(names) - 1) if anywhere else i + rng.choice([-4, -2, 2, 3, 5])
        if 0 < j < len(names) - 1 and i != j and not m.has_handoff(names[i], names[j]):
            m.connect(names[i], names[j], Handoff(probability=0.2))
            added += 1
    return m


def _ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1000:7.0f} ms"


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    m = big_map(anywhere="--random" in sys.argv)
    print(f"{len(m)} parts, {len(m.handoffs())} handoffs")
    t = time.perf_counter()
    left_to_right(m)
    print(f"left_to_right (domain)        {_ms(t)}")
    t = time.perf_counter()
    swimlanes(m)
    print(f"swimlanes (domain)            {_ms(t)}")
    t = time.perf_counter()
    canvas = MapCanvas(MapDocument(m))
    print(f"open: build the scene         {_ms(t)}")
    canvas.resize(1400, 900)
    canvas.show()
    t = time.perf_counter()
    app.processEvents()
    canvas.grab()
    print(f"first paint (fit to window)   {_ms(t)}")
    t = time.perf_counter()
    canvas.auto_layout()
    print(f"auto layout, one undo entry   {_ms(t)}")
    t = time.perf_counter()
    canvas.grab()
    print(f"paint after layout            {_ms(t)}")
    canvas.reset_zoom()
    item = next(i for n, i in canvas.map_scene.nodes.items() if n.startswith("Step 1"))
    canvas.centerOn(item)
    t = time.perf_counter()
    frames = 60
    for _ in range(frames):
        item.setPos(item.pos() + QPointF(2, 1))
        canvas.viewport().repaint()
    print(f"drag: one frame at 100%       {(time.perf_counter() - t) * 1000 / frames:7.1f} ms")
    t = time.perf_counter()
    canvas.map_scene.commit_moves()
    print(f"drop: the move command        {_ms(t)}")
    t = time.perf_counter()
    canvas.set_swimlanes(True)
    canvas.grab()
    print(f"swimlanes on and paint        {_ms(t)}")
    sys.stdout.flush()
    os._exit(0)  # skip tearing down 700 items one by one


if __name__ == "__main__":
    main()
