"""Named example functions offered in the explorers' drop-downs (layer 1, data only).

Each entry maps a label shown to students to the text that
:func:`lecture_utils.parse_function` parses, so a typed function and a chosen one follow the
same path.

Examples
--------
>>> TAYLOR_FUNCTIONS["sin x + cos x"]
'sin(x) + cos(x)'
"""

from __future__ import annotations

#: Functions for the Taylor explorer: the slides' example first, then the classic cases
#: (entire functions, and two with a finite radius of convergence).
TAYLOR_FUNCTIONS: dict[str, str] = {
    "sin x + cos x": "sin(x) + cos(x)",
    "exp x": "exp(x)",
    "log(1 + x)": "log(1 + x)",
    "1/(1 + x²)": "1/(1 + x^2)",
    "atan x": "atan(x)",
    "exp(sin x)": "exp(sin(x))",
}

#: Functions for the secant explorer: smooth, with visible curvature on [-2.5, 2.5].
SECANT_FUNCTIONS: dict[str, str] = {
    "x³/3 − x": "x^3/3 - x",
    "sin x + cos x": "sin(x) + cos(x)",
    "exp(x/2)": "exp(x/2)",
    "x²": "x^2",
}

#: Functions of two variables (x1, x2) for the gradient-field explorer: round and elongated
#: quadratic bowls, a saddle, a periodic landscape and a curved (Rosenbrock-like) valley.
GRADIENT_FUNCTIONS: dict[str, str] = {
    "bowl x1² + 2x2²": "x1^2 + 2*x2^2",
    "elongated 0.5x1² + 4x2²": "0.5*x1^2 + 4*x2^2",
    "saddle x1² − x2²": "x1^2 - x2^2",
    "sin x1 · cos x2": "sin(x1)*cos(x2)",
    "valley (1 − x1)² + 5(x2 − x1²)²": "(1 - x1)^2 + 5*(x2 - x1^2)^2",
}
