"""What a sweep varies: one field of one part of the map and the values to try, written
as ``KIND:NAME.FIELD=VALUES`` (``team:Triage.staff=1..6``).

A :class:`Parameter` is plain data; :meth:`Parameter.apply` sets one of its values on a
copy of a map. Every value is tried on the map when the parameter is made, so a value the
map refuses (0 staff, a chance of 1.5) is reported before anything runs.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..domain.distributions import Distribution
from ..domain.parts import Delay, Entry, Step
from ..domain.scenario import SetArrivals, SetStaff
from ..domain.service_map import ServiceMap
from ..domain.units import MINUTES_PER, Duration, unit_name
from ..errors import InvalidParameter, ModelError
from .sweep_values import MOST_VALUES, SweepSpecError, read_values

HANDOFF_ARROWS = ("->", "→")


Setter = Callable[[ServiceMap, str, float], None]  # (map copy, name, value in model units)


@dataclass(frozen=True)
class FieldInfo:
    """One field a sweep can vary: how it is said, its unit and how it is set."""

    words: str  # "staff", "mean time", "arrivals per day"
    unit: str  # the unit values are in when the text gives none ("" for plain numbers)
    set: Setter
    timed: bool = False  # values are lengths of time and may carry a unit ("30min")
    help: str = ""
    # A value in a sentence: {value} is "4 staff", {part} "team 'Triage'" (or "from 'A'
    # to 'B'" for a handoff): "Beyond 4 staff in team 'Triage', ...".
    phrase: str = "{value} for {part}"


# --- setting each field on a map copy ---------------------------------------------------


def scaled_to_mean(distribution: Distribution, minutes: float, what: str) -> Distribution:
    """``distribution`` stretched (every time parameter multiplied by one factor) so that
    its mean is ``minutes``: its shape, and so its spread relative to the mean, stays."""
    if not distribution.mean > 0:
        raise ModelError(f"{what} takes no time ({distribution.describe()}), so it cannot "
                         "be stretched to another mean.")
    factor = minutes / distribution.mean
    changes = {}
    for f in dataclasses.fields(distribution):
        if f.name in ("unit", "shape"):  # a Weibull's shape is not a time
            continue
        value = getattr(distribution, f.name)
        changes[f.name] = (tuple(v * factor for v in value) if isinstance(value, tuple)
                           else value * factor)
    return dataclasses.replace(distribution, **changes)


def _set_staff(service_map: ServiceMap, name: str, value: float) -> None:
    SetStaff(team=name, staff=value).apply(service_map)


def _set_mean(service_map: ServiceMap, name: str, minutes: float) -> None:
    node = service_map.node(name)
    if not isinstance(node, Step | Delay):
        raise ModelError(f"'{name}' is a {node.kind}; only steps and delays take time.")
    service_map.update(name, duration=scaled_to_mean(node.duration, minutes, node.label))


def _set_per_day(service_map: ServiceMap, name: str, value: float) -> None:
    SetArrivals(entry=name, per_day=value).apply(service_map)


def _set_chase_after(service_map: ServiceMap, name: str, minutes: float) -> None:
    segment = service_map.segment(name)
    if segment.chase is None:
        raise ModelError(f"Customers of segment '{name}' never chase on this map: give the "
                         "segment a chase rule first, then sweep when they chase.")
    service_map.update_segment(name, chase=dataclasses.replace(
        segment.chase, after=_duration(minutes)))


def _set_patience(service_map: ServiceMap, name: str, minutes: float) -> None:
    segment = service_map.segment(name)
    if segment.patience is None:
        raise ModelError(f"Customers of segment '{name}' never give up on this map: give the "
                         "segment a patience first, then sweep it.")
    service_map.update_segment(name, patience=scaled_to_mean(
        segment.patience, minutes, f"the patience of segment '{name}'"))


def _handoff_ends(name: str) -> tuple[str, str]:
    for arrow in HANDOFF_ARROWS:
        if arrow in name:
            source, _, target = name.partition(arrow)
            return source.strip(), target.strip()
    raise ModelError(f"'{name}' does not name a handoff; write it as SOURCE->TARGET.")


def _set_info_travels(service_map: ServiceMap, name: str, value: float) -> None:
    source, target = _handoff_ends(name)
    service_map.update_handoff(source, target, info_travels=value)


def _set_handoff_delay(service_map: ServiceMap, name: str, minutes: float) -> None:
    source, target = _handoff_ends(name)
    delay = service_map.handoff(source, target).delay
    if delay is None:
        raise ModelError(f"The handoff from '{source}' to '{target}' has no delay to stretch: "
                         "give it one on the map first.")
    service_map.update_handoff(source, target, delay=scaled_to_mean(
        delay, minutes, f"the delay from '{source}' to '{target}'"))


def _duration(minutes: float) -> Duration:
    """A length of time in the largest unit it is a whole number of (for descriptions)."""
    for unit in ("weeks", "days", "hours"):
        if (minutes / MINUTES_PER[unit]).is_integer():
            return Duration(minutes / MINUTES_PER[unit], unit)
    return Duration(minutes, "minutes")


_MEAN = FieldInfo("mean time", "minutes", _set_mean, timed=True,
                  help="the mean time it takes (its spread keeps its shape)",
                  phrase="a mean time of {value} for {part}")

#: What a sweep can vary: kind of part -> field -> how.
FIELDS: dict[str, dict[str, FieldInfo]] = {
    "team": {"staff": FieldInfo("staff", "staff", _set_staff,
                                help="staff on each of the team's shifts",
                                phrase="{value} in {part}")},
    "step": {"mean": _MEAN},
    "delay": {"mean": _MEAN},
    "entry": {"per_day": FieldInfo("arrivals", "a day", _set_per_day,
                                   help="customers arriving on an average day",
                                   phrase="{value} arriving at {part}")},
    "segment": {
        "chase_after": FieldInfo("chase threshold", "days", _set_chase_after, timed=True,
                                 help="how long customers wait before they chase",
                                 phrase="a chase threshold of {value} for {part}"),
        "patience": FieldInfo("mean patience", "days", _set_patience, timed=True,
                              help="the mean time customers queue before giving up",
                              phrase="a mean patience of {value} for {part}"),
    },
    "handoff": {
        "info_travels": FieldInfo("chance information travels", "share", _set_info_travels,
                                  help="the chance (0 to 1) that information travels",
                                  phrase="a {value} chance that information travels {part}"),
        "delay": FieldInfo("delay", "minutes", _set_handoff_delay, timed=True,
                           help="the mean delay in transit",
                           phrase="a mean delay of {value} {part}"),
    },
}

# --- the parameter ----------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """One field of one part, and the values a sweep tries, in ``unit``.

    ``kind`` is a key of :data:`FIELDS` (team, step, delay, entry, segment, handoff);
    ``name`` the part's name (``"SOURCE->TARGET"`` for a handoff); ``field`` a key of
    ``FIELDS[kind]``. ``unit`` is "minutes", "hours", "days" or "weeks" for times, and the
    field's own unit otherwise ("staff", "a day", "share"). Make one with
    :func:`make_parameter` or :func:`parse_vary`, which check it against a map.
    """

    kind: str
    name: str
    field: str
    values: tuple[float, ...]
    unit: str
    text: str = ""  # as the user wrote it, if written

    @property
    def info(self) -> FieldInfo:
        return FIELDS[self.kind][self.field]

    @property
    def part(self) -> str:
        """The part in words: "team 'Triage'", or "from 'A' to 'B'" for a handoff."""
        if self.kind == "handoff":
            source, target = _handoff_ends(self.name)
            return f"from '{source}' to '{target}'"
        return f"{self.kind} '{self.name}'"

    @property
    def label(self) -> str:
        """What is varied, in words: "staff of team 'Triage'"."""
        joint = " " if self.kind == "handoff" else " of "
        return f"{self.info.words}{joint}{self.part}"

    def phrase(self, value: float, upto: float | None = None) -> str:
        """A value (or a range of values, to ``upto``) in a sentence: "4 staff in team
        'Triage'", "a mean time of 30 to 40 minutes for step 'Assess'"."""
        said = self.value_text(value)
        if upto is not None and upto != value:
            said = f"{self.value_text(value).split(' ')[0]} to {self.value_text(upto)}"
        return self.info.phrase.format(value=said, part=self.part)

    @property
    def axis_label(self) -> str:
        """The label for a chart's axis, with the unit: "Staff of team 'Triage'"."""
        text = self.label[:1].upper() + self.label[1:]
        if self.unit in ("staff", "share"):
            return text + (" (0 to 1)" if self.unit == "share" else "")
        return f"{text} ({'per day' if self.unit == 'a day' else self.unit})"

    def value_text(self, value: float) -> str:
        """One value with its unit: "4 staff", "30 minutes", "80%", "200 a day"."""
        if self.unit == "share":
            return f"{value:.0%}"
        unit = self.unit
        if value == 1 and unit in MINUTES_PER:
            unit = unit.removesuffix("s")
        return f"{value:g} {unit}"

    def point_text(self, value: float) -> str:
        """A point of the sweep in words: "staff of team 'Triage' 4 staff"."""
        return f"{self.label} {self.value_text(value)}"

    def in_model_units(self, value: float) -> float:
        return value * MINUTES_PER[self.unit] if self.info.timed else value

    def apply(self, service_map: ServiceMap, value: float) -> None:
        """Set ``value`` on ``service_map`` (a copy: it is changed in place).

        Raises SweepSpecError naming the value if the map refuses it."""
        try:
            self.info.set(service_map, self.name, self.in_model_units(value))
        except InvalidParameter as error:
            raise SweepSpecError(f"{self._where()}the value {self.value_text(value)} cannot "
                                 f"be used: {_sentence(error)}") from None
        except ModelError as error:  # the map lacks what the field needs, whatever the value
            raise SweepSpecError(f"{self._where()}{_sentence(error)}") from None

    def applied(self, service_map: ServiceMap, value: float) -> ServiceMap:
        """A copy of ``service_map`` with ``value`` set; the map itself is left alone."""
        changed = service_map.copy()
        self.apply(changed, value)
        return changed

    @property
    def target(self) -> tuple[str, str, str]:
        """What is varied, to tell two parameters that vary the same thing apart."""
        if self.kind == "handoff":
            return (self.kind, "->".join(_handoff_ends(self.name)), self.field)
        return ("part" if self.kind in ("step", "delay") else self.kind, self.name, self.field)

    def _where(self) -> str:
        return f"In '{self.text}': " if self.text else f"Sweeping the {self.label}: "


