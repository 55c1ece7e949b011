"""Team target -> rep quotas."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from goalsplit.allocate import Claim, allocate_quotas
from tests.conftest import breakdown_of, errors_of, warnings_of

RATES = "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}"


def test_quotas_share_the_rest_by_weight_times_working_days() -> None:
    # 1000 x 1.2 = 1200; B keeps 300; 900 shared as 2x10 : 1x10 : 1x5 = 20 : 10 : 5.
    allocation = allocate_quotas(
        Fraction(1000),
        Fraction(6, 5),
        [
            Claim(None, Fraction(2), 10),
            Claim(Fraction(300), Fraction(1), 10),
            Claim(None, Fraction(1), 10),
            Claim(None, Fraction(1), 5),
        ],
    )
    assert allocation.quotas == (Fraction(3600, 7), 300, Fraction(1800, 7), Fraction(900, 7))
    assert allocation.allocated == 1200
    assert allocation.issues == ()


claims = st.lists(
    st.builds(
        Claim,
        st.one_of(st.none(), st.fractions(min_value=0, max_value=1000, max_denominator=100)),
        st.fractions(min_value=Fraction(1, 10), max_value=5, max_denominator=10),
        st.integers(min_value=0, max_value=260),
    ),
    min_size=1,
    max_size=12,
)


@given(
    target=st.fractions(min_value=1, max_value=10**7, max_denominator=100),
    stretch=st.fractions(min_value=1, max_value=2, max_denominator=100),
    claims=claims,
)
def test_allocation_adds_up_to_target_times_stretch(
    target: Fraction, stretch: Fraction, claims: list[Claim]
) -> None:
    allocation = allocate_quotas(target, stretch, claims)
    explicit = [c.explicit for c in claims if c.explicit is not None]
    sharers = [c for c in claims if c.explicit is None]
    available = target * stretch
    # An error exactly when the claims cannot be honoured, and never otherwise.
    unworkable = any(c.explicit and not c.working_days for c in claims)
    overdrawn = bool(sharers) and sum(explicit) > available
    stranded = (
        bool(sharers) and sum(explicit) < available and not any(c.working_days for c in sharers)
    )
    errors = [issue for issue in allocation.issues if issue.is_error]
    assert bool(errors) == (unworkable or overdrawn or stranded)
    if overdrawn or stranded:
        return  # nothing can be shared: the plan stops at these errors
    for claim, quota in zip(claims, allocation.quotas, strict=True):
        if claim.explicit is not None:
            assert quota == claim.explicit
        assert quota >= 0
    if len(explicit) < len(claims):
        assert allocation.allocated == target * stretch
    else:
        assert allocation.allocated == sum(explicit)


@given(days=st.integers(min_value=1, max_value=100), weight=st.integers(min_value=1, max_value=5))
def test_the_able_do_more(days: int, weight: int) -> None:
    low, high = allocate_quotas(
        Fraction(1000),
        Fraction(1),
        [Claim(None, Fraction(1), days), Claim(None, Fraction(weight), days)],
    ).quotas
    assert high == low * weight


def test_yaml_plan_allocates_to_target_times_stretch() -> None:
    breakdown = breakdown_of(f"""
        period: 2026-03
        target: 900000
        stretch: 110%
        {RATES}
        reps:
          - {{name: A, weight: 1.5}}
          - {{name: B, quota: 250000}}
          - {{name: C, start: 2026-03-16}}
    """)
    assert breakdown.allocated == 990000
    a, b, c = breakdown.reps
    assert b.quota == 250000
    # 740,000 shared: A 1.5 x 22 = 33, C 1 x 12 = 12.
    assert (a.working_days, c.working_days) == (22, 12)
    assert a.quota == Fraction(740000 * 33, 45)
    assert c.quota == Fraction(740000 * 12, 45)


def test_explicit_quotas_over_the_available_amount_are_an_error() -> None:
    assert errors_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - {{name: A, quota: 1200}}
          - {{name: B}}
    """) == [
        "plan.yaml:5:3: reps: explicit quotas add up to 1,200, more than target x stretch = "
        "1,000, leaving nothing for the 1 rep without a quota"
    ]
    assert errors_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - {{name: A, quota: 1200}}
          - {{name: B}}
          - {{name: C}}
    """) == [
        "plan.yaml:5:3: reps: explicit quotas add up to 1,200, more than target x stretch = "
        "1,000, leaving nothing for the 2 reps without a quota"
    ]


def test_all_explicit_below_target_is_a_warning() -> None:
    assert warnings_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - {{name: A, quota: 400}}
          - {{name: B, quota: 500}}
    """) == [
        "plan.yaml:5:3: warning: reps: the explicit quotas add up to 900, below the target 1,000"
    ]


def test_explicit_quota_for_a_rep_without_working_days_is_an_error() -> None:
    assert errors_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: A
          - name: B
            quota: 100
            leave: [2026-03-01..2026-03-31]
    """) == [
        "plan.yaml:7:12: reps[1].quota: this rep has no working days in the period, so an "
        "explicit quota cannot be worked"
    ]
