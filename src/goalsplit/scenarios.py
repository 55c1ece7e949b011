"""What-if without editing the file: ``--set KEY=VALUE`` and named ``scenarios:``.

An override is laid over the plan's plain data (:mod:`goalsplit.yaml_source`) before
it is validated, so that it goes through exactly the rules of the file: the value
is read with the same YAML 1.2 scalar rules (``1.10`` is an exact decimal, ``no`` is
text, ``40%`` a rate), and the plan is validated and worked out as if the file had
been edited. A scenario is a part of a plan (``{rates: {dials: 0.45}}``) laid over
it: mappings merge key by key, ``reps`` by name, anything else is replaced; a key
set to null (``--set capacity=null``, ``{capacity: null}``) is taken out, as if the
file did not have it.

Problems with the value of an override are reported where it came from: a
``--set`` names itself (``--set stretch=abc: stretch: must be a number``, a usage
error), a scenario's value points at its line in the file. A path that leads
nowhere (``reps.Nobody.weight``, ``stretch.x``) is an :class:`OverrideError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from goalsplit.errors import InputError, Issue, PlanError, PlanPath
from goalsplit.i18n import N_
from goalsplit.yaml_source import SourceMap

SET_PREFIX = "--set "
"""The ``file`` of an issue in the value of a ``--set``: ``--set stretch=abc: ...``."""


class OverrideError(InputError):
    """A ``--set`` or ``--scenario`` that cannot be applied (a usage error)."""

    option = "--set"


class UnknownScenarioError(OverrideError):
    option = "--scenario"


@dataclass(frozen=True)
class Override:
    """One value to lay over the plan: ``parts`` is the dotted key, split."""

    text: str  # as given, for messages: ``stretch=1.2`` or the scenario's name
    parts: tuple[str, ...]
    value: Any
    origin: PlanPath | None = None  # a scenario's value: where it is in the file


@dataclass(frozen=True)
class WhatIf:
    """A scenario of the plan and ``--set`` overrides (applied in that order)."""

    scenario: str | None = None
    sets: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.scenario is not None or bool(self.sets)


def parse_set(text: str) -> Override:
    """``KEY=VALUE``: a dotted key, and a value read as YAML (a scalar, ``[...]`` or
    ``{...}``) by the plan's own rules."""
    from goalsplit.yaml_source import parse_yaml

    key, equals, written = text.partition("=")
    parts = tuple(part.strip() for part in key.split("."))
    if not equals or not all(parts):
        raise OverrideError(
            N_("expected KEY=VALUE with a dotted KEY such as rates.dials, got {value}"),
            value=repr(text),
        )
    issues: list[Issue] = []
    try:
        value, _ = parse_yaml(written, SET_PREFIX + text, issues)
    except PlanError:
        value, issues = (
            None,
            [Issue((), N_("{setting}: the value is not one YAML value; quote it"))],
        )
    if issues:
        raise OverrideError(
            N_("{setting}: the value is not one YAML value; quote it"), setting=repr(text)
        )
    return Override(text, parts, value)


def scenario_overrides(data: dict[str, Any], name: str) -> list[Override]:
    """The plan's scenario ``name`` as overrides, each pointing at its value in the file."""
    scenarios = data.get("scenarios")
    known = list(scenarios) if isinstance(scenarios, dict) else []
    if name not in known:
        if not known:
            raise UnknownScenarioError(
                N_("the plan has no scenarios: (asked for {name})"), name=repr(name)
            )
        raise UnknownScenarioError(
            N_("no scenario named {name}; the plan has: {known}"),
            name=repr(name),
            known=", ".join(map(str, known)),
        )
    assert isinstance(scenarios, dict)
    chosen = scenarios[name]
    origin: PlanPath = ("scenarios", name)
    if not isinstance(chosen, dict):
        return []  # validation says what a scenario must be
    return list(_flatten(chosen, (), origin, name))


def _flatten(
    value: dict[str, Any], parts: tuple[str, ...], origin: PlanPath, name: str
) -> Iterator[Override]:
    """A scenario's leaves: mappings merge key by key (``reps`` by name)."""
    for key, item in value.items():
        here, at = (*parts, str(key)), (*origin, key)
        if isinstance(item, dict) and item:
            yield from _flatten(item, here, at, name)
        else:
            yield Override(name, here, item, at)


@dataclass
class OverlaidSource(SourceMap):
    """The file's source map, and where each override's value came from instead."""

    applied: list[tuple[PlanPath, Override]] = field(default_factory=list)

    def locate(self, issue: Issue) -> Issue:
        if issue.file is not None:
            return issue
        for path, override in reversed(self.applied):  # the last one laid over wins
            # What a null took out is missed by its mapping: a required key (said at the
            # root with its name), or an entry of a mapping below the root (a stage's
            # rate); either is said of the null.
            taken_out = (
                override.value is None
                and bool(path)
                and issue.path == path[:-1]
                and (len(path) > 1 or issue.params.get("key") == repr(path[-1]))
            )
            if issue.path[: len(path)] != path and not taken_out:
                continue
            rest = issue.path[len(path) :]
            if override.origin is not None:  # a scenario's value, in the file
                return super().locate(replace(issue, path=(*override.origin, *rest)))
            return issue.located(SET_PREFIX + override.text, None, None)
        return super().locate(issue)


