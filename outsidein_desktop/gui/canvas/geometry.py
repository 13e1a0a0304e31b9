"""Routing a handoff arrow: a cubic Bézier from one part to another, cut at their borders.

Forward handoffs run straight, or as a gentle S when the parts are on different rows; a
handoff back to an earlier part (rework) dips below both parts, so it never lies on top of
the forward arrows (unless it mostly goes up or down: then it curves there directly); a
part handing back to itself loops over its top-right corner. A route that would run through
another part is swapped for the first of a few wider detours that does not.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF

Cubic = tuple[QPointF, QPointF, QPointF, QPointF]

#: How far a handoff may go left before it counts as going back (scene units).
BACKWARDS = 24.0
#: The sideways bend of each of two handoffs between the same parts in opposite directions.
PAIR_BEND = 16.0


def route(a: QPointF, b: QPointF, size_a: tuple[float, float], size_b: tuple[float, float],
          *, paired: bool = False) -> Cubic:
    """Control points from the centre of part ``a`` to the centre of part ``b``."""
    if a == b:
        w, h = size_a
        return (a, a + QPointF(w * 0.25, -h / 2 - 70), a + QPointF(w / 2 + 70, -h * 0.25), a)
    dx, dy = b.x() - a.x(), b.y() - a.y()
    if dx < -BACKWARDS and abs(dx) < abs(dy) * 1.2:  # back, but mostly up or down: direct
        return (a, QPointF(a.x(), a.y() + dy * 0.6), QPointF(b.x(), b.y() - dy * 0.6), b)
    if dx < -BACKWARDS:
        depth = max(size_a[1], size_b[1]) / 2 + 32 + 0.06 * abs(dx)
        low = max(a.y(), b.y()) + depth
        return (a, QPointF(a.x() + 10, low), QPointF(b.x() - 10, low), b)
    paired = paired and abs(dx) <= BACKWARDS  # otherwise the way back dips below anyway
    if abs(dy) < 2 and not paired:
        return (a, a + QPointF(dx / 3, 0), a + QPointF(2 * dx / 3, 0), b)
    if abs(dx) >= abs(dy) * 0.6:
        c1, c2 = QPointF(a.x() + dx * 0.5, a.y()), QPointF(b.x() - dx * 0.5, b.y())
    else:
        c1, c2 = QPointF(a.x(), a.y() + dy * 0.5), QPointF(b.x(), b.y() - dy * 0.5)
    if paired:
        length = max((dx * dx + dy * dy) ** 0.5, 1.0)
        normal = QPointF(-dy / length, dx / length) * PAIR_BEND * 2
        c1, c2 = c1 + normal, c2 + normal
    return (a, c1, c2, b)


def point(c: Cubic, t: float) -> QPointF:
    u = 1 - t
    return c[0] * (u * u * u) + c[1] * (3 * u * u * t) + c[2] * (3 * u * t * t) + c[3] * (t * t * t)


def tangent(c: Cubic, t: float) -> QPointF:
    u = 1 - t
    d = (c[1] - c[0]) * (3 * u * u) + (c[2] - c[1]) * (6 * u * t) + (c[3] - c[2]) * (3 * t * t)
    if d.manhattanLength() < 1e-9:  # a control point on an end: use the chord
        d = c[3] - c[0] if t > 0.5 else c[1] - c[0]
    return d


def split(c: Cubic, t0: float, t1: float) -> Cubic:
    """The piece of ``c`` between ``t0`` and ``t1`` (de Casteljau)."""
    right = _split_at(c, t0)[1]
    if t0 < 1:
        right = _split_at(right, (t1 - t0) / (1 - t0))[0]
    return right


def _split_at(c: Cubic, t: float) -> tuple[Cubic, Cubic]:
    p01, p12, p23 = _lerp(c[0], c[1], t), _lerp(c[1], c[2], t), _lerp(c[2], c[3], t)
    p012, p123 = _lerp(p01, p12, t), _lerp(p12, p23, t)
    mid = _lerp(p012, p123, t)
    return (c[0], p01, p012, mid), (mid, p123, p23, c[3])


def _lerp(p: QPointF, q: QPointF, t: float) -> QPointF:
    return p + (q - p) * t


def clip(c: Cubic, inside_a: Callable[[QPointF], bool],
         inside_b: Callable[[QPointF], bool], samples: int = 48) -> tuple[float, float] | None:
    """The stretch of ``c`` outside both parts: ``(t_leave_a, t_reach_b)``, or None if the
    parts overlap so much that nothing shows."""
    ts = [i / samples for i in range(samples + 1)]
    leave = next((t for t in ts if not inside_a(point(c, t))), None)
    reach = next((t for t in reversed(ts) if not inside_b(point(c, t))), None)
    if leave is None or reach is None or leave >= reach:
        return None
    step = 1 / samples
    leave = _edge(c, inside_a, max(leave - step, 0.0), leave)
    reach = _edge(c, inside_b, min(reach + step, 1.0), reach)
    return (leave, reach) if leave < reach else None


def _edge(c: Cubic, inside: Callable[[QPointF], bool], t_in: float, t_out: float) -> float:
    """Bisect between a point inside and a point outside to find the border crossing."""
    for _ in range(12):
        mid = (t_in + t_out) / 2
        if inside(point(c, mid)):
            t_in = mid
        else:
            t_out = mid
    return t_out


def trim_end(c: Cubic, length: float) -> float:
    """The ``t`` at which ``c`` is ``length`` (straight-line) from its end."""
    end = c[3]
    lo, hi = 0.0, 1.0
    for _ in range(20):
        mid = (lo + hi) / 2
        d = point(c, mid) - end
        if (d.x() ** 2 + d.y() ** 2) ** 0.5 > length:
            lo = mid
        else:
            hi = mid
    return lo


def detours(c: Cubic) -> list[Cubic]:
    """Other ways from the same start to the same end, bowed further and further out to
    either side (first up, then down), for when the direct way runs through a part."""
    a, b = c[0], c[3]
    if a == b:
        return []
    chord = b - a
    length = (chord.x() ** 2 + chord.y() ** 2) ** 0.5
    normal = QPointF(chord.y() / length, -chord.x() / length)  # to the left of the chord
    if normal.y() > 0 or (normal.y() == 0 and normal.x() > 0):
        normal = -normal  # "up" first
    going_back = chord.x() < -BACKWARDS
    out = []
    for bow in (80.0, 140.0, 210.0, 300.0):
        for side in ((1.0,) if going_back else (1.0, -1.0)):
            shift = normal * (bow * side) if not going_back else QPointF(0, bow * 0.8)
            out.append((a, c[1] + shift, c[2] + shift, b))
        if going_back:  # or over the top of both parts
            top = min(a.y(), b.y()) - (c[1].y() - max(a.y(), b.y())) - bow * 0.8
            out.append((a, QPointF(c[1].x(), top), QPointF(c[2].x(), top), b))
    return out


def control_box(c: Cubic) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) around the control points: the curve lies inside."""
    xs, ys = [p.x() for p in c], [p.y() for p in c]
    return min(xs), min(ys), max(xs), max(ys)


def runs_through(c: Cubic, boxes: np.ndarray) -> bool:
    """Whether the curve passes through any of ``boxes`` (rows of left, top, right, bottom),
    its ends excluded."""
    if len(boxes) == 0:
        return False
    xs = _BASIS @ np.array([p.x() for p in c])
    ys = _BASIS @ np.array([p.y() for p in c])
    inside = ((xs[:, None] > boxes[:, 0]) & (xs[:, None] < boxes[:, 2])
              & (ys[:, None] > boxes[:, 1]) & (ys[:, None] < boxes[:, 3]))
    return bool(inside.any())


def _bernstein(samples: int) -> np.ndarray:
    """Rows of cubic Bernstein weights at ``samples - 1`` inner points of a curve."""
    t = np.linspace(0.0, 1.0, samples + 1)[1:-1]
    u = 1.0 - t
    return np.stack([u ** 3, 3 * u * u * t, 3 * u * t * t, t ** 3], axis=1)


_BASIS = _bernstein(40)
