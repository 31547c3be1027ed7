"""The explorers of notebook 10 (step size and momentum): the eigen-picture of gradient
descent (a step slider; one error curve per eigen-direction, its signed factor 1 − γλᵢ in
the legend) and the heavy ball's rate map ρ(γ, α) (two sliders; the current pair moves on the
map, f(x_k) − f* of that pair beside it).

A slider move runs the iteration again and moves only the curves, markers and legend
(blitted); the map, the factor lines and the axes are drawn once.

Examples
--------
>>> e = error_components_explorer(n_steps=30)     # the slides' quadratic from (−3, −1)
>>> e.step.value = 0.05
>>> e.status_text.split(" (")[0]
'γ = 0.0500: v₁ is the slowest, ×0.9028 per step'
>>> m = momentum_rate_explorer(n_steps=60)
>>> m.momentum.value = 0.0
>>> m.status_text.startswith("ρ(γ, α) =")
True
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np

from .._text import subscript
from .._validation import check_integer, check_real_number
from ..figures.base import new_figure
from ..figures.momentum import ErrorComponentsView, RateMapView, check_quadratic, check_start
from ..maths.quadratic import Quadratic
from .base import Explorer, figure_px, legend_above

__all__ = ["ErrorComponentsExplorer", "error_components_explorer", "MomentumRateExplorer",
           "momentum_rate_explorer"]


def _slides_quadratic() -> Quadratic:
    return Quadratic([[2, 1], [1, 20]], [5, 3])


def _step_format(top: float) -> str:
    """The slider readout of steps up to ``top``: 4 decimals, or 3 significant digits when
    the steps are tiny (a stiff quadratic).

    Examples
    --------
    >>> _step_format(0.12), _step_format(2e-6)
    ('.4f', '.3e')
    """
    return ".4f" if top >= 0.01 else ".3e"


class ErrorComponentsExplorer(Explorer):
    """The eigen-picture of gradient descent: move the step γ.

    Above, |error component i| (the error x_k − x* along eigenvector vᵢ of A) against the
    step k on a log axis, one curve per eigen-direction; the legend gives λᵢ and the signed
    factor 1 − γλᵢ by which the component is multiplied at every step (negative: it flips
    sign), and names the slowest. Below,
    the factors |1 − γλᵢ| against γ, with the edge 2/λmax, the best step γ* and the current
    γ marked.

    Parameters
    ----------
    quadratic : Quadratic, optional
        A quadratic with A positive definite (default: the slides' example).
    x0 : array_like, optional
        The start (default: (−3, −1)).
    step : float, optional
        The initial step (default: 0.05 for the slides' quadratic, else half of 2/λmax).
    n_steps : int
        Steps of each run (5 to 500).

    Examples
    --------
    >>> e = error_components_explorer(n_steps=20)
    >>> e.step.value = 0.099                  # just below the edge 2/λmax = 0.0997
    >>> "v₂ is the slowest" in e.status_text
    True
    """

    css_name = "error-components-explorer"

    def __init__(self, quadratic: Quadratic | None = None, x0: Any = (-3.0, -1.0),
                 step: float | None = None, n_steps: int = 40):
        quadratic = _slides_quadratic() if quadratic is None else check_quadratic(quadratic)
        x0 = check_start(x0, quadratic)
        n_steps = check_integer(n_steps, "n_steps", minimum=5, maximum=500)
        edge = quadratic.max_stable_step
        if step is None:
            step = 0.05 if quadratic.n == 2 and np.allclose(quadratic.A, [[2, 1], [1, 20]]) \
                else 0.5 * edge
        step = float(check_real_number(step, "step", positive=True))
        top = float(f"{1.2 * edge:.4g}")
        if step > top:
            raise ValueError(f"step must be at most 1.2·2/λmax = {top:g} (λmax = {quadratic.eigenvalues[-1]:.4g}, "
                             f"the largest eigenvalue of the quadratic's A), got {step:g}")
        self.quadratic = quadratic
        self.step = self._slider(widgets.FloatSlider, "step γ", step, min=top / 200, max=top,
                                 step=top / 200, readout_format=_step_format(top))
        figure, axes = new_figure(2, 1, layout=None, height_ratios=[2.0, 1.0],
                                  **figure_px((580, 560), (530, 520)))
        self.view = ErrorComponentsView.draw(quadratic, x0, step, n_steps, axes[0], axes[1],
                                             legend="above")
        self._assemble("Gradient descent in the eigenvector basis: one factor per direction",
                       figure, [self.step], self.view.moving_artists, layout="column",
                       column_px=300)
        self._watch(self._on_step, self.step)
        self._on_step()

    def _on_step(self, change: Any = None) -> None:
        factors = self.view.update(self.step.value)
        self.redraw()
        signed = 1.0 - self.step.value * self.quadratic.eigenvalues
        slowest = int(np.argmax(factors))
        name = f"v{subscript(slowest + 1)}"
        each = ", ".join(f"1 − γλ{subscript(i + 1)} = {v:.4f}".replace("-", "−")
                         for i, v in enumerate(signed))
        flips = [f"v{subscript(i + 1)}" for i in np.flatnonzero(signed < 0)]
        text = (f"γ = {self.step.value:.4f}: {name} is the slowest, ×{factors[slowest]:.4f} per "
                f"step ({each})")
        if flips:
            text += f"; {', '.join(flips)} flip{'s' if len(flips) == 1 else ''} sign at every step"
        if abs(factors[slowest] - 1.0) < 1e-12:
            text += "; γ = 2/λmax: it flips sign without shrinking"
        elif factors[slowest] > 1:
            text += f"; γ > 2/λmax = {self.quadratic.max_stable_step:.4f}: it grows, the run diverges"
        elif factors[slowest] > 0.999:
            text += "; just below 1: it converges very slowly"
        self.show_message(text)


class MomentumRateExplorer(Explorer):
    """The heavy ball's rate map: move γ and α.

    Left, the asymptotic rate ρ(γ, α) (the spectral radius of the iteration; not a bound
    for every step) as a filled contour (light grey and hatched: ρ ≥ 1, not
    convergent from every start), Polyak's optimal pair starred, the current pair a dot
    that moves with the sliders. Right, f(x_k) − f* of the current pair on a log axis
    (triangles: steps where f rises), beside the best constant step without momentum.

    Parameters
    ----------
    quadratic : Quadratic, optional
        A quadratic with A positive definite (default: κ = 50, valley turned by 30°).
    x0 : array_like
        The start.
    step, momentum : float, optional
        The initial pair (default: Polyak's optimal one; α at most 0.99, the slider's end).
    n_steps : int
        Steps of each run (5 to 1000).

    Examples
    --------
    >>> m = momentum_rate_explorer(n_steps=60)
    >>> m.status_text.split(";")[0]
    'ρ(γ, α) = 0.752 (optimal 0.752)'
    """

    css_name = "momentum-rate-explorer"

    def __init__(self, quadratic: Quadratic | None = None, x0: Any = (-2.0, 1.5),
                 step: float | None = None, momentum: float | None = None, n_steps: int = 120):
        if quadratic is None:
            quadratic = Quadratic.with_condition_number(50, angle=np.pi / 6)
        quadratic = check_quadratic(quadratic)
        x0 = check_start(x0, quadratic)
        n_steps = check_integer(n_steps, "n_steps", minimum=5, maximum=1000)
        best_step, best_alpha = quadratic.optimal_momentum()
        step = best_step if step is None else float(check_real_number(step, "step", positive=True))
        momentum = min(best_alpha, 0.99) if momentum is None else \
            float(check_real_number(momentum, "momentum"))        # κ > 160 000: α* > 0.99
        top = 2.2 * quadratic.max_stable_step
        if step > top:
            raise ValueError(f"step must be at most 2.2·2/λmax = {top:.4g} (λmax = "
                             f"{quadratic.eigenvalues[-1]:.4g}, the largest eigenvalue of the "
                             f"quadratic's A), got {step:g}")
        if not 0.0 <= momentum <= 0.99:
            raise ValueError(f"momentum must be in [0, 0.99], got {momentum:g}")
        self.quadratic = quadratic
        self.step = self._slider(widgets.FloatSlider, "step γ", step, min=top / 200, max=top,
                                 step=top / 400, readout_format=_step_format(top))
        self.momentum = self._slider(widgets.FloatSlider, "momentum α", momentum, min=0.0,
                                     max=0.99, step=0.01, readout_format=".2f")
        figure, axes = new_figure(2, 1, layout=None, height_ratios=[1.0, 1.0],
                                  **figure_px((580, 600), (530, 540)))
        self.view = RateMapView.draw(quadratic, x0, step, momentum, n_steps, axes[0], axes[1],
                                     max_step=top)
        axes[0].legend(loc="lower right", fontsize="small")
        axes[1].legend(fontsize="small")
        legend_above(axes[1])                       # off the f(x_k) curve the sliders move
        self._assemble("Momentum: the rate ρ(γ, α) and f(x_k) − f*", figure,
                       [self.step, self.momentum], self.view.moving_artists, layout="column",
                       column_px=300)
        self._watch(self._on_change, self.step, self.momentum)
        self._on_change()

    def _on_change(self, change: Any = None) -> None:
        self.view.update(self.step.value, self.momentum.value)
        self.redraw()
        rho, best = self.view.rho, self.view.best[2]
        text = f"ρ(γ, α) = {rho:.3f} (optimal {best:.3f})"
        if rho >= 1:
            text += "; ρ ≥ 1: the run does not converge from every start"
        text += f"; f rises in {self.view.increases} of {self.view.run.n_steps} steps"
        self.show_message(text)


#: The names the notebooks use (one entry point: the class itself).
error_components_explorer = ErrorComponentsExplorer
momentum_rate_explorer = MomentumRateExplorer