def _sentence(error: Exception) -> str:
    text = str(error).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


# --- checking names ---------------------------------------------------------------------


def _did_you_mean(name: str, known: Sequence[str], plural: str) -> str:
    """" — did you mean 'Triage'?", or "; the teams are: 'A', 'B'." when nothing is close."""
    lower = {k.lower(): k for k in known}
    close = ([lower[name.lower()]] if name.lower() in lower
             else difflib.get_close_matches(name, list(known), n=1, cutoff=0.6))
    if close:
        return f" — did you mean '{close[0]}'?"
    return f"; the {plural} are: {', '.join(repr(k) for k in known)}." if known else "."


_PLURALS = {"team": "teams", "step": "steps", "delay": "delays", "entry": "entries",
            "segment": "segments", "handoff": "handoffs"}


def _names(service_map: ServiceMap, kind: str) -> list[str]:
    """The names a part of ``kind`` can have on ``service_map``."""
    if kind == "team":
        return [t.name for t in service_map.teams()]
    if kind == "segment":
        return [s.name for s in service_map.segments()]
    if kind == "handoff":
        return [f"{s}->{t}" for s, t, _ in service_map.handoffs()]
    cls = {"step": Step, "delay": Delay, "entry": Entry}[kind]
    return [n.name for n in service_map.nodes(cls)]


