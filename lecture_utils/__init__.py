"""Helpers for the course kit "Calculus Concepts and Optimization Basics".

The package has four layers, each a subpackage that imports only from the layers above it
(a test enforces it; CONTRIBUTING.md describes them):

1. ``maths``: pure functions on numbers and SymPy expressions (parser, finite differences,
   Taylor coefficients, Jacobians, identities, networks, gradient descent, ...);
2. ``figures``: drawings of layer-1 results (``figures.base``, then one module per topic);
3. ``explorers``: the interactive explorers (``explorers.canvas``, ``explorers.base``, then one
   module per topic);
4. ``exercises``: the ``check_*`` functions of the "Check yourself" sections.

A topic ``T`` (derivatives, taylor, gradients, jacobians, identities, backprop, hessian,
descent, challenges) has ``figures/T.py``, ``explorers/T.py`` and ``exercises/T.py`` where it
needs them. The names below are exactly what the notebooks import (``from lecture_utils
import ...``); a test checks that every notebook import is exported and every export used.

Examples
--------
>>> from lecture_utils import parse_function, taylor_coefficients
>>> taylor_coefficients(parse_function("exp(x)"), 0.0, 3).round(4).tolist()
[1.0, 1.0, 0.5, 0.1667]
"""

from .maths.finite_differences import derivative, difference_quotient, finite_difference_errors
from .maths.identities import compare_layouts, IDENTITIES, verify_identity
from .maths.jacobians import (
    flatten_jacobian, gradient, hessian, numerical_jacobian, unflatten_jacobian,
)
from .maths.landscapes import DOUBLE_WELL, ROSENBROCK, SADDLE, THREE_HUMP_CAMEL
from .maths.multivariate_taylor import (
    contract, derivative_tensors, linearization_errors, MultivariateTaylor, numerical_hessian,
    outer_power,
)
from .maths.chain_order import chain_costs, evaluate_chain
from .maths.network import (
    backward, chain_product, forward, loss, make_network, network_from_parameters, predict,
    SIGMOID, TANH,
)
from .maths.training import gradient_check, GradientFlow, train
from .maths.optimize import Backtracking, BoldDriver, gradient_descent
from .maths.quadratic import momentum_rate_map, Quadratic, steps_to_reduce
from .maths.convexity import chord_gaps, is_convex_on_box, tangent_gaps
from .maths.newton import newton_step, newtons_method, precondition, step_costs
from .maths.stochastic import LeastSquares, noise_floor, sgd
from .figures.beyond_gd import (
    convergence_figure, convexity_figure, plot_iterations_against_condition, sgd_figure,
    sgd_small_multiples,
)
from .explorers.beyond_gd import sgd_explorer
from .exercises.beyond_gd import check_convexity
from .maths.parser import parse_function, to_numpy_function
from .maths.rules import verify_rules
from .maths.taylor import estimate_radius, taylor_coefficients, taylor_polynomial
from .maths.autodiff import Dual, forward_mode_gradient, reverse_mode_gradient, Value
from .figures.backprop import (
    draw_chain_rule, draw_computation_graph, draw_network, gradient_flow_small_multiples,
    training_figure,
)
from .figures.challenges import (
    minimisers_figure, paths_figure, paths_small_multiples, saddle_escape_figure, saddle_figure,
)
from .figures.momentum import (
    comparison_table, descent_comparison_figure, error_components_figure,
    momentum_small_multiples, rate_map_figure,
)
from .figures.derivatives import plot_derivative_check, plot_step_errors, secant_small_multiples
from .figures.descent import descent_small_multiples, plot_descent, plot_steps_against_condition
from .figures.gradients import gradient_field_small_multiples
from .figures.hessian import (
    draw_outer_power, multivariate_taylor_small_multiples, plot_linearization_error,
)
from .figures.identities import identity_small_multiples
from .figures.jacobians import draw_matrix, draw_reshape, draw_tensor_slices
from .figures.overview import draw_mind_map
from .figures.taylor import taylor_small_multiples
from .explorers.backprop import gradient_flow_explorer
from .explorers.derivatives import secant_explorer
from .explorers.descent import descent_explorer
from .explorers.gradients import gradient_field_explorer
from .explorers.hessian import multivariate_taylor_explorer
from .explorers.identities import identity_explorer
from .explorers.jacobians import reshape_explorer
from .explorers.momentum import error_components_explorer, momentum_rate_explorer
from .explorers.taylor import taylor_explorer
from .exercises import (
    check_backprop, check_bold_driver_step, check_central_difference, check_derivative,
    check_gradient,
    check_gradient_step, check_hessian, check_jacobian, check_stationary_point,
    check_step_size_bound, check_taylor_coefficients, hint, solution,
)
from .style import presentation

__all__ = [
    "Backtracking", "backward", "BoldDriver", "chain_costs", "chain_product", "check_backprop",
    "check_bold_driver_step", "check_central_difference", "check_derivative",
    "check_gradient", "check_gradient_step",
    "check_hessian", "check_jacobian", "check_stationary_point", "check_step_size_bound",
    "check_taylor_coefficients", "compare_layouts", "comparison_table", "contract",
    "derivative", "derivative_tensors", "descent_comparison_figure", "descent_explorer",
    "descent_small_multiples", "difference_quotient", "DOUBLE_WELL", "draw_chain_rule",
    "draw_matrix", "draw_mind_map", "draw_network", "draw_outer_power", "draw_reshape",
    "draw_tensor_slices", "estimate_radius", "evaluate_chain", "finite_difference_errors",
    "flatten_jacobian", "forward", "gradient", "gradient_check", "gradient_descent",
    "gradient_field_explorer", "gradient_field_small_multiples", "gradient_flow_explorer",
    "gradient_flow_small_multiples", "GradientFlow", "hessian", "IDENTITIES",
    "identity_explorer", "identity_small_multiples", "linearization_errors", "loss",
    "make_network", "minimisers_figure", "momentum_small_multiples",
    "multivariate_taylor_explorer", "multivariate_taylor_small_multiples",
    "MultivariateTaylor", "network_from_parameters", "numerical_hessian", "numerical_jacobian",
    "outer_power", "parse_function", "paths_figure", "paths_small_multiples",
    "plot_derivative_check", "plot_descent", "plot_linearization_error", "plot_step_errors",
    "plot_steps_against_condition", "predict", "presentation", "Quadratic", "reshape_explorer",
    "ROSENBROCK", "SADDLE", "saddle_escape_figure", "saddle_figure", "secant_explorer",
    "secant_small_multiples", "SIGMOID", "steps_to_reduce", "TANH", "taylor_coefficients",
    "taylor_explorer", "taylor_polynomial", "taylor_small_multiples", "THREE_HUMP_CAMEL",
    "to_numpy_function", "train", "training_figure", "unflatten_jacobian", "verify_identity",
    "verify_rules",
    "hint", "solution",
    "draw_computation_graph", "Dual", "forward_mode_gradient", "reverse_mode_gradient", "Value",
    "error_components_explorer", "error_components_figure", "momentum_rate_explorer",
    "momentum_rate_map", "rate_map_figure",
    "check_convexity", "chord_gaps", "convergence_figure", "convexity_figure",
    "is_convex_on_box", "LeastSquares", "newton_step", "newtons_method", "noise_floor",
    "plot_iterations_against_condition", "precondition", "sgd", "sgd_explorer", "sgd_figure",
    "sgd_small_multiples", "step_costs", "tangent_gaps",
]
