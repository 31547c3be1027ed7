"""Helpers of the checker tests: run a checker and read what it printed; the forms in which a
number could leak into that text (a checker must never print the answer)."""

from __future__ import annotations

from fractions import Fraction

from lecture_utils.exercises import Verdict


def number_forms(value: float) -> set[str]:
    """Ways a number could be printed: repr, %g, fixed and short forms, a simple fraction."""
    value = float(value)
    forms = {repr(value), f"{value:g}", f"{value:.4f}", f"{value:.5g}", f"{value:.3e}"}
    fraction = Fraction(value).limit_denominator(1000)
    if abs(float(fraction) - value) < 1e-12 and fraction.denominator > 1:
        forms.add(f"{fraction.numerator}/{fraction.denominator}")
    return forms


def run(capsys, checker, *args, **kwargs) -> tuple[bool, str]:
    """``checker(*args, **kwargs)``: its verdict (as a bool) and its printed text.

    The verdict must be a :class:`~lecture_utils.exercises.Verdict`, which shows nothing in a
    notebook (no stray ``True`` under the message)."""
    result = checker(*args, **kwargs)
    out = capsys.readouterr().out
    assert isinstance(result, Verdict), type(result)
    assert hasattr(result, "_ipython_display_")
    return bool(result), out
