"""Help for a stuck student: graded hints and worked solutions of the "Check yourself" exercises.

Every exercise of notebooks 01–11 has a short id (``"deriv-product"``, ``"taylor-cos"``, ...).
``hint(id)`` gives a first nudge, ``hint(id, 2)`` the method; ``solution(id)`` the worked
solution, step by step (Markdown with LaTeX, shown as rich output in a notebook) — but only
after the student has run the exercise's checker on an answer of their own in this kernel:
every ``check_*`` function records such an attempt (:func:`note_attempt`). Before that,
``solution`` says so and shows the first hint.

The exercises themselves (ids, the checker's arguments, hints, solutions) are data, one module
per topic in :mod:`lecture_utils.exercises.worked`, loaded on first use.

Examples
--------
>>> forget_attempts()
>>> print(hint("taylor-cos"))  # doctest: +ELLIPSIS
Hint 1 of 2 for exercise 1 of notebook 02 (taylor-cos)...
>>> "try first" in str(solution("taylor-cos")).lower()
True
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import sympy

from .._validation import check_choice, check_integer

#: The topic modules of :mod:`lecture_utils.exercises.worked`, in the notebooks' order.
TOPICS = ("derivatives", "taylor", "gradients", "jacobians", "identities", "backprop", "hessian",
          "descent", "challenges", "momentum", "beyond_gd")


@dataclass(frozen=True)
class Exercise:
    """One "Check yourself" exercise: where it is, how it is checked, its hints and solution.

    ``args``/``kwargs`` are the checker's arguments after the answer, exactly as in the
    notebook cell; ``answer_code`` is the final answer as code for that cell (the tests run it
    in ``context()`` plus ``np`` and ``sp`` and feed the result, ``answer_name``, to the
    checker); ``given`` returns the classmate's answer the cell ships with, if any (running the
    cell unchanged is no attempt of the student's).
    """

    id: str
    notebook: str
    number: str
    checker: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    hints: tuple[str, ...] = ()
    steps: str = ""
    answer_code: str = ""
    answer_name: str = ""
    given: Callable[[], Any] | None = None
    context: Callable[[], dict] = dict

    @property
    def name(self) -> str:
        """The variable the answer goes in (``answer_1``, ``my_difference``...)."""
        return self.answer_name or f"answer_{self.number}"

    @property
    def title(self) -> str:
        return f"exercise {self.number} of notebook {self.notebook[:2]} ({self.id})"


class Help:
    """Markdown text: rendered (with LaTeX) in a notebook, plain in a terminal.

    Examples
    --------
    >>> Help("**bold** $x^2$")
    **bold** $x^2$
    """

    __slots__ = ("markdown",)

    def __init__(self, markdown: str):
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown

    __repr__ = __str__


# ================================================================ the exercises' registry ====

@functools.lru_cache(maxsize=1)
def exercises() -> dict[str, Exercise]:
    """All exercises by id, in the notebooks' order (loaded once, on first use).

    Examples
    --------
    >>> list(exercises())[:2]
    ['deriv-product', 'deriv-chain']
    """
    found: dict[str, Exercise] = {}
    for topic in TOPICS:
        module = importlib.import_module(f"{__package__}.worked.{topic}")
        for exercise in module.EXERCISES:
            if exercise.id in found:
                raise RuntimeError(f"two exercises have the id {exercise.id!r}")
            found[exercise.id] = exercise
    return found


def _exercise(exercise: Any) -> Exercise:
    return exercises()[check_choice(exercise, "exercise", tuple(exercises()))]


# ===================================================================== recording attempts ====

_ATTEMPTED: set[str] = set()


def forget_attempts() -> None:
    """Forget every recorded attempt (a fresh kernel; used by the tests)."""
    _ATTEMPTED.clear()


def attempted(exercise: str) -> bool:
    """Whether the checker of ``exercise`` has run on an answer of the student's."""
    return _exercise(exercise).id in _ATTEMPTED