def apply_what_if(
    data: dict[str, Any], source: SourceMap, what_if: WhatIf
) -> tuple[dict[str, Any], OverlaidSource]:
    """The plan's data with the scenario and the ``--set`` values laid over it."""
    sets = [parse_set(text) for text in what_if.sets]
    overlaid = OverlaidSource(source.file, source.root_at, source.root)

    def lay(overrides: Iterable[Override]) -> None:
        for override in overrides:
            try:
                overlaid.applied.append((lay_over(data, override), override))
            except OverrideError as exc:
                if override.origin is None:
                    raise
                # A scenario that leads nowhere is a problem in the file, at its line.
                issue = Issue(override.origin, exc.template, exc.params, at_key=True)
                raise PlanError([source.locate(issue)]) from None

    # A --set of the scenarios themselves comes first, so that the scenario chosen is
    # the one the --set leaves (made, changed or taken out); the other --sets come last.
    lay(o for o in sets if o.parts[0] == "scenarios")
    if what_if.scenario is not None:
        lay(scenario_overrides(data, what_if.scenario))
    lay(o for o in sets if o.parts[0] != "scenarios")
    return data, overlaid


def lay_over(data: dict[str, Any], override: Override) -> PlanPath:
    """Put ``override.value`` at its key in ``data`` (mappings on the way are made as
    needed); return the path of what it put there: of the value, or of the first
    mapping it had to make (a rep by name becomes ``reps[i]``)."""
    node: Any = data
    path: list[str | int] = []
    made: int | None = None  # the length of the path of the first mapping made
    parts = list(override.parts)
    while parts:
        part = parts.pop(0)
        if node is data and part == "reps" and parts:
            reps = data.get("reps")
            if not isinstance(reps, list):
                raise _nowhere(override, "reps", N_("{setting}: the plan has no list of reps"))
            index, parts = _rep(reps, parts, override)
            path += ["reps", index]
            node = reps[index]
            if not parts:
                raise OverrideError(
                    N_("{setting}: give a key of the rep, such as {key}.weight"),
                    setting=repr(override.text),
                    key=".".join(override.parts),
                )
            continue
        last = not parts
        if isinstance(node, dict):
            if last and override.value is None:  # null (or nothing): as if never written
                node.pop(part, None)
                path.append(part)
                break
            if last:
                node[part] = override.value
            elif not isinstance(node.get(part), dict | list):
                if part in node and node[part] is not None:
                    raise _nowhere(override, _dotted(path, part), _SINGLE)
                node[part] = {}
                made = len(path) + 1 if made is None else made
            path.append(part)
            node = node[part]
        elif isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise _nowhere(
                    override, _dotted(path), _NO_ITEM, item=repr(part), last=len(node) - 1
                )
            if last:
                node[int(part)] = override.value
            path.append(int(part))
            node = node[int(part)]
        else:
            raise _nowhere(override, _dotted(path), _SINGLE)
    return tuple(path[:made])


def _rep(reps: list[Any], parts: list[str], override: Override) -> tuple[int, list[str]]:
    """The rep that ``parts`` start with: by name (which may hold dots), else by index."""
    names = [_name(rep) for rep in reps]
    for taken in range(len(parts), 0, -1):
        wanted = ".".join(parts[:taken])
        if wanted in names:
            return names.index(wanted), parts[taken:]
    if parts[0].isdigit() and int(parts[0]) < len(reps):
        return int(parts[0]), parts[1:]
    if parts[0].isdigit() and reps:
        raise OverrideError(
            N_("{setting}: no rep named {name}, and by position the reps are 0 to {last}: {reps}"),
            setting=repr(override.text),
            name=repr(parts[0]),
            last=len(reps) - 1,
            reps=", ".join(n for n in names if n is not None),
        )
    raise OverrideError(
        N_("{setting}: no rep named {name}; the reps are: {reps}"),
        setting=repr(override.text),
        name=repr(parts[0]),
        reps=", ".join(n for n in names if n is not None),
    )


def _name(rep: Any) -> str | None:
    if not isinstance(rep, dict):
        return None
    name = rep.get("name")
    text = getattr(name, "text", name)
    return str(text).strip() if text is not None else None


def _dotted(path: Sequence[str | int], *more: str) -> str:
    return ".".join(str(p) for p in (*path, *more))


_SINGLE = N_("{setting}: {key} holds a single value, not keys")
_NO_ITEM = N_("{setting}: {key} has no item {item} (the items are 0 to {last})")


def _nowhere(override: Override, key: str, template: str, **params: object) -> OverrideError:
    return OverrideError(template, setting=repr(override.text), key=key, **params)
