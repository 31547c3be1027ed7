"""Help for a stuck student (issue 14): every "Check yourself" exercise of the notebooks has an
id, graded hints that never give the answer away, and a worked solution that is correct (its
final answer passes the exercise's checker) and opens only after an attempt."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import lecture_utils
from lecture_utils.exercises import assist, hint, solution
from tests.checker_output import number_forms, run

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = assist.exercises()
IDS = list(EXERCISES)
#: A checker call in a notebook's code cell ("check_on_random_sizes" of 05 is no exercise).
CHECK_CALL = re.compile(r"^(check_(?!on_)\w+)\(", re.M)


@pytest.fixture(autouse=True)
def fresh_kernel():
    assist.forget_attempts()
    yield
    assist.forget_attempts()


def final_answer(exercise: assist.Exercise):
    """The solution's final answer: its code run in the notebook's variables."""
    namespace = {"np": np, "sp": sp, **exercise.context()}
    exec(exercise.answer_code, namespace)   # trusted data of the package, not user text
    return namespace[exercise.name]


def checker(exercise: assist.Exercise):
    return getattr(lecture_utils, exercise.checker)


def notebook_calls() -> dict[str, list[str]]:
    calls = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        calls[path.stem] = [m.group(1) for c in cells if c["cell_type"] == "code"
                            for m in CHECK_CALL.finditer("".join(c["source"]))]
    return calls


def test_every_notebook_exercise_has_an_id():
    calls = notebook_calls()
    assert sum(map(len, calls.values())) == len(EXERCISES) == 31
    for notebook, checkers in calls.items():
        mine = [e.checker for e in EXERCISES.values() if e.notebook == notebook]
        assert mine == checkers, notebook
    for exercise in EXERCISES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", exercise.id), exercise.id


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_and_solution_exist(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert len(exercise.hints) >= 2 and all(len(h) > 40 for h in exercise.hints)
    assert len(set(exercise.hints)) == len(exercise.hints)
    steps = [line for line in exercise.steps.splitlines() if re.match(r"\d+\. ", line)]
    assert len(steps) >= 3, "a worked solution goes step by step"
    assert exercise.answer_code.strip()


@pytest.mark.parametrize("exercise_id", IDS)
def test_solution_is_accepted_by_the_checker(exercise_id, capsys):
    exercise = EXERCISES[exercise_id]
    correct, out = run(capsys, checker(exercise), final_answer(exercise), *exercise.args,
                       **exercise.kwargs)
    assert correct, out
    assert out.startswith("Correct")


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES.values() if e.given])
def test_the_classmates_answer_is_wrong(exercise_id, capsys):
    exercise = EXERCISES[exercise_id]
    correct, _ = run(capsys, checker(exercise), exercise.given(), *exercise.args, **exercise.kwargs)
    assert not correct


def revealing_forms(answer) -> set[str]:
    """How the final answer could appear in a hint: non-integer numbers in their printed
    forms; formulas (text) without spaces."""
    forms: set[str] = set()
    if isinstance(answer, str):
        if re.search(r"[a-z]\d|[*^+/]", answer):      # a formula, not a word like "convex"
            forms.add(answer.replace(" ", ""))
        return forms
    if callable(answer):
        return {"f(x-h)"}
    if isinstance(answer, (list, tuple)):
        for item in answer:
            forms |= revealing_forms(item)
        return forms
    for value in np.ravel(np.asarray(answer, dtype=float)):
        if value != round(value):
            forms |= number_forms(value)
    return forms


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_do_not_give_the_answer(exercise_id):
    exercise = EXERCISES[exercise_id]
    forms = revealing_forms(final_answer(exercise))
    for level in range(1, len(exercise.hints) + 1):
        text = str(hint(exercise_id, level)).replace(" ", "")
        leaked = {form for form in forms if form in text}
        assert not leaked, (level, leaked)
    assert "Answer" not in str(hint(exercise_id, len(exercise.hints)))


def test_revealing_forms_would_catch_a_leak():
    assert "-1/2" in revealing_forms([1, 0, -0.5])
    assert "2*x*cos(x^2)" in revealing_forms("2*x*cos(x^2)")
    assert revealing_forms("saddle") == set()


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_solution_before_an_attempt(exercise_id, capsys):
    exercise = EXERCISES[exercise_id]
    before = str(solution(exercise_id))
    assert before.startswith("Try first") and exercise.hints[0] in before
    assert exercise.steps.strip() not in before and exercise.answer_code.strip() not in before
    # no attempt: the checker on None (or on the classmate's answer the cell ships with)
    run(capsys, checker(exercise), exercise.given() if exercise.given else None,
        *exercise.args, **exercise.kwargs)
    assert str(solution(exercise_id)).startswith("Try first")
    # an attempt, even a wrong one, opens it
    attempt = "1 + x" if exercise.checker in ("check_derivative",) else [0.0]
    run(capsys, checker(exercise), attempt, *exercise.args, **exercise.kwargs)
    after = solution(exercise_id)
    assert exercise.steps.strip() in str(after) and exercise.answer_code.strip() in str(after)
    assert after._repr_markdown_() == str(after)


def test_an_attempt_opens_only_its_own_exercise(capsys):
    run(capsys, lecture_utils.check_derivative, "cos(x^2)*x", "sin(x^2)")
    assert assist.attempted("deriv-chain")
    assert not assist.attempted("deriv-product") and not assist.attempted("taylor-cos")
    run(capsys, lecture_utils.check_taylor_coefficients, [1, 0, 0.5, 0, 0], "cos(x)", x0=0.0,
        order=4)
    assert assist.attempted("taylor-cos") and not assist.attempted("taylor-exp2x")
    # another function or other arguments: no exercise of the notebooks
    run(capsys, lecture_utils.check_taylor_coefficients, [1, 0, 0], "cos(x)", x0=0.0, order=2)
    assert [e for e in IDS if assist.attempted(e)] == ["deriv-chain", "taylor-cos"]


def test_running_every_notebook_as_shipped_opens_no_solution(capsys):
    # every checker cell run unchanged (None or the classmate's answer), in one kernel
    for exercise in EXERCISES.values():
        run(capsys, checker(exercise), exercise.given() if exercise.given else None,
            *exercise.args, **exercise.kwargs)
    assert [e for e in IDS if assist.attempted(e)] == []


def test_no_two_exercises_are_the_same_problem():
    keys = [(e.checker, assist._problem_key(checker(e), e.args, e.kwargs))
            for e in EXERCISES.values()]
    assert len(set(keys)) == len(keys)


def test_a_shipped_answer_of_a_sibling_exercise_is_no_attempt(capsys, monkeypatch):
    # two exercises on one problem: the answer one of them ships with opens neither
    import dataclasses
    first = EXERCISES["identity-quadratic-form"]
    twin = dataclasses.replace(first, id="identity-twin", number="9",
                               given=lambda: ["2*x1", "4*x1 + 6*x2"])
    monkeypatch.setattr(assist, "exercises", lambda: {first.id: first, twin.id: twin})
    run(capsys, lecture_utils.check_gradient, ["2*x1", "4*x1 + 6*x2"], *first.args,
        **first.kwargs)
    assert not assist.attempted(first.id) and not assist.attempted(twin.id)
    run(capsys, lecture_utils.check_gradient, ["x1", "x2"], *first.args, **first.kwargs)
    assert assist.attempted(first.id) and assist.attempted(twin.id)


def test_the_same_problem_written_differently_still_counts(capsys):
    run(capsys, lecture_utils.check_hessian, [[0, 0], [0, 0]], "x^2 + 2*x*y + y**3", ["x", "y"],
        point=[-1.0, 1.0])
    assert assist.attempted("hessian-point")


def test_student_function_that_fails_is_an_attempt(capsys):
    def broken(f, x, h):
        raise ZeroDivisionError

    run(capsys, lecture_utils.check_central_difference, broken)
    assert assist.attempted("central-difference")


@pytest.mark.parametrize("bad, error", [("taylor_cos", ValueError), (3, ValueError)])
def test_unknown_exercise_is_named(bad, error):
    with pytest.raises(error, match="exercise must be one of"):
        hint(bad)
    with pytest.raises(error, match="exercise must be one of"):
        solution(bad)


def test_hint_level_is_validated():
    assert str(hint("taylor-cos", 2)).startswith("Hint 2 of 2")
    assert 'hint("taylor-cos", 2)' in str(hint("taylor-cos"))
    with pytest.raises(ValueError, match="level"):
        hint("taylor-cos", 3)
    with pytest.raises((TypeError, ValueError), match="level"):
        hint("taylor-cos", 1.5)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=6))
def test_any_wrong_taylor_list_is_an_attempt_and_never_a_crash(values):
    assist.forget_attempts()
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        lecture_utils.check_taylor_coefficients(values, "log(x)", x0=1.0, order=3)
    assert assist.attempted("taylor-log")
    assert str(solution("taylor-log")).startswith("Worked solution")


def test_make_solutions_writes_the_handout(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("solutions_tool", ROOT / "tools" / "solutions.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.main(tmp_path)
    markdown = (tmp_path / "solutions.md").read_text(encoding="utf-8")
    html = (tmp_path / "solutions.html").read_text(encoding="utf-8")
    for exercise in EXERCISES.values():
        assert f"`{exercise.id}`" in markdown and exercise.answer_code.strip() in markdown
        assert exercise.id in html
    headings = re.findall(r"^## .*\(`notebooks/(\d\d)_", markdown, re.M)
    assert headings == [f"{n:02d}" for n in range(1, 12)]    # grouped, in the notebooks' order
    assert "Worked solution of exercise 3 of notebook 11" in html
