""""Check yourself" exercises (layer 4): say what is wrong and give a hint, never the answer.

A student writes an answer in a notebook cell and calls a checker. The checker prints a short
verdict and, when the answer is wrong, a specific diagnosis (a sign error, a missing factor,
a forgotten term of the product rule...) and a hint. It never prints the expected value or
formula. It returns ``True`` or ``False``, so a notebook can ``assert`` that the reference
solution passes. The output is plain and deterministic (fixed sample points, no timings).

Mistakes of the teacher (an ``f`` that does not parse, a bad ``x0``) raise the usual named
``TypeError``/``ValueError``; mistakes of the student are only ever printed.

Adding a checker
----------------
A checker of topic T goes to ``exercises/T.py`` (``derivatives``, ``taylor``, ``gradients``,
``jacobians``, ``backprop``, ``hessian``, ``descent``, ``challenges``, ``momentum``). The
shared tools are public within the subpackage: ``common`` reads an answer
(:func:`~.common.read_expression_answer`, :func:`~.common.float_array`), chooses sample
points (:func:`~.common.choose_samples`), compares (:func:`~.common.close`), names a simple
relation (sign, constant factor, offset: :func:`~.common.diagnose_scalar_factor`) and prints
(:func:`~.common.report`); ``matrix_answers`` does the same for gradients, Jacobians and
Hessians (the shape is read before any entry). A checker reads the answer's form first, then
walks a table of diagnoses ``(test, message, hint)`` in order, and never prints the answer.
Its first line is ``note_attempt(check_x, locals())`` (:mod:`.assist`): an attempt opens the
worked solution of the exercise, whose id, graded hints and solution are data in
``worked/<topic>.py`` (add them there, and the test ``tests/test_hints_solutions.py`` checks them).

Examples
--------
>>> check_derivative("2*x*cos(x**2)", "sin(x**2)")
Correct: that is the derivative. (It needed the chain rule, the power rule and the derivative of sin.)
True
>>> check_derivative("cos(x**2)", "sin(x**2)")
Not yet: you differentiated the outer function but did not multiply by the derivative of the inner function.
Hint: chain rule: (g ∘ f)'(x) = g'(f(x)) · f'(x).
False
"""

from .assist import hint, solution
from .backprop import check_backprop
from .challenges import check_stationary_point
from .common import DEFAULT_POINTS, FALLBACK_POINTS, MAX_TAYLOR_ORDER, RTOL, Verdict
from .derivatives import check_central_difference, check_derivative
from .descent import check_gradient_step, check_step_size_bound
from .gradients import check_gradient
from .hessian import check_hessian
from .jacobians import check_jacobian
from .matrix_answers import MATRIX_POINTS, MATRIX_SEED
from .momentum import check_bold_driver_step
from .taylor import check_taylor_coefficients

__all__ = [
    "Verdict",
    "DEFAULT_POINTS",
    "FALLBACK_POINTS",
    "MATRIX_POINTS",
    "MATRIX_SEED",
    "MAX_TAYLOR_ORDER",
    "RTOL",
    "check_backprop",
    "check_bold_driver_step",
    "check_central_difference",
    "check_derivative",
    "check_gradient",
    "check_gradient_step",
    "check_stationary_point",
    "check_step_size_bound",
    "check_hessian",
    "check_jacobian",
    "check_taylor_coefficients",
    "hint",
    "solution",
]
