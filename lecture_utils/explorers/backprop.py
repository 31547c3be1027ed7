"""The gradient-flow explorer (layer 3): see vanishing gradients as the network gets deeper.

Controls: the activation (sigmoid, tanh, ReLU), the depth K and the weight scale of the
initialisation. The figure shows ‖∂L/∂A_i‖ for every layer on a fixed log axis, and σ with σ'.
The random draws are made once (:class:`lecture_utils.maths.training.GradientFlow`); a control change
runs one forward and one backward pass of a small network (a few milliseconds) and moves the
bars and curves in place (:class:`lecture_utils.figures.backprop.GradientNormView`), blitted.

Examples
--------
>>> e = gradient_flow_explorer("sigmoid", depth=10)
>>> e.depth.value = 12                      # what a slider move does
>>> "K = 12" in e.status_text and "orders of magnitude" in e.status_text
True
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets
import numpy as np

from .._validation import check_integer, check_real_number
from ..maths.network import get_activation
from ..maths.training import GradientFlow
from ..figures.backprop import GradientNormView, activation_names
from ..figures.base import new_figure
from .base import Explorer, figure_px, legend_above, slider_style

__all__ = ["GradientFlowExplorer", "gradient_flow_explorer"]


class GradientFlowExplorer(Explorer):
    """An explorer of the gradient norm per layer: activation, depth and weight scale.

    Activation, depth and weight scale → the gradient norm of every layer (log axis).

    Parameters
    ----------
    activation : {"sigmoid", "tanh", "relu"}
        Initial activation of every hidden layer (the last layer is linear).
    depth : int
        Initial number of layers K (1 to 20).
    weight_scale : float
        Initial scale of the weights, A_i ~ N(0, scale²/width) entry by entry (0.25 to 3).

    Examples
    --------
    >>> e = gradient_flow_explorer("tanh", depth=5)
    >>> e.activation.value = "sigmoid"
    >>> e.status_text.startswith("sigmoid, K = 5")
    True
    """

    css_name = "gradient-flow-explorer"

    def __init__(self, activation: str = "sigmoid", depth: int = 10, weight_scale: float = 1.0,
                 *, width: int = 8, max_depth: int = 20, seed: int = 0):
        names = activation_names()
        activation = get_activation(activation).name
        if activation not in names:
            raise ValueError(f"activation must be one of {', '.join(repr(n) for n in names)}, "
                             f"got {activation!r}")
        self.max_depth = check_integer(max_depth, "max_depth", minimum=2, maximum=40)
        depth = check_integer(depth, "depth", minimum=1, maximum=self.max_depth)
        weight_scale = check_real_number(weight_scale, "weight_scale", positive=True)
        if not 0.25 <= weight_scale <= 3.0:
            raise ValueError(f"weight_scale must be between 0.25 and 3 (the slider's range), "
                             f"got {weight_scale:g}")
        self.flow = GradientFlow(width=width, max_depth=self.max_depth, seed=seed)
        self.activation = widgets.Dropdown(options=names, value=activation,
                                           description="activation σ", style=slider_style())
        self.depth = self._slider(widgets.IntSlider, "depth K", depth, min=1, max=self.max_depth,
                                  continuous_update=True)
        self.weight_scale = self._slider(widgets.FloatSlider, "weight scale", weight_scale,
                                         min=0.25, max=3.0, step=0.05, readout_format=".2f",
                                         continuous_update=True)
        figure, (ax, ax_activation) = new_figure(1, 2, layout=None,
                                                 **figure_px((810, 360), (830, 350)))
        ax.set_title("gradient norm per layer", loc="left", fontsize="medium")
        self.view = GradientNormView.draw(ax, ax_activation, self.max_depth)
        for panel in (ax, ax_activation):  # bars and curves move under an inside legend
            legend_above(panel)
        self._assemble("Vanishing gradients: change the activation, the depth, the weight scale",
                       figure, [self.activation, self.depth, self.weight_scale],
                       self.view.moving_artists)
        self._watch(self._on_change, self.activation, self.depth, self.weight_scale)
        self._guard(self._on_change)()

    def _on_change(self, change: Any = None) -> None:
        name, depth, scale = self.activation.value, self.depth.value, self.weight_scale.value
        norms = self.flow.norms(name, depth, scale)
        self.norms = norms
        clipped = self.view.update(norms, name)
        self.redraw()
        first, last = float(norms[0]), float(norms[-1])
        text = (f"{name}, K = {depth}, weight scale {scale:.2f}: ‖∂L/∂A₀‖ = {first:.1e}, "
                f"‖∂L/∂A_{depth - 1}‖ = {last:.1e}")
        if depth > 1 and first > 0 and last > 0 and np.isfinite(first) and np.isfinite(last):
            orders = math.log10(first / last)
            if orders <= -1:
                text += f" — the first layer's gradient is {-orders:.0f} orders of magnitude smaller"
            elif orders >= 1:
                text += f" — the first layer's gradient is {orders:.0f} orders of magnitude larger"
            else:
                text += " — within one order of magnitude (0 orders of magnitude apart)"
        if clipped:
            text += f"; {clipped} bar{'s' if clipped > 1 else ''} beyond the axis, drawn at its edge"
        self.show_message(text)


#: The name the notebooks use (one entry point: the class itself).
gradient_flow_explorer = GradientFlowExplorer
