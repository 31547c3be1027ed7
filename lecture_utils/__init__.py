"""Helpers for the course kit "Calculus Concepts and Optimization Basics".

Four layers (see CONTRIBUTING.md): mathematics (``symbolic``, ``numeric``, ``taylor``),
drawing (``style``, ``plotting``), interaction (``widgets``) and exercises (``exercises``).
The names below are the public API used by the notebooks.

Examples
--------
>>> from lecture_utils import parse_function, taylor_coefficients
>>> taylor_coefficients(parse_function("exp(x)"), 0.0, 3).round(4).tolist()
[1.0, 1.0, 0.5, 0.1667]
"""

from .exercises import check_derivative, check_gradient, check_jacobian, check_taylor_coefficients
from .matrix_calculus import (
    compare_layouts,
    flatten_jacobian,
    gradient,
    hessian,
    jacobian,
    numerical_jacobian,
    unflatten_jacobian,
    verify_identity,
)
from .numeric import derivative, difference_quotient, finite_difference_errors
from .plotting import (
    draw_mind_map,
    gradient_field_small_multiples,
    plot_derivative_check,
    new_figure,
    plot_step_errors,
    secant_small_multiples,
    taylor_small_multiples,
)
from .style import presentation
from .symbolic import as_expression, parse_function, to_numpy_function
from .taylor import evaluate_taylor, taylor_coefficients, taylor_polynomial
from .widgets import (
    gradient_field_explorer,
    identity_explorer,
    reshape_explorer,
    secant_explorer,
    taylor_explorer,
)

__all__ = [
    "as_expression",
    "check_derivative",
    "check_gradient",
    "check_jacobian",
    "compare_layouts",
    "flatten_jacobian",
    "gradient",
    "gradient_field_explorer",
    "gradient_field_small_multiples",
    "identity_explorer",
    "reshape_explorer",
    "plot_derivative_check",
    "hessian",
    "jacobian",
    "numerical_jacobian",
    "unflatten_jacobian",
    "verify_identity",
    "check_taylor_coefficients",
    "derivative",
    "difference_quotient",
    "draw_mind_map",
    "evaluate_taylor",
    "finite_difference_errors",
    "new_figure",
    "parse_function",
    "plot_step_errors",
    "presentation",
    "secant_explorer",
    "secant_small_multiples",
    "taylor_coefficients",
    "taylor_explorer",
    "taylor_polynomial",
    "taylor_small_multiples",
    "to_numpy_function",
]
