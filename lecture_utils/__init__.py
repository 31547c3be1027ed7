"""Helpers for the course kit "Calculus Concepts and Optimization Basics".

Four layers (see CONTRIBUTING.md): mathematics (``symbolic``, ``numeric``, ``taylor``,
``matrix_calculus``, ``multivariate_taylor``, ``network``, ``optimize``, ``landscapes``),
drawing (``style``, ``plotting`` and the ``*_plots`` modules), interaction (``widgets`` and
the ``*_explorer`` modules) and exercises (the ``exercises`` package).
The names below are the public API used by the notebooks.

Examples
--------
>>> from lecture_utils import parse_function, taylor_coefficients
>>> taylor_coefficients(parse_function("exp(x)"), 0.0, 3).round(4).tolist()
[1.0, 1.0, 0.5, 0.1667]
"""

from .challenges_plots import comparison_table, momentum_small_multiples, saddle_figure
from .descent_explorer import descent_explorer
from .exercises import (
    check_backprop,
    check_bold_driver_step,
    check_derivative,
    check_gradient,
    check_gradient_step,
    check_hessian,
    check_jacobian,
    check_stationary_point,
    check_step_size_bound,
    check_taylor_coefficients,
)
from .landscapes import DOUBLE_WELL, ROSENBROCK, SADDLE, THREE_HUMP_CAMEL
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
from .multivariate_explorer import multivariate_taylor_explorer
from .multivariate_plots import multivariate_taylor_small_multiples
from .multivariate_taylor import derivative_tensors, multivariate_taylor_polynomial, outer_power
from .network import backward, forward, gradient_check, make_network
from .network_explorer import gradient_flow_explorer
from .network_plots import draw_chain_rule, draw_network, gradient_flow_small_multiples
from .numeric import derivative, difference_quotient, finite_difference_errors
from .optimize import Backtracking, BoldDriver, ConstantStep, Quadratic, gradient_descent
from .optimize_plots import descent_small_multiples, plot_descent
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
    "Backtracking",
    "backward",
    "BoldDriver",
    "check_backprop",
    "check_bold_driver_step",
    "check_derivative",
    "check_gradient",
    "check_gradient_step",
    "check_hessian",
    "check_jacobian",
    "check_stationary_point",
    "check_step_size_bound",
    "check_taylor_coefficients",
    "compare_layouts",
    "comparison_table",
    "ConstantStep",
    "derivative",
    "derivative_tensors",
    "descent_explorer",
    "descent_small_multiples",
    "difference_quotient",
    "DOUBLE_WELL",
    "draw_chain_rule",
    "draw_mind_map",
    "draw_network",
    "evaluate_taylor",
    "finite_difference_errors",
    "flatten_jacobian",
    "forward",
    "gradient",
    "gradient_check",
    "gradient_descent",
    "gradient_field_explorer",
    "gradient_field_small_multiples",
    "gradient_flow_explorer",
    "gradient_flow_small_multiples",
    "hessian",
    "identity_explorer",
    "jacobian",
    "make_network",
    "momentum_small_multiples",
    "multivariate_taylor_explorer",
    "multivariate_taylor_polynomial",
    "multivariate_taylor_small_multiples",
    "new_figure",
    "numerical_jacobian",
    "outer_power",
    "parse_function",
    "plot_derivative_check",
    "plot_descent",
    "plot_step_errors",
    "presentation",
    "Quadratic",
    "reshape_explorer",
    "ROSENBROCK",
    "SADDLE",
    "saddle_figure",
    "secant_explorer",
    "secant_small_multiples",
    "taylor_coefficients",
    "taylor_explorer",
    "taylor_polynomial",
    "taylor_small_multiples",
    "THREE_HUMP_CAMEL",
    "to_numpy_function",
    "unflatten_jacobian",
    "verify_identity",
]
