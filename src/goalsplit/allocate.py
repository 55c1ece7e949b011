"""Team target -> rep quotas ("the able do more", sub-goals add up to more than the goal)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from goalsplit.errors import Issue


@dataclass(frozen=True)
class Claim:
    """What one rep brings to the allocation."""

    explicit: Fraction | None  # an explicit quota, kept as is
    weight: Fraction
    working_days: int
    # The sum of the rep's day weights (shape.DayWeights.total): the working days,
    # unless seasonality or a ramp-up weighs days differently.
    day_weight: Fraction | int | None = None

    @property
    def share(self) -> Fraction:
        days = self.working_days if self.day_weight is None else self.day_weight
        return self.weight * days


@dataclass(frozen=True)
class Allocation:
    quotas: tuple[Fraction, ...]
    available: Fraction  # target x stretch
    issues: tuple[Issue, ...]

    @property
    def allocated(self) -> Fraction:
        return sum(self.quotas, Fraction(0))


def _fmt(amount: Fraction) -> str:
    whole = round(amount)
    return f"{whole:,}" if whole == amount else f"{float(amount):,.2f}"


def allocate_quotas(target: Fraction, stretch: Fraction, claims: Sequence[Claim]) -> Allocation:
    """Explicit quotas are kept; the rest of target x stretch is shared among the other
    reps in proportion to weight x working days (each day as much as it weighs: a
    ramping hire's days weigh less), exactly (the quotas add up to it)."""
    available = target * stretch
    explicit_sum = sum((c.explicit for c in claims if c.explicit is not None), Fraction(0))
    remaining = available - explicit_sum
    sharers = [i for i, c in enumerate(claims) if c.explicit is None]
    shares = {i: claims[i].share for i in sharers}
    share_total = sum(shares.values(), Fraction(0))
    issues: list[Issue] = []

    for i, claim in enumerate(claims):
        if claim.working_days == 0:
            if claim.explicit is not None and claim.explicit > 0:
                issues.append(
                    Issue(
                        ("reps", i, "quota"),
                        "this rep has no working days in the period, "
                        "so an explicit quota cannot be worked",
                    )
                )
            elif claim.explicit is None:
                issues.append(
                    Issue(
                        ("reps", i),
                        "this rep has no working days in the period and gets no quota",
                        severity="warning",
                    )
                )

    quotas = [c.explicit if c.explicit is not None else Fraction(0) for c in claims]
    if sharers:
        if remaining < 0:
            issues.append(
                Issue(
                    ("reps",),
                    "explicit quotas add up to {explicit}, more than target x stretch = "
                    "{available}, leaving nothing for the {count} rep without a quota",
                    {
                        "explicit": _fmt(explicit_sum),
                        "available": _fmt(available),
                        "count": len(sharers),
                    },
                    plural="explicit quotas add up to {explicit}, more than target x stretch = "
                    "{available}, leaving nothing for the {count} reps without a quota",
                )
            )
        elif remaining > 0 and share_total == 0:
            issues.append(
                Issue(
                    ("reps",),
                    "{remaining} is left to share but no rep without an explicit quota has "
                    "working days",
                    {"remaining": _fmt(remaining)},
                )
            )
        elif remaining == 0:
            issues.append(
                Issue(
                    ("reps",),
                    "explicit quotas use up target x stretch; the reps without a quota get 0",
                    severity="warning",
                )
            )
        else:
            for i in sharers:
                quotas[i] = remaining * shares[i] / share_total
    elif explicit_sum < target:
        issues.append(
            Issue(
                ("reps",),
                "the explicit quotas add up to {explicit}, below the target {target}",
                {"explicit": _fmt(explicit_sum), "target": _fmt(target)},
                severity="warning",
            )
        )
    return Allocation(tuple(quotas), available, tuple(issues))
