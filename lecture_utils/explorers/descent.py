"""The gradient-descent explorer (layer 3): step size, start, steps, momentum, condition number.

A step, start or momentum change runs :func:`lecture_utils.maths.optimize.gradient_descent` again
and moves the path, the arrows, the error curves and the step marker (blitted); nothing else
is recomputed. The theory sits on the controls: under the step slider, the divergence edge
2/λmax and the best step 2/(λmin + λmax) are written out and drawn on a thin axis of the
contraction factor ρ(γ); with a momentum slider the edge is drawn where it is for the
current α, 2(1 + α)/λmax, the dotted line is the best step for α = 0, and the smallest ρ for
the current α is written out. The status line says what the run does: for a quadratic from
the exact ρ (ρ > 1: diverging, whatever the step count; ρ = 1: not converging; ρ < 1:
converging), otherwise from the trend of ‖∇f‖. A change of the condition number (quadratics
only) builds another function, so it draws the contours again.

Examples
--------
>>> e = descent_explorer(n_steps=200)        # the slides' quadratic from x0 = (−3, −1)
>>> e.set_step(e.theory.best)                 # what a slider move does
>>> e.status_text.startswith("converged (‖∇f‖ < 1e-08) after")
True
>>> e.n_steps.value = 60; e.step.value = 101    # 1 % past the edge: diverging at any count
>>> e.status_text.split(":")[0]
'diverging (ρ = 1.020 > 1)'
>>> e.step.value = 100                        # the edge itself
>>> e.status_text.split(":")[0]
'not converging (ρ = 1)'
>>> e.step.value = 110                        # the slider: γ in % of the edge 2/λmax
>>> e.trajectory.status, e.status_text.split(":")[0]   # 60 steps: not yet beyond 1e8
('max_steps', 'diverging (ρ = 1.200 > 1)')
"""

from __future__ import annotations

import html
import math
from typing import Any

import ipywidgets as widgets
import numpy as np

from .._validation import (
    check_array, check_callable, check_flag, check_integer, check_real_number,
)
from ..maths.optimize import Trajectory, gradient_descent
from ..maths.quadratic import Quadratic
from ..figures.descent import (
    DescentView, default_window, descent_small_multiples, run_description, step_theory,
)
from ..maths.quadratic import contraction_factor_curve
from ..figures.base import check_text, new_figure
from .base import Explorer, figure_px, legend_above, slider_layout, slider_style
from .frames import FramedExplorer, frames_wanted, grid_frames

__all__ = ["DescentExplorer", "descent_explorer", "descent_small_multiples", "slides_quadratic"]


#: The step slider's largest end for an objective without step-size theory (larger
#: steps overflow at the first update).
MAX_STEP_WITHOUT_THEORY = 1e6


def slides_quadratic() -> Quadratic:
    """The slides' example f(x) = ½ xᵀ[[2, 1], [1, 20]]x − [5, 3]x.

    Examples
    --------
    >>> slides_quadratic().gradient([-3, -1]).tolist()
    [-12.0, -26.0]
    """
    return Quadratic([[2, 1], [1, 20]], [5, 3])