def _canonical(value: Any) -> Any:
    """A comparable form of a checker argument (text without spaces, rounded numbers...)."""
    if isinstance(value, str):
        return value.replace(" ", "").replace("**", "^")
    if isinstance(value, (bool, numbers.Real, np.number)) and not isinstance(value, complex):
        number = float(value)
        return round(number, 9) if math.isfinite(number) else repr(number)
    if isinstance(value, sympy.MatrixBase):
        return ("matrix", value.shape, tuple(_canonical(entry) for entry in value))
    if isinstance(value, sympy.Basic):
        return _canonical(str(value))
    if isinstance(value, np.ndarray):
        return ("array", value.shape, tuple(_canonical(v) for v in value.ravel().tolist()))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _canonical(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple(_canonical(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if callable(value):
        return getattr(value, "__qualname__", repr(value))
    return repr(value)


def _problem_key(checker: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    """The checker's arguments after the answer, bound to its parameters with defaults."""
    bound = inspect.signature(checker).bind(None, *args, **kwargs)
    bound.apply_defaults()
    return _canonical(list(bound.arguments.items())[1:])


def _same_answer(answer: Any, given: Any) -> bool:
    """Whether the answer is the classmate's (a function: the same values on a test)."""
    if callable(answer) and callable(given):
        try:
            with np.errstate(all="ignore"):
                return bool(np.isclose(answer(np.sin, 0.3, 0.5), given(np.sin, 0.3, 0.5)))
        except Exception:   # the student's function fails: not the classmate's
            return False
    return _canonical(answer) == _canonical(given)


def _record(checker: Callable[..., Any], answer: Any, args: tuple, kwargs: dict) -> None:
    if answer is None or answer is Ellipsis:
        return
    key = _problem_key(checker, args, kwargs)
    same_problem = [exercise for exercise in exercises().values()
                    if exercise.checker == checker.__name__
                    and _problem_key(checker, exercise.args, exercise.kwargs) == key]
    # the answer a cell ships with is no attempt at any exercise of the same problem
    if any(exercise.given is not None and _same_answer(answer, exercise.given())
           for exercise in same_problem):
        return
    _ATTEMPTED.update(exercise.id for exercise in same_problem)


def note_attempt(checker: Callable[..., Any], arguments: dict[str, Any]) -> None:
    """Record an attempt: the first line of every ``check_*`` function is
    ``note_attempt(check_x, locals())`` (its arguments, the answer first).

    An answer (not ``None``/``...``, not the classmate's answer the cell ships with) given to
    the checker with the arguments of an exercise opens that exercise's :func:`solution`.
    Prints nothing and never fails.

    Examples
    --------
    >>> from lecture_utils.exercises import check_derivative
    >>> forget_attempts()
    >>> note_attempt(check_derivative, {"answer": "2*x", "f": "x^2*sin(x)"})
    >>> attempted("deriv-product"), attempted("deriv-chain")
    (True, False)
    """
    try:
        names = list(inspect.signature(checker).parameters)
        rest = {k: v for k, v in arguments.items() if k in names[1:]}
        _record(checker, arguments.get(names[0]), (), rest)
    except Exception:   # recording must never disturb a checker
        pass


# ======================================================================== hint and solution ====

def hint(exercise: str, level: int = 1) -> Help:
    """A hint for a "Check yourself" exercise: level 1 nudges, level 2 gives the method.

    Parameters
    ----------
    exercise : str
        The exercise's id, given under the exercise in the notebook (e.g. ``"taylor-cos"``).
    level : int, optional
        1 (the default) or higher for a more explicit hint; the last level is the method.

    Examples
    --------
    >>> print(hint("deriv-product", 2))  # doctest: +ELLIPSIS
    Hint 2 of 2 for exercise 1 of notebook 01 (deriv-product)...
    """
    found = _exercise(exercise)
    level = check_integer(level, "level", minimum=1, maximum=len(found.hints))
    text = f"Hint {level} of {len(found.hints)} for {found.title}: {found.hints[level - 1]}"
    if level < len(found.hints):
        return Help(text + f'\n\nMore: `hint("{found.id}", {level + 1})`.')
    return Help(text + f"\n\nStill stuck? After running the checker on your answer, "
                       f'`solution("{found.id}")` shows a worked solution.')


def solution(exercise: str) -> Help:
    """The worked solution of a "Check yourself" exercise, once you have tried it.

    Run the exercise's checker on an answer of your own first (``None`` or the classmate's
    answer the cell ships with do not count); until then this shows the first hint instead.

    Parameters
    ----------
    exercise : str
        The exercise's id, given under the exercise in the notebook.

    Examples
    --------
    >>> forget_attempts()
    >>> print(solution("deriv-chain"))  # doctest: +ELLIPSIS
    Try first: ...
    """
    found = _exercise(exercise)
    if found.id not in _ATTEMPTED:
        return Help(f"Try first: run the checker of {found.title} on an answer of your own "
                    f"(in `{found.name}`), then ask again.\n\n"
                    f"Meanwhile, hint 1: {found.hints[0]}\n\n"
                    f'More: `hint("{found.id}", 2)`.')
    return Help(solution_text(found.id))


def solution_text(exercise: str) -> str:
    """The worked solution as Markdown (for the instructors' handout; no attempt needed)."""
    found = _exercise(exercise)
    return (f"Worked solution of {found.title}\n\n{found.steps.strip()}\n\n"
            f"**Answer** (for the cell of `{found.name}`):\n\n```python\n"
            f"{found.answer_code.strip()}\n```")
