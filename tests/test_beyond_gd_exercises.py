"""check_convexity: a table of wrong answers, each with its diagnosis; never the answer."""

from __future__ import annotations

import re

import pytest

from lecture_utils.exercises.beyond_gd import check_convexity

BOX = [(-1.0, 1.0), (-1.0, 1.0)]
INDEFINITE = "x1^2 + 3*x1*x2 + x2^2"            # diagonal 2, 2; det 4 − 9 < 0 everywhere
CENTRE_ONLY = "x1^2 + x2^2 - x1^4"               # H = diag(2 − 12x1², 2): PSD at 0, not near x1 = ±1
CONVEX = "x1^2 + x1*x2 + x2^2 + exp(x1)"
NOT_AT_CENTRE = "x1^4 - x1*x2 + x2^2"            # det = 24x1² − 1 < 0 near x1 = 0

CASES = [
    # (answer, f, correct, words in the message, words that must not appear)
    ("convex", CONVEX, True, ["convex on the box"], []),
    (("not convex", (0.0, 0.0)), CONVEX, False, ["proves nothing"], []),
    ("not convex", CONVEX, False, ["needs a witness"], []),
    ("convex", INDEFINITE, False, ["along each axis", "mixed"], ["(0", "witness"]),
    ("convex", CENTRE_ONLY, False, ["at the centre", "every point"], ["(1", "±"]),
    ("convex", NOT_AT_CENTRE, False, ["along each axis"], []),
    (("not convex", (0.0, 0.5)), NOT_AT_CENTRE, True, ["negative eigenvalue"], []),
    (("not convex", (0.9, 0.0)), NOT_AT_CENTRE, False, ["proves nothing"], []),
    (("not convex", (2.0, 0.0)), NOT_AT_CENTRE, False, ["outside the box"], []),
    (("not convex", (1.0, 0.0)), CENTRE_ONLY, True, ["negative eigenvalue"], []),
    (("not convex", "here"), INDEFINITE, False, ["not a point"], []),
    ("concave", INDEFINITE, False, ["not one of the accepted words", "whether f is convex"], []),
    (None, CONVEX, False, ["None"], []),
    (..., CONVEX, False, ["no answer yet"], []),
    (42, CONVEX, False, ["neither a word"], []),
    ("Convex", CONVEX, True, [], []),
    (("non-convex", [0.0, 0.0]), INDEFINITE, True, [], []),
]


@pytest.mark.parametrize("answer, f, correct, words, forbidden", CASES)
def test_each_answer_gets_its_diagnosis(answer, f, correct, words, forbidden, capsys):
    verdict = check_convexity(answer, f, BOX)
    out = capsys.readouterr().out
    assert bool(verdict) is correct, out
    assert out.startswith("Correct" if correct else "Not yet"), out
    for word in words:
        assert word in out, out
    for word in forbidden:
        assert word not in out, out


def test_a_wrong_convex_never_names_a_failing_point(capsys):
    for f in (INDEFINITE, CENTRE_ONLY, NOT_AT_CENTRE):
        check_convexity("convex", f, BOX)
        out = capsys.readouterr().out
        assert not re.search(r"\d\.\d|\(-?\d", out), out     # no coordinates, no values


@pytest.mark.parametrize("kwargs, name", [
    (dict(f="import os"), "f"), (dict(box=[(1, 0), (0, 1)]), "box"),
    (dict(variables="x1"), "variables"),
])
def test_teacher_mistakes_raise_named_errors(kwargs, name):
    arguments = dict(answer="convex", f=CONVEX, box=BOX)
    arguments.update(kwargs)
    with pytest.raises((TypeError, ValueError), match=name):
        check_convexity(**arguments)
