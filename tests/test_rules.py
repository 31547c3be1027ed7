"""The four differentiation rules, and that the check would notice a wrong rule."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings, strategies as st

from lecture_utils.maths import rules
from lecture_utils.maths.rules import verify_rules

x = sp.Symbol("x")


def test_all_rules_hold_for_the_notebook_examples():
    for f, g in [("sin(x)", "x^2 + 1"), ("exp(x)", "cos(x) + 2")]:
        rows = verify_rules(f, g)
        assert [r.rule for r in rows] == ["product", "quotient", "sum", "chain"]
        assert all(r.symbolic_ok and r.max_numeric_error < 1e-8 for r in rows)


def test_a_wrong_product_rule_is_caught(monkeypatch):
    monkeypatch.setitem(rules.RULES, "product",
                        lambda f, g: (f * g, sp.diff(f, x) * sp.diff(g, x)))
    row = verify_rules("sin(x)", "x^2 + 1")[0]
    assert not row.symbolic_ok and row.max_numeric_error > 1e-3


@settings(max_examples=25, deadline=None)
@given(a=st.integers(-3, 3), b=st.integers(1, 3), c=st.integers(1, 4))
def test_rules_hold_for_random_polynomial_and_trigonometric_pairs(a, b, c):
    f = a * x**b + 1
    g = sp.sin(c * x) + 2
    assert all(r.symbolic_ok and r.max_numeric_error < 1e-6 for r in verify_rules(f, g))