def sweepable_names(service_map: ServiceMap, kind: str) -> list[str]:
    """The parts of ``kind`` a sweep can vary on ``service_map`` (for a GUI's list)."""
    return _names(service_map, kind)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _check_name(service_map: ServiceMap, kind: str, name: str) -> str:
    """The part's name as the map spells it; raises SweepSpecError if there is none."""
    known = _names(service_map, kind)
    if name in known:
        return name
    if kind == "handoff":
        return _check_handoff(service_map, name, known)
    if kind in ("step", "delay", "entry") and service_map.has(name):
        other = service_map.node(name).kind
        hint = f" (write '{other}:{name}.…')" if other in FIELDS else ""
        raise SweepSpecError(f"'{name}' is {_a(other)}, not {_a(kind)}{hint}.")
    if not known:
        raise SweepSpecError(f"there is no {kind} called '{name}': the map has no "
                             f"{_PLURALS[kind]}.")
    raise SweepSpecError(f"there is no {kind} called '{name}' on the map"
                         + _did_you_mean(name, known, _PLURALS[kind]))


def _check_handoff(service_map: ServiceMap, name: str, known: list[str]) -> str:
    if not any(arrow in name for arrow in HANDOFF_ARROWS):
        raise SweepSpecError(f"'{name}' does not name a handoff; write it as SOURCE->TARGET, "
                             "like 'handoff:Triage->Clinic.info_travels'.")
    source, target = _handoff_ends(name)
    if f"{source}->{target}" in known:
        return f"{source}->{target}"
    parts = [n.name for n in service_map.nodes()]
    for end in (source, target):
        if end not in parts:
            raise SweepSpecError(f"there is no part called '{end}' on the map"
                                 + _did_you_mean(end, parts, "parts"))
    ways = [f"'{source}->{t}'" for t, _ in service_map.ways_out(source)]
    others = f"; the handoffs from '{source}' are {', '.join(ways)}." if ways else \
        f"; '{source}' hands on to nothing."
    raise SweepSpecError(f"there is no handoff from '{source}' to '{target}'" + others)