class DescentExplorer(FramedExplorer, Explorer):
    """An explorer of gradient descent on a 2-D objective.

    Gradient descent on a 2-D objective, with the step-size theory on the controls.

    Parameters
    ----------
    objective : Quadratic or landscape, optional
        Anything with ``value`` and ``gradient`` on points of shape (..., 2): a
        :class:`~lecture_utils.maths.optimize.Quadratic` (default: the slides' example) or a
        landscape of :mod:`lecture_utils.maths.landscapes` (e.g. ``ROSENBROCK``). The step-size
        theory is exact for a quadratic and uses the Hessian at the minimiser otherwise.
    x0 : (float, float)
        The initial start point (two sliders).
    step : float, optional
        The initial step γ (default: the best step 2/(λmin + λmax)).
    n_steps : int
        The initial number of steps (slider up to ``max_steps``).
    momentum : bool
        Add a momentum slider α (heavy ball, 0 to 0.95); ``alpha`` is its initial value.
    condition : bool, optional
        Add a condition-number slider κ (default: on for a quadratic). It keeps λmin, the
        eigenvectors and the minimiser and sets λmax = κ·λmin.
    x_range, y_range : (float, float), optional
        The window (default: around the start and the minimiser, or the landscape's).
    max_step : float, optional
        The step slider's end (default 1.25 × the divergence edge; required without theory).
    tol : float
        Convergence when ‖∇f‖ < tol.
    client_frames : bool, optional
        Draw the figure for every 4 % of the step slider (and the initial step, and 98, 99,
        100, 101, 102 % of the edge) whenever another control changes, and let the browser switch
        between them as the step slider moves (no kernel needed; default: on unless
        ``LU_CLIENT_FRAMES=0``). See :mod:`lecture_utils.explorers.frames`.

    Examples
    --------
    >>> from lecture_utils.maths.landscapes import ROSENBROCK
    >>> e = descent_explorer(ROSENBROCK, x0=(-1.5, 2.0), momentum=True, n_steps=300)
    >>> e.momentum.value = 0.9
    >>> "α = 0.90" in e.status_text
    True
    """

    css_name = "descent-explorer"

    def __init__(self, objective: Any = None, x0: Any = (-3.0, -1.0), step: float | None = None,
                 n_steps: int = 60, *, momentum: bool = False, alpha: float = 0.0,
                 condition: bool | None = None, x_range: tuple[float, float] | None = None,
                 y_range: tuple[float, float] | None = None, max_steps: int = 300,
                 max_step: float | None = None, tol: float = 1e-8, title: str | None = None,
                 client_frames: bool | None = None):
        momentum = check_flag(momentum, "momentum")
        title = check_text(title, "title")
        x0, step, n_steps, alpha, condition = self._check(objective, x0, step, n_steps, alpha,
                                                          condition, momentum, max_steps,
                                                          max_step, tol, x_range, y_range)
        self._busy = False
        rows = self._make_controls(x0, step, n_steps, alpha, momentum, condition)
        # Controls in a column beside the figure (they are many): the path on top, the error
        # and the step axis below it, sized to fit 1366×768 (reading) and 1280×720 (presentation).
        figure, (ax,) = new_figure(layout=None, **figure_px((580, 590), (470, 520)))
        ax.remove()
        self.axes = figure.subplot_mosaic([["path", "path"], ["error", "step"]],
                                          height_ratios=[1.3, 1])
        self.trajectory = self._run()
        self.view = self._draw_view()
        heading = title or "Gradient descent: step size, start, steps" + \
            (", momentum" if momentum else "") + (", condition number" if condition else "")
        self._assemble(heading, figure, rows, self.view.moving_artists, layout="column",
                       column_px=360 if self.presentation_size else 330)
        for handler, names in self.HANDLERS:
            controls = [getattr(self, name) for name in names]
            self._watch(getattr(self, handler), *[c for c in controls if c is not None])
        self._show()
        # The step slider in the browser (lecture_utils.explorers.frames): every 4 %, the
        # initial step, and 98–102 % around the edge 2/λmax.
        near_edge = (98.0, 99.0, 100.0, 101.0, 102.0) if self.theory is not None else ()
        self.frames = grid_frames(
            self, self.step, 4.0, live=frames_wanted(client_frames), title=heading,
            include=(self.step.value, *near_edge),
            refresh_on=[self.x0_1, self.x0_2, self.n_steps, self.momentum, self.condition],
            extra=lambda: self.theory_label.value)

    #: Which callback each control calls (a missing momentum or κ slider is skipped).
    HANDLERS = (("_on_move", ("step", "x0_1", "x0_2")), ("_on_momentum", ("momentum",)),
                ("_on_n_steps", ("n_steps",)), ("_on_condition", ("condition",)))

    def _check(self, objective: Any, x0: Any, step: Any, n_steps: Any, alpha: Any,
               condition: Any, momentum: bool, max_steps: Any, max_step: Any, tol: Any,
               x_range: Any, y_range: Any) -> tuple[np.ndarray, float, int, float, bool]:
        """Validate the arguments; set the objective, its theory, the step range and the
        window. Returns the start, step, step count, momentum α and whether κ has a slider."""
        objective = slides_quadratic() if objective is None else objective
        for name in ("value", "gradient"):
            check_callable(getattr(objective, name, None), f"objective.{name}")
        x0 = check_array(x0, "x0", shape=(2,))
        if isinstance(objective, Quadratic) and objective.n != 2:
            raise ValueError(f"objective must be a function of 2 variables to be drawn, got a "
                             f"quadratic in {objective.n}")
        self.max_steps = check_integer(max_steps, "max_steps", minimum=2, maximum=5000)
        n_steps = check_integer(n_steps, "n_steps", minimum=1, maximum=self.max_steps)
        alpha = float(check_real_number(alpha, "alpha"))
        if not 0 <= alpha < 1:
            raise ValueError(f"alpha (the initial momentum) must be in [0, 1), got {alpha:g}")
        self.tol = float(check_real_number(tol, "tol", nonnegative=True))
        self.objective = objective
        self.theory = step_theory(objective)
        self._max_step = self._check_max_step(max_step, momentum)
        if step is None:
            step = self.theory.best if self.theory is not None else self._max_step / 4
        step = float(check_real_number(step, "step", positive=True))
        if x_range is None or y_range is None:
            x_range, y_range = default_window(objective, x0)
        self.x_range, self.y_range = tuple(x_range), tuple(y_range)
        if condition is not None and not isinstance(condition, (bool, np.bool_)):
            raise TypeError(f"condition must be True, False or None (a κ slider for a "
                            f"quadratic), got {type(condition).__name__}")
        if condition is None:
            condition = isinstance(objective, Quadratic) and self.theory is not None
        if condition and not (isinstance(objective, Quadratic) and self.theory is not None):
            raise ValueError("condition=True needs a positive definite Quadratic objective")
        return x0, step, n_steps, alpha, bool(condition)

    def _check_max_step(self, max_step: Any, momentum: bool) -> float:
        """The step slider's end: given, or 1.25 × the divergence edge (for α up to 0.95
        with momentum); from 1 % to 100 × the edge (the slider counts in per cent of it)."""
        theory = self.theory
        if max_step is None:
            if theory is None:
                raise ValueError("max_step must be given for an objective without a known "
                                 "Hessian at its minimiser (the step slider's range)")
            return 1.25 * theory.edge_with(0.95 if momentum else 0.0)
        max_step = float(check_real_number(max_step, "max_step", positive=True))
        if theory is None and max_step > MAX_STEP_WITHOUT_THEORY:
            raise ValueError(f"max_step must be at most {MAX_STEP_WITHOUT_THEORY:g} (larger "
                             f"steps overflow at once), got {max_step:g}")
        if theory is not None and not 0.01 * theory.edge <= max_step <= 100 * theory.edge:
            raise ValueError(f"max_step must be between {0.01 * theory.edge:.4g} and "
                             f"{100 * theory.edge:.4g} (1 % to 100 × the divergence edge "
                             f"2/λmax = {theory.edge:.4g}), got {max_step:g}")
        return max_step

    def _make_controls(self, x0: np.ndarray, step: float, n_steps: int, alpha: float,
                       momentum: bool, condition: bool) -> list[widgets.Widget]:
        """The sliders (declared in :meth:`_control_table`) and the theory line, in order."""
        self.theory_label = widgets.HTML(layout=widgets.Layout(min_height="1.4em"))
        self.theory_label.add_class("lu-theory")
        shared = {"style": slider_style(), "layout": slider_layout()}
        rows: list[widgets.Widget] = []
        for name, kind, options in self._control_table(x0, step, n_steps, alpha):
            wanted = {"momentum": momentum, "condition": condition}.get(name, True)
            control = kind(**options, **shared) if wanted else None
            setattr(self, name, control)
            if control is not None:
                rows.append(control)
            if name == "step":
                rows.append(self.theory_label)  # the theory sits under the step slider
        if condition:
            self._base = self.objective
        return rows

    def _control_table(self, x0: np.ndarray, step: float, n_steps: int, alpha: float
                       ) -> list[tuple[str, type, dict[str, Any]]]:
        """(attribute, widget class, options) of every slider, in the column's order."""
        # The step slider holds γ in per cent of the divergence edge 2/λmax (of max_step
        # without theory): the same positions mean the same for every κ, 100 is the edge.
        self._unit = (self.theory.edge if self.theory is not None else self._max_step) / 100
        (x_low, x_high), (y_low, y_high) = self.x_range, self.y_range
        live = {"continuous_update": True}
        return [
            ("step", widgets.FloatSlider, dict(
                value=min(step, self._max_step) / self._unit, min=0.5,
                max=round(self._max_step / self._unit, 1), step=0.1, description="step γ [%]",
                readout_format=".1f", **live)),
            ("x0_1", widgets.FloatSlider, dict(
                value=float(np.clip(x0[0], x_low, x_high)), min=x_low, max=x_high,
                step=_nice_step(x_high - x_low), description="start x₀,₁", readout_format=".2f",
                **live)),
            ("x0_2", widgets.FloatSlider, dict(
                value=float(np.clip(x0[1], y_low, y_high)), min=y_low, max=y_high,
                step=_nice_step(y_high - y_low), description="start x₀,₂", readout_format=".2f",
                **live)),
            ("n_steps", widgets.IntSlider, dict(
                value=n_steps, min=1, max=self.max_steps, description="steps",
                continuous_update=False)),
            ("momentum", widgets.FloatSlider, dict(
                value=alpha, min=0.0, max=0.95, step=0.05, description="momentum α",
                readout_format=".2f", **live)),
            ("condition", widgets.FloatLogSlider, dict(
                value=getattr(self.objective, "condition_number", 1.0), base=10, min=0, max=3,
                step=0.05, description="condition κ", readout_format=".3g",
                continuous_update=False)),
        ]

    # --- computing -----------------------------------------------------------------------
    @property
    def gamma(self) -> float:
        """The current step size γ (the slider shows it in per cent of the edge 2/λmax)."""
        return float(self.step.value) * self._unit

    def set_step(self, gamma: float) -> None:
        """Move the step slider to γ = ``gamma`` (rounded to the slider's 0.1 %)."""
        gamma = float(check_real_number(gamma, "gamma", positive=True))
        self.step.value = gamma / self._unit

    @property
    def alpha(self) -> float:
        """The current momentum (0 without a momentum slider)."""
        return float(self.momentum.value) if self.momentum is not None else 0.0

    def _run(self) -> Trajectory:
        return gradient_descent(self.objective.gradient, [self.x0_1.value, self.x0_2.value],
                                self.gamma, n_steps=self.n_steps.value,
                                f=self.objective.value, tol=self.tol, momentum=self.alpha)

    def _draw_view(self) -> DescentView:
        theory = self.theory
        axes = dict(self.axes)
        if theory is None:
            axes["step"].set_visible(False)
            del axes["step"]
        view = DescentView.draw(self.objective, self.trajectory, self.gamma, self.alpha,
                                axes=axes, x_range=self.x_range, y_range=self.y_range,
                                step_range=(0.0, self._max_step), n_steps=self.n_steps.value,
                                variable_momentum=self.momentum is not None)
        legend_above(axes["path"])  # the path goes anywhere in the window: not inside
        self._place_legends(axes)
        return view

    def _place_legends(self, axes: dict[str, Any]) -> None:
        """The two small panels are narrow beside the controls: their legends go above them,
        outside the data (the layout made room), in one column each; in presentation size
        there is no room, and the theory line names the dashed and dotted lines."""
        for name in ("error", "step"):
            legend = axes[name].get_legend() if name in axes else None
            if legend is None:
                continue
            if self.presentation_size:
                legend.remove()
                continue
            axes[name].legend(legend.legend_handles, [t.get_text() for t in legend.get_texts()],
                              loc="lower left", bbox_to_anchor=(0.0, 1.02), borderaxespad=0.0,
                              fontsize="x-small", ncols=1, handlelength=1.5, framealpha=0.9)

    # --- callbacks -----------------------------------------------------------------------
    def _on_move(self, change: Any = None) -> None:
        if self._busy:
            return
        self.trajectory = self._run()
        self.view.update(self.trajectory, self.gamma, self.alpha)
        self._show()

    def _on_momentum(self, change: Any = None) -> None:
        self.trajectory = self._run()
        self.view.update(self.trajectory, self.gamma, self.alpha, momentum_changed=True)
        self._show()

    def _on_n_steps(self, change: Any = None) -> None:
        self.trajectory = self._run()
        self.view.update(self.trajectory, self.gamma, self.alpha)
        self.view.set_error_range(self.n_steps.value)
        self._show(full=True)  # new k axis: ticks change

    def _on_condition(self, change: Any = None) -> None:
        base = self._base
        vector = base.eigenvectors[:, 0]
        objective = Quadratic.with_condition_number(
            self.condition.value, smallest=float(base.eigenvalues[0]),
            angle=math.atan2(vector[1], vector[0]), minimizer=base.minimizer)
        self.objective = objective
        self.theory = step_theory(objective)
        # γ keeps its place relative to the edge: the slider's per cent stay, the unit moves
        self._max_step *= self.theory.edge / (100 * self._unit)
        self._unit = self.theory.edge / 100
        for ax in self.axes.values():
            ax.cla()
        self.trajectory = self._run()
        self.view = self._draw_view()
        self.blitter.disconnect()
        from .canvas import Blitter

        self.blitter = Blitter(self.canvas, self.view.moving_artists)
        self._show(full=True)

    # --- output --------------------------------------------------------------------------
    def _theory_text(self) -> str:
        t = self.theory
        if t is None:
            return (f"γ = <b>{self.gamma:.4g}</b> ({self.step.value:.1f} % of the slider's end) · "
                    "<small>no step-size theory: the Hessian at the minimiser is unknown</small>")
        where = "" if t.exact else " (Hessian at the minimiser: holds near it)"
        parts = [f"γ = <b>{self.gamma:.4g}</b> ({_percent(self.gamma, t.edge)} % of 2/λmax)",
                 f"divergence edge 2/λmax = <b>{t.edge:.4g}</b>"
                 + (f" (for α = {self.alpha:.2f}: 2(1+α)/λmax = {t.edge_with(self.alpha):.4g},"
                    " the dashed line)" if self.alpha else "")]
        if self.momentum is None:
            parts.append(f"best step 2/(λmin+λmax) = <b>{t.best:.4g}</b> (ρ = {t.best_rate:.3f})")
        else:
            parts.append(f"best step for α = 0: 2/(λmin+λmax) = <b>{t.best:.4g}</b> "
                         f"(ρ = {t.best_rate:.3f}, dotted)")
            parts.append(self._best_for_alpha_text())
            root = np.sqrt(t.eigenvalues[[0, -1]])
            hb_step = 4 / (root[0] + root[1]) ** 2
            hb_alpha = ((root[1] - root[0]) / (root[1] + root[0])) ** 2
            parts.append(f"best heavy ball γ = {hb_step:.4g}, α = {hb_alpha:.3f}")
        size = "17px" if self.presentation_size else "12.5px"
        return (f"<span style='font-size:{size}'>" + " · ".join(parts) + html.escape(where)
                + "</span>")

    def best_step_for_alpha(self) -> tuple[float, float, float]:
        """The smallest contraction factor ρ(γ, α) for the current α over the slider's
        steps, and the first and last step where it is reached (within 1e-9; for α > 0 the
        minimum can be flat, ρ = √α on an interval of steps).

        Examples
        --------
        >>> e = descent_explorer(momentum=True, alpha=0.0)
        >>> rho, low, high = e.best_step_for_alpha()
        >>> bool(abs(rho - e.theory.best_rate) < 1e-3 and abs(low - e.theory.best) < 1e-3)
        True
        """
        steps = np.linspace(self._unit * float(self.step.min), self._max_step, 4001)
        with np.errstate(all="ignore"):
            rates = contraction_factor_curve(self.theory.eigenvalues, steps, self.alpha)
        best = float(np.min(rates))
        where = steps[rates <= best + 1e-9]
        return best, float(where[0]), float(where[-1])

    def _best_for_alpha_text(self) -> str:
        rho, low, high = self.best_step_for_alpha()
        at = f"γ ≈ {low:.4g}" if high - low < 2 * self._max_step / 4000 else \
            f"γ from {low:.4g} to {high:.4g}"
        return f"smallest ρ for α = {self.alpha:.2f}: {rho:.3f} at {at}"

    def _show(self, full: bool = False) -> None:
        run = self.trajectory
        self.theory_label.value = self._theory_text()
        gamma = self.gamma
        parts = [run_description(run, self.theory, gamma, self.alpha)]
        if self.theory is not None:
            # per cent to 0.1 (as the slider), more digits only next to 100: never "100.0 %"
            # on both sides of the edge, where the verdict changes
            parts.append(f"γ = {gamma:.4g} = {_percent(gamma, self.theory.edge)} % of 2/λmax")
            if self.alpha:
                parts[-1] += (f" ({_percent(gamma, self.theory.edge_with(self.alpha))} % of "
                              "2(1+α)/λmax)")
            if "ρ =" not in parts[0]:
                rho = self.theory.rate(gamma, self.alpha)
                parts.append(f"ρ = {rho:.3f}" if abs(rho - 1) > 5e-4 else f"ρ = {rho:.6f}")
                parts[-1] += "" if self.theory.exact else " (at x*)"
        else:
            parts.append(f"γ = {gamma:.4g}")
        if self.momentum is not None:
            parts.append(f"α = {self.alpha:.2f}")
        if run.status != "diverged":
            x = run.final
            parts.append(f"x_k = ({x[0]:.4g}, {x[1]:.4g})")
            if self.view.minimum is not None and run.values is not None:
                parts.append(f"f(x_k) − f* = {max(run.values[-1] - self.view.minimum, 0):.2e}")
        if self.condition is not None:
            parts.append(f"κ = {self.objective.condition_number:.3g}")
        rebuilt = getattr(self.view, "legend_changed", False)  # the view drew a new legend
        if rebuilt:
            self._place_legends(self.view.axes)
        self.redraw(full=full or rebuilt)
        self.show_message(" · ".join(parts))


def _percent(step: float, edge: float) -> str:
    """``step`` in per cent of ``edge`` with one decimal, or as many more as it takes not to
    print 100.0 for a step off the edge (by more than 1e-9, the tolerance of ρ = 1).

    Examples
    --------
    >>> _percent(0.999, 1.0), _percent(0.9996, 1.0), _percent(1.00004, 1.0), _percent(1.0, 1.0)
    ('99.9', '99.96', '100.004', '100.0')
    """
    ratio = step / edge
    if abs(ratio - 1) <= 1e-9:
        return "100.0"
    for digits in range(1, 10):
        text = f"{100 * ratio:.{digits}f}"
        if float(text) != 100:
            return text
    return text


def _nice_step(span: float) -> float:
    raw = span / 100
    nice = float(10.0 ** math.floor(math.log10(raw)))
    return max(nice, 0.05)  # 3 key presses move it by ≥ 0.15


#: The name the notebooks use (one entry point: the class itself).
descent_explorer = DescentExplorer
