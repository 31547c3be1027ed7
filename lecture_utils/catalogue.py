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