# --- making a parameter -----------------------------------------------------------------


def make_parameter(service_map: ServiceMap, kind: str, name: str, field: str,
                   values: Sequence[float], unit: str | None = None,
                   text: str = "") -> Parameter:
    """A parameter checked against ``service_map``: the kind, the part, the field and
    every value (each is tried on a copy of the map). ``unit`` defaults to the field's.

    Raises SweepSpecError, whose message names the text (or the part) and the mistake."""
    where = f"In '{text}': " if text else ""
    try:
        if kind not in FIELDS:
            raise SweepSpecError(f"a sweep cannot vary a '{kind}'" + _did_you_mean(
                kind, list(FIELDS), "kinds it can vary"))
        fields = FIELDS[kind]
        if field not in fields:
            listed = ", ".join(f"'{f}' ({info.help})" for f, info in fields.items())
            close = _did_you_mean(field, list(fields), "fields")
            hint = close if close.startswith(" —") else "."
            raise SweepSpecError(f"a {kind} has no field '{field}'{hint} A sweep can vary "
                                 f"these fields of a {kind}: {listed}.")
        name = _check_name(service_map, kind, name)
        info = fields[field]
        unit = unit_name(unit) if info.timed and unit else info.unit
        clean = tuple(sorted(float(v) for v in values))
        if len(clean) < 2:
            raise SweepSpecError("a sweep needs two or more values.")
        if len(set(clean)) < len(clean):
            raise SweepSpecError("a value is given twice.")
        if len(clean) > MOST_VALUES:
            raise SweepSpecError(f"{len(clean)} values are given; a sweep tries at most "
                                 f"{MOST_VALUES}.")
        if not all(math.isfinite(v) for v in clean):
            raise SweepSpecError("every value must be a finite number.")
    except (SweepSpecError, InvalidParameter) as error:
        raise SweepSpecError(where + str(error)) from None
    parameter = Parameter(kind, name, field, clean, unit, text)
    if info.timed and clean[0] <= 0:
        raise SweepSpecError(f"{parameter._where()}the value {parameter.value_text(clean[0])} "
                             f"cannot be used: a {info.words} must be more than zero.")
    for value in clean:
        parameter.applied(service_map, value)  # raises, naming the value, if refused
    return parameter


_SPEC = re.compile(r"\s*([^:=]*?)\s*:\s*(.*?)\s*(=(.*))?")


def parse_vary(text: str, service_map: ServiceMap) -> Parameter:
    """Read ``KIND:NAME.FIELD=VALUES`` (``team:Triage.staff=1..6``,
    ``segment:Routine.chase_after=5..30/5``, ``handoff:GP->Booking.info_travels=0.2,0.5,1``)
    into a parameter checked against ``service_map``. Raises SweepSpecError with a message
    naming ``text`` and what is wrong."""
    match = _SPEC.fullmatch(text)
    if not match or not match.group(1):
        raise SweepSpecError(f"'{text}' does not say what to vary; write it as "
                             "KIND:NAME.FIELD=VALUES, like 'team:Triage.staff=1..6'.")
    kind, target, has_values, values = match.group(1), match.group(2), match.group(3), \
        match.group(4)
    name, dot, field = target.rpartition(".")
    if not dot or not name.strip():
        example = next(iter(FIELDS.get(kind, FIELDS["team"])))
        raise SweepSpecError(f"In '{text}': name the part and then its field after a dot, "
                             f"like '{kind}:NAME.{example}'.")
    if not has_values:
        raise SweepSpecError(f"In '{text}': say which values to try after '=', like "
                             "'=1..6', '=5..30/5' or '=1,2,4,8'.")
    info = FIELDS.get(kind, {}).get(field.strip())
    try:
        numbers, unit = read_values(values, timed=bool(info and info.timed),
                                    default_unit=info.unit if info else "")
    except SweepSpecError as error:
        if info is not None:
            raise SweepSpecError(f"In '{text}': {error}") from None
        numbers, unit = (), ""  # the kind or field is the first mistake to report
    return make_parameter(service_map, kind.strip(), name.strip(), field.strip(), numbers,
                          unit if info and info.timed else None, text=text.strip())


__all__ = ["FIELDS", "FieldInfo", "MOST_VALUES", "Parameter", "SweepSpecError",
           "make_parameter", "parse_vary", "read_values", "scaled_to_mean",
           "sweepable_names"]
