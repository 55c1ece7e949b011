"""Plain plan data to a validated Plan, with pydantic's errors as our issues.

pydantic reports problems against a ``loc`` path in its own English words; this
module turns each into an :class:`~goalsplit.errors.Issue` with an English
template and a Chinese translation, pointing at the same path (the loader
locates it in the file). Errors that only follow from another one (a list
reported too short because its items were invalid, a required key reported
missing because it was misspelt) are left out: one cause, one error.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from goalsplit.errors import InputError, Issue, PlanPath, more_problems
from goalsplit.i18n import N_
from goalsplit.limits import MAX_REPORTED
from goalsplit.model import UNION_TAGS, OutOfRange, Plan, Rep

_MESSAGES = {
    "finite_number": N_("must be a finite number, got {value}"),
    "string_type": N_("must be text, got {value}"),
    "list_type": N_("must be a list, got {value}"),
    "tuple_type": N_("must be a list, got {value}"),
    "dict_type": N_("must be a mapping of keys to values, got {value}"),
    "model_type": N_("must be a mapping of keys to values, got {value}"),
    "model_attributes_type": N_("must be a mapping of keys to values, got {value}"),
    "decimal_parsing": N_("must be a number, got {value}"),
    "decimal_type": N_("must be a number, got {value}"),
    "int_parsing": N_("must be a whole number, got {value}"),
    "int_type": N_("must be a whole number, got {value}"),
    "int_from_float": N_("must be a whole number, got {value}"),
    "bool_type": N_("must be true or false, got {value}"),
    "too_short": N_("must not be empty"),
    "string_too_short": N_("must not be empty"),
}


def validate_plan(data: dict[str, Any]) -> tuple[Plan | None, list[Issue]]:
    """The Plan, or None and the problems (not yet located in the file): every one, up
    to MAX_REPORTED, then a count of the rest.

    Reps are validated one at a time, so that fifty thousand invalid reps cost the
    errors of one rep at a time, not a list of a million errors at once.
    """
    rep_causes: list[Any] = []
    unlisted = 0
    reps = data.get("reps")
    if isinstance(reps, list):
        models = []
        for i, item in enumerate(reps):
            try:
                models.append(Rep.model_validate(item))
            except ValidationError as exc:
                room = MAX_REPORTED - len(rep_causes)
                if room <= 0:  # only counted: no need for the details
                    unlisted += exc.error_count()
                    continue
                causes = _causes(exc.errors(), ("reps", i))
                rep_causes += causes[:room]
                unlisted += len(causes[room:])
        data = {**data, "reps": models}
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        plan_causes = _causes(exc.errors())
        if rep_causes or unlisted:  # reps all invalid are not also "empty"
            plan_causes = [err for err in plan_causes if err["loc"] != ("reps",)]
    else:
        if not rep_causes and not unlisted:
            return plan, []
        plan_causes = []
    causes = plan_causes + rep_causes  # what comes first in a plan, first
    unlisted += max(len(causes) - MAX_REPORTED, 0)
    issues = [_issue_from_pydantic(err) for err in causes[:MAX_REPORTED]]
    return None, [*issues, more_problems(unlisted)] if unlisted else issues


def _causes(errors: list[Any], prefix: tuple[Any, ...] = ()) -> list[Any]:
    """The errors that do not only follow from another one, with ``prefix`` on their loc."""
    follows = _follow_ons(errors)
    return [
        {**err, "loc": (*prefix, *(p for p in err["loc"] if p not in UNION_TAGS))}
        for i, err in enumerate(errors)
        if i not in follows
    ]


def _issue_from_pydantic(err: Any) -> Issue:
    loc: PlanPath = tuple(err["loc"])
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    shown = _shown(err.get("input"))
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return Issue(loc[:-1], "missing required key {key}", {"key": repr(loc[-1])})
    if kind == "greater_than":
        return Issue(
            loc,
            "must be greater than {bound}, got {value}",
            {"bound": ctx.get("gt"), "value": shown},
        )
    if kind == "greater_than_equal":
        return Issue(
            loc, "must be at least {bound}, got {value}", {"bound": ctx.get("ge"), "value": shown}
        )
    if kind == "value_error" and isinstance(ctx.get("error"), InputError):
        error: InputError = ctx["error"]
        return Issue(loc, error.template, error.params)
    if kind == "literal_error":
        return Issue(
            loc,
            "must be {expected}, got {value}",
            {"expected": ctx.get("expected"), "value": shown},
        )
    if kind in _MESSAGES:
        return Issue(loc, _MESSAGES[kind], {"value": shown})
    # Anything else pydantic reports, in its own (English) words.
    return Issue(
        loc,
        "{problem}, got {value}",
        {"problem": err["msg"][:1].lower() + err["msg"][1:], "value": shown},
    )


def _follow_ons(errors: list[Any]) -> set[int]:
    """The positions in ``errors`` of those that only follow from another one."""
    below: set[tuple[Any, ...]] = set()  # every proper prefix of an error's loc
    unknown: dict[tuple[Any, ...], list[str]] = {}  # unknown keys, by their mapping
    for err in errors:
        loc = tuple(err["loc"])
        below.update(loc[:end] for end in range(len(loc)))
        if err["type"] == "extra_forbidden":
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    follows = set()
    for i, err in enumerate(errors):
        loc = tuple(err["loc"])
        # A list reported too short only because its items were invalid is not news.
        if err["type"] == "too_short" and loc in below:
            follows.add(i)
        # ``nmae: A`` is one slip: the unknown key says "did you mean 'name'?".
        if err["type"] == "missing" and any(
            difflib.get_close_matches(key, [str(loc[-1])], n=1)
            for key in unknown.get(loc[:-1], ())[:MAX_REPORTED]
        ):
            follows.add(i)
    return follows


def _shown(value: Any) -> str:
    """The offending value as the user wrote it (language-neutral)."""
    text = getattr(value, "text", None)  # a number, as written
    if isinstance(text, str):
        return text
    if isinstance(value, OutOfRange):
        return str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _unknown_key(loc: PlanPath) -> Issue:
    key = repr(str(loc[-1]))
    allowed = _allowed_keys(loc[:-1])
    if not allowed:
        return Issue(loc, "unknown key {key}", {"key": key}, at_key=True)
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    params = {"key": key, "allowed": ", ".join(allowed)}
    if close:
        return Issue(
            loc,
            "unknown key {key}; did you mean {close}? expected one of: {allowed}",
            {**params, "close": repr(close[0])},
            at_key=True,
        )
    return Issue(loc, "unknown key {key}; expected one of: {allowed}", params, at_key=True)


def _allowed_keys(loc: PlanPath) -> list[str]:
    """The keys the model at ``loc`` accepts, by walking the models' annotations."""
    current: Any = Plan
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        model = _model_in(current)
        if model is None or part not in model.model_fields:
            return []
        current = model.model_fields[part].annotation
    model = _model_in(current)
    return list(model.model_fields) if model else []


def _model_in(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):  # X | None
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _item_type(tp: Any) -> Any:
    for arg in typing.get_args(tp):
        origin = typing.get_origin(arg)
        if origin in (tuple, list):
            return typing.get_args(arg)[0]
    if typing.get_origin(tp) in (tuple, list):
        return typing.get_args(tp)[0]
    return tp
