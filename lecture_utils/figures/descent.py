"""Drawings of gradient descent (layer 2): paths on contours, errors on a log axis, step sizes.

An *objective* here is anything with ``value(points)`` (points of shape (..., 2)) and
``gradient(points)`` — a :class:`lecture_utils.maths.optimize.Quadratic` or a landscape of
:mod:`lecture_utils.maths.landscapes`. The helpers take an optional ``ax`` and return the artists
they made; :class:`DescentView` draws the contours once and then only moves the path, the
arrows, the error curves and the step marker (what :mod:`lecture_utils.explorers.descent`
calls on a slider move). The step-size axis puts the theory on the control, as Distill's
"Why Momentum Really Works" does: the contraction factor ρ(γ), the divergence edge 2/λmax
and the best step 2/(λmin + λmax).

Examples
--------
>>> from lecture_utils.maths.optimize import Quadratic, gradient_descent
>>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
>>> run = gradient_descent(q.gradient, [-3, -1], 0.05, n_steps=20, f=q.value)
>>> ax = plot_descent(q, run)
>>> len(ax.lines) >= 1
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from .._validation import check_array, check_integer, check_real_number, check_sequence
from ..maths.optimize import Trajectory, gradient_descent
from ..maths.quadratic import Quadratic, contraction_factor_curve
from .base import (
    ERROR_FLOOR, PATH_STYLE, check_axes, check_objective, check_range, check_text, draw_contours,
    draw_path, finish_figure, finite_points, new_figure, objective_xy, plane_axes,
)
from ..style import styled

__all__ = [
    "DESCENT_STYLE", "step_theory", "StepTheory", "default_window",
    "draw_objective_contours", "draw_gradient_arrows", "draw_error_axis",
    "draw_step_axis", "draw_iterate_contours", "plot_descent", "DescentView", "descent_small_multiples",
    "plot_steps_against_condition", "reference_label", "run_description", "RATE_CLIP",
]

#: How the descent drawings look: colour, line style and marker all carry meaning.
DESCENT_STYLE: dict[str, dict[str, Any]] = {
    "path": PATH_STYLE,
    "start": {"color": style.PALETTE["black"], "marker": "s", "markersize": 8,
              "linestyle": "none", "markeredgecolor": "white"},
    "minimizer": {"color": style.PALETTE["green"], "marker": "*", "markersize": 14,
                  "linestyle": "none", "markeredgecolor": "black", "markeredgewidth": 0.6},
    "gradient": {"color": style.PALETTE["black"]},
    "error": {"color": style.PALETTE["blue"], "linestyle": "-", "marker": None},
    "predicted": {"color": style.PALETTE["grey"], "linestyle": "--", "marker": None},
    "rate": {"color": style.PALETTE["blue"], "linestyle": "-", "marker": None},
    "edge": {"color": style.PALETTE["vermillion"], "linestyle": "--", "linewidth": 1.8},
    "best": {"color": style.PALETTE["green"], "linestyle": ":", "linewidth": 2.2},
    "current": {"color": style.PALETTE["black"], "marker": "v", "markersize": 9,
                "linestyle": "none"},
    "level": {"color": style.PALETTE["sky_blue"], "linestyle": "--", "linewidth": 1.3},
}

#: Errors are drawn up to this value (a diverging run leaves the axis at the top).
ERROR_CEILING = 1e30
#: The step axis shows ρ up to this value; larger values are drawn at it, marked "cut off".
RATE_CLIP = 1.6
#: The step axis' legend (drawn again when the cut-off piece appears or disappears).
STEP_LEGEND = {"loc": "upper left", "fontsize": "x-small", "ncols": 3, "framealpha": 0.9,
               "handlelength": 1.5, "columnspacing": 0.8}


@dataclass(frozen=True)
class StepTheory:
    """What the Hessian at the minimiser says about constant steps.

    ``exact`` is true for a quadratic; otherwise the numbers hold near the minimiser only.
    """

    eigenvalues: np.ndarray
    edge: float
    best: float
    best_rate: float
    exact: bool

    def rate(self, step: float, momentum: float = 0.0) -> float:
        """The contraction factor ρ(γ, α) for these eigenvalues."""
        return float(contraction_factor_curve(self.eigenvalues, [step], momentum)[0])

    def edge_with(self, momentum: float = 0.0) -> float:
        """The divergence edge 2(1 + α)/λmax."""
        return float(2.0 * (1.0 + momentum) / self.eigenvalues[-1])


def step_theory(objective: Any, minimizer: Any = None) -> StepTheory | None:
    """The step-size theory of ``objective``: exact for a :class:`Quadratic`, from the Hessian
    at the minimiser for another objective with ``hessian`` (``None`` if there is none or it
    is not positive definite there).

    Examples
    --------
    >>> from lecture_utils.maths.landscapes import ROSENBROCK
    >>> t = step_theory(ROSENBROCK)
    >>> round(t.edge, 6), t.exact
    (0.001997, False)
    """
    if isinstance(objective, Quadratic):
        if objective.eigenvalues[0] <= 0:
            return None
        return StepTheory(objective.eigenvalues, objective.max_stable_step,
                          objective.optimal_step, objective.optimal_contraction_factor, True)
    if minimizer is None:
        found = getattr(objective, "minimizers", ())
        if not found:
            return None
        minimizer = found[0]
    hessian = getattr(objective, "hessian", None)
    if hessian is None:
        return None
    H = np.asarray(hessian(np.asarray(minimizer, dtype=float)), dtype=float)
    eigen = np.linalg.eigvalsh((H + H.T) / 2)
    if not np.all(np.isfinite(eigen)) or eigen[0] <= 0:
        return None
    kappa = eigen[-1] / eigen[0]
    return StepTheory(eigen, float(2.0 / eigen[-1]), float(2.0 / (eigen[0] + eigen[-1])),
                      float((kappa - 1) / (kappa + 1)), False)


def _nice(value: float) -> float:
    return float(np.round(value * 4) / 4)


def default_window(objective: Any, x0: Any, margin: float = 0.12
                   ) -> tuple[tuple[float, float], tuple[float, float]]:
    """A drawing window for gradient descent from ``x0`` (or the landscape's own window).

    For a positive definite 2-D quadratic it is the box where plain gradient descent with a
    stable step stays: along the flat eigenvector the error shrinks without changing sign
    (from x0 to x*), along the steep one it swings within the level set of f(x0),
    ±√(2(f(x0) − f*)/λmax). Otherwise: the box around x0 and x*. A ``margin`` (a fraction)
    is added, each side is at least 45 % of the other, and the ends are rounded to quarters.

    Examples
    --------
    >>> default_window(Quadratic([[2, 1], [1, 20]], [5, 3]), [-3, -1])
    ((-3.75, 3.25), (-2.75, 3.0))
    """
    if not isinstance(objective, Quadratic) and hasattr(objective, "x_range"):
        return tuple(objective.x_range), tuple(objective.y_range)  # type: ignore[return-value]
    x0 = np.asarray(x0, dtype=float)
    if isinstance(objective, Quadratic) and objective.eigenvalues[0] > 0:
        target = objective.minimizer
        flat, steep = objective.eigenvectors[:, 0], objective.eigenvectors[:, -1]
        gap = max(float(objective.value(x0)) - objective.minimum, 0.0)
        swing = np.sqrt(2 * gap / objective.eigenvalues[-1])
        along = float((x0 - target) @ flat)
        corners = [target + a * flat + b * swing * steep for a in (0.0, along) for b in (-1, 1)]
        corners.append(x0)
        low, high = np.min(corners, axis=0), np.max(corners, axis=0)
    else:
        target = (objective.stationary_point if isinstance(objective, Quadratic)
                  else np.zeros(2))
        low, high = np.minimum(x0, target), np.maximum(x0, target)
    centre = (low + high) / 2
    half = np.maximum((0.5 + margin) * (high - low), 1e-3)
    half = np.maximum(half, 0.45 * half.max())
    return ((_nice(centre[0] - half[0]), _nice(centre[0] + half[0])),
            (_nice(centre[1] - half[1]), _nice(centre[1] + half[1])))


def _minimum(objective: Any) -> float | None:
    if isinstance(objective, Quadratic):
        return objective.minimum if objective.eigenvalues[0] > 0 else None
    value = getattr(objective, "minimum", None)
    return float(value) if value is not None and np.isfinite(value) else None


def _minimizers(objective: Any) -> list[np.ndarray]:
    if isinstance(objective, Quadratic):
        return [objective.minimizer] if objective.eigenvalues[0] > 0 else []
    return [np.asarray(p, dtype=float) for p in getattr(objective, "minimizers", ())]


@styled
def draw_objective_contours(objective: Any, x_range: tuple[float, float],
                            y_range: tuple[float, float], *, ax: Axes | None = None,
                            levels: int = 14, mark_minimizers: bool = True) -> list[Any]:
    """Contour lines of a 2-D objective (with :func:`lecture_utils.figures.base.draw_contours`).

    The lines are level sets of f; they are spaced by √(f − f*) for a quadratic (evenly
    spaced ellipses) and by log(1 + f − min f) otherwise, so the floor of a valley gets lines
    too; the values are therefore not written on them. The minimisers are marked with a star.

    Examples
    --------
    >>> artists = draw_objective_contours(Quadratic([[2, 1], [1, 20]], [5, 3]), (-4, 6), (-3, 3))
    >>> type(artists[0]).__name__
    'QuadContourSet'
    """
    f = objective_xy(objective)
    lowest = _minimum(objective)

    if isinstance(objective, Quadratic) and lowest is not None:
        def spaced(a: Any, b: Any) -> np.ndarray:
            return np.sqrt(np.maximum(f(a, b) - lowest, 0.0))
    elif isinstance(objective, Quadratic):
        def spaced(a: Any, b: Any) -> np.ndarray:
            values = f(a, b)
            return np.sign(values) * np.sqrt(np.abs(values))
    else:
        from .base import grid_values

        _, _, Z = grid_values(f, x_range, y_range, 61)
        floor = float(np.nanmin(Z))

        def spaced(a: Any, b: Any) -> np.ndarray:
            return np.log1p(np.maximum(f(a, b) - floor, 0.0))
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.2)
    artists = draw_contours(spaced, x_range, y_range, ax=ax, levels=levels, labels=False)
    if mark_minimizers:
        for point in _minimizers(objective):
            (star,) = ax.plot([point[0]], [point[1]], zorder=6, **DESCENT_STYLE["minimizer"])
            artists.append(star)
    plane_axes(ax, x_range, y_range)
    return artists


def _arrow_vectors(objective: Any, points: np.ndarray, length: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        g = np.asarray(objective.gradient(points), dtype=float).reshape(-1, 2)
        norm = np.linalg.norm(g, axis=1, keepdims=True)
        vectors = np.where(norm > 0, -g / np.where(norm > 0, norm, 1.0) * length, 0.0) + 0.0
    vectors[~np.isfinite(vectors)] = 0.0
    return vectors


def draw_gradient_arrows(ax: Axes, objective: Any, points: Any, length: float,
                         count: int | None = None) -> Any:
    """Arrows of the descent direction −∇f(x_k)ᵀ at the iterates, all of length ``length``.

    On an axes with equal aspect they are orthogonal to the contour lines through the points
    (the slides' figure). With ``count`` the quiver has exactly that many arrows (the unused
    ones have length 0), so an explorer can move them with :func:`update_gradient_arrows`.

    Examples
    --------
    >>> q = Quadratic([[2, 0], [0, 2]])
    >>> quiver = draw_gradient_arrows(new_figure()[1][0], q, [[1.0, 0.0]], 0.5)
    >>> quiver.U.tolist(), quiver.V.tolist()  # −∇f/‖∇f‖ · 0.5
    ([-0.5], [0.0])
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    n = len(points) if count is None else count
    offsets = np.zeros((n, 2))
    quiver = ax.quiver(offsets[:, 0], offsets[:, 1], np.zeros(n), np.zeros(n),
                       color=DESCENT_STYLE["gradient"]["color"], angles="xy", scale_units="xy",
                       scale=1, width=0.006, minlength=0, zorder=6)
    update_gradient_arrows(quiver, objective, points, length)
    return quiver


def update_gradient_arrows(quiver: Any, objective: Any, points: np.ndarray, length: float) -> None:
    """Move the arrows of :func:`draw_gradient_arrows` to new iterates (at most as many as
    it has; the rest get length 0).

    Examples
    --------
    >>> q = Quadratic([[2, 0], [0, 2]])
    >>> quiver = draw_gradient_arrows(new_figure()[1][0], q, [[1.0, 0.0]], 1.0, count=2)
    >>> update_gradient_arrows(quiver, q, np.array([[0.0, 2.0]]), 1.0)
    >>> quiver.V.tolist()
    [-1.0, 0.0]
    """
    n = quiver.N
    points = finite_points(np.asarray(points, dtype=float))[:n]
    offsets = np.zeros((n, 2))
    vectors = np.zeros((n, 2))
    if len(points):
        offsets[:] = points[0]
        offsets[:len(points)] = points
        vectors[:len(points)] = _arrow_vectors(objective, points, length)
    quiver.set_offsets(offsets)
    quiver.set_UVC(vectors[:, 0], vectors[:, 1])


def _gaps(trajectory: Trajectory, objective: Any) -> tuple[np.ndarray, str]:
    lowest = _minimum(objective)
    with np.errstate(all="ignore"):
        if lowest is not None:
            if trajectory.values is not None:
                values = np.asarray(trajectory.values, dtype=float)
            else:  # f only at the finite points (a diverged run may end in inf)
                points = np.asarray(trajectory.points, dtype=float)
                finite = np.all(np.isfinite(points), axis=1)
                values = np.full(len(points), np.nan)
                if finite.any():
                    values[finite] = np.asarray(objective.value(points[finite]), dtype=float)
            gaps = values - lowest
            label = "f(xₖ) − f*"
        else:
            gaps = trajectory.gradient_norms
            label = "‖∇f(xₖ)‖"
        gaps = np.where(np.isfinite(gaps), gaps, ERROR_CEILING)
        return np.clip(gaps, ERROR_FLOOR, ERROR_CEILING), label


@styled
def draw_error_axis(ax: Axes, n_steps: int, top: float, label: str = "f(xₖ) − f*",
                    reference_label: str = "bound (f₀ − f*)·ρ²ᵏ") -> dict[str, Line2D]:
    """An empty log axis for f(x_k) − f* against k, with the measured line and the reference
    line (f₀ − f*)ρ²ᵏ (``"predicted"``), labelled ``reference_label`` (see
    :func:`reference_label`: a bound only for plain gradient descent on a quadratic).

    Examples
    --------
    >>> lines = draw_error_axis(new_figure()[1][0], 50, 100.0)
    >>> sorted(lines), lines["error"].axes.get_yscale()
    (['error', 'predicted'], 'log')
    """
    (measured,) = ax.plot([], [], label=f"measured {label}", **DESCENT_STYLE["error"])
    (predicted,) = ax.plot([], [], label=reference_label, **DESCENT_STYLE["predicted"])
    ax.set_yscale("log")
    ax.set_xlim(0, max(n_steps, 1))
    ax.set_ylim(1e-14, max(top, 1e-10) * 1e3)
    ax.set_xlabel("step k")
    ax.set_ylabel(label)
    ax.legend(loc="lower left", fontsize="x-small")
    return {"error": measured, "predicted": predicted}


def reference_label(theory: StepTheory | None, momentum: float = 0.0,
                    variable_momentum: bool = False) -> str:
    """What the line (f₀ − f*)ρ²ᵏ is, for the legend.

    For plain gradient descent on a quadratic it is an upper bound: in the eigenbasis
    f(x_k) − f* = ½ Σ λ_i (1 − γλ_i)^{2k} c_i² ≤ ρ^{2k} (f(x₀) − f*). With momentum the
    iteration matrix is not symmetric and f − f* can rise above it (no bound); away from a
    quadratic ρ holds only near the minimiser.

    Examples
    --------
    >>> t = step_theory(Quadratic([[1, 0], [0, 9]]))
    >>> reference_label(t), reference_label(t, variable_momentum=True)
    ('bound (f₀ − f*)·ρ²ᵏ', '(f₀ − f*)·ρ²ᵏ: a bound only for α = 0')
    """
    if theory is None or not theory.exact:
        return "(f₀ − f*)·ρ²ᵏ, ρ at x*: a rate near x*, no bound"
    if variable_momentum:
        return "(f₀ − f*)·ρ²ᵏ: a bound only for α = 0"
    if momentum:
        return "(f₀ − f*)·ρ²ᵏ: a rate, no bound with momentum"
    return "bound (f₀ − f*)·ρ²ᵏ"


def _predicted(theory: StepTheory | None, step: float, momentum: float, start_gap: float,
               n: int, ks: np.ndarray) -> np.ndarray:
    if theory is None or not np.isfinite(start_gap):
        return np.full(n, np.nan)
    rho = theory.rate(step, momentum)
    with np.errstate(all="ignore"):
        values = start_gap * rho ** (2.0 * ks)
    return np.clip(values, ERROR_FLOOR, ERROR_CEILING)


@styled
def _clipped_rates(theory: StepTheory, steps: np.ndarray, momentum: float
                   ) -> tuple[np.ndarray, np.ndarray]:
    """ρ(γ) cut at :data:`RATE_CLIP`, and the cut part (at the clip, NaN elsewhere)."""
    rates = contraction_factor_curve(theory.eigenvalues, steps, momentum)
    shown_rates = np.where(rates > RATE_CLIP, np.nan, rates)
    cut = np.where(rates > RATE_CLIP, RATE_CLIP, np.nan)
    return shown_rates, cut


@styled
def draw_step_axis(ax: Axes, theory: StepTheory, step_range: tuple[float, float],
                   momentum: float = 0.0, *, variable_momentum: bool = False) -> dict[str, Any]:
    """The contraction factor ρ(γ) over the step range, with the divergence edge (dashed),
    the best step of plain gradient descent 2/(λmin + λmax) (dotted) and a marker for the
    current step.

    The edge is drawn where it is for the momentum α, at 2(1 + α)/λmax (2/λmax for α = 0),
    and labelled so when ``momentum`` is non-zero or ``variable_momentum`` (a momentum
    slider moves it); then the dotted line is labelled "best γ for α = 0". ρ above
    :data:`RATE_CLIP` is drawn at the clip as a thick dotted piece, labelled "cut off" in the
    legend only when some ρ over the step range is cut. Returns the artists; ``"curve"``,
    ``"cut"``, ``"edge"`` and ``"current"`` move with the controls.

    Examples
    --------
    >>> t = step_theory(Quadratic([[1, 0], [0, 9]]))
    >>> artists = draw_step_axis(new_figure()[1][0], t, (0.0, 0.3))
    >>> bool(artists["edge"].get_xdata()[0] == 2 / 9), artists["edge"].get_label()
    (True, 'edge 2/λmax')
    >>> artists = draw_step_axis(new_figure()[1][0], t, (0.0, 0.5), 0.5, variable_momentum=True)
    >>> bool(artists["edge"].get_xdata()[0] == 3 / 9), artists["best"].get_label()
    (True, 'best γ for α = 0')
    """
    steps = np.linspace(*step_range, 300)
    with_momentum = bool(momentum) or variable_momentum
    rates, cut = _clipped_rates(theory, steps, momentum)
    (line,) = ax.plot(steps, rates, label="ρ(γ)", **DESCENT_STYLE["rate"])
    (cut_line,) = ax.plot(steps, cut, label=_cut_label(cut),
                          **{**DESCENT_STYLE["rate"], "linestyle": ":", "linewidth": 4})
    edge = ax.axvline(theory.edge_with(momentum),
                      label="edge 2(1+α)/λmax" if with_momentum else "edge 2/λmax",
                      **DESCENT_STYLE["edge"])
    best = ax.axvline(theory.best, label="best γ for α = 0" if with_momentum else "best γ*",
                      **DESCENT_STYLE["best"])
    ax.axhline(1.0, **style.role_style("reference"))
    (current,) = ax.plot([step_range[0]], [1.45], zorder=7, **DESCENT_STYLE["current"],
                         label="your γ")
    ax.set_xlim(*step_range)
    ax.set_ylim(0, 2.3)
    ax.set_yticks([0, 0.5, 1.0, 1.5])
    ax.set_xlabel("step size γ")
    ax.set_ylabel("ρ(γ)")
    ax.legend(**STEP_LEGEND)
    return {"curve": line, "cut": cut_line, "edge": edge, "best": best, "current": current,
            "steps": steps}


def _cut_label(cut: np.ndarray) -> str:
    """The legend label of the cut-off piece; hidden (a leading "_") when nothing is cut."""
    label = f"ρ > {RATE_CLIP:g}, cut off"
    return label if np.any(np.isfinite(cut)) else "_" + label


def draw_iterate_contours(ax: Axes, objective: Any, points: Any, x_range: tuple[float, float],
                          y_range: tuple[float, float], resolution: int = 201) -> Any:
    """The contour lines through the given points (levels f(x_k)), thin and dashed: each
    step −γ∇f(x_k)ᵀ leaves its line at a right angle.

    Examples
    --------
    >>> q = Quadratic([[2, 0], [0, 8]])
    >>> lines = draw_iterate_contours(new_figure()[1][0], q, [[1.0, 1.0]], (-2, 2), (-2, 2))
    >>> lines.levels.tolist()                  # f(1, 1) = 1 + 4
    [5.0]
    """
    from .base import grid_values

    points = finite_points(points)
    with np.errstate(all="ignore"):
        levels = np.unique(np.asarray(objective.value(points), dtype=float))
    levels = levels[np.isfinite(levels)]
    if levels.size == 0:
        return None
    X1, X2, Z = grid_values(objective_xy(objective), x_range, y_range, resolution)
    style_ = DESCENT_STYLE["level"]
    lines = ax.contour(X1, X2, Z, levels=levels, colors=style_["color"],
                       linestyles=[style_["linestyle"]], linewidths=style_["linewidth"], zorder=2)
    lines.set_gid("through-points")  # levels are the iterates' values, not round numbers
    return lines


@styled
def plot_descent(objective: Any, trajectory: Trajectory, *, ax: Axes | None = None,
                 x_range: tuple[float, float] | None = None,
                 y_range: tuple[float, float] | None = None, arrows: int = 6,
                 title: str | None = None) -> Axes:
    """The iterates on the contour plot, with −∇f at the first ``arrows`` iterates (the
    slides' lost figure: each arrow is orthogonal to the contour line through its point).

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> ax = plot_descent(q, gradient_descent(q.gradient, [-3, -1], 0.05, n_steps=10))
    >>> ax.get_aspect()
    1.0
    """
    objective = check_objective(objective)
    if not isinstance(trajectory, Trajectory):
        raise TypeError(f"trajectory must be a Trajectory (the result of gradient_descent), "
                        f"got {type(trajectory).__name__}")
    ax, title = check_axes(ax), check_text(title, "title")
    arrows = check_integer(arrows, "arrows", minimum=0, maximum=100)
    x_range = None if x_range is None else check_range(x_range, "x_range")
    y_range = None if y_range is None else check_range(y_range, "y_range")
    if x_range is None or y_range is None:
        x_range, y_range = default_window(objective, trajectory.points[0])
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.8, height_ratio=1.25)
    draw_objective_contours(objective, x_range, y_range, ax=ax)
    draw_path(ax, trajectory.points, label="iterates xₖ", ends=False)
    ax.plot(*trajectory.points[0], zorder=7, label="start x₀", **DESCENT_STYLE["start"])
    if arrows:
        span = min(x_range[1] - x_range[0], y_range[1] - y_range[0])
        draw_gradient_arrows(ax, objective, trajectory.points[:arrows], 0.11 * span)
        draw_iterate_contours(ax, objective, trajectory.points[:arrows], x_range, y_range)
    if title is None:
        steps = trajectory.step_sizes
        constant = len(steps) > 0 and bool(np.all(steps == steps[0]))
        title = run_description(trajectory, step_theory(objective), float(steps[0]),
                                trajectory.momentum) if constant else trajectory.message
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()
    if arrows:
        handles.append(Line2D([], [], marker=">", linewidth=2, markersize=7,
                              label="−∇f(xₖ)ᵀ ⊥ contour", **DESCENT_STYLE["gradient"]))
        handles.append(Line2D([], [], label="contour through xₖ", **DESCENT_STYLE["level"]))
    handles.append(Line2D([], [], label="minimiser x*", **DESCENT_STYLE["minimizer"]))
    ax.legend(handles=handles, loc="upper left", fontsize="x-small")
    return ax


@dataclass
class DescentView:
    """Contours with the path, the error on a log axis and (when the theory is known) the
    step-size axis. :meth:`draw` draws everything once; :meth:`update` moves the path, the
    arrows, the error curves and the step marker."""

    objective: Any
    theory: StepTheory | None
    axes: dict[str, Axes]
    artists: dict[str, Any]
    arrow_length: float
    minimum: float | None
    error_label: str
    step_range: tuple[float, float] | None = None
    trajectory: Trajectory | None = field(default=None, repr=False)
    #: Set by :meth:`update` when the step axis' legend changed (an explorer redraws fully).
    legend_changed: bool = field(default=False, repr=False)

    @classmethod
    def draw(cls, objective: Any, trajectory: Trajectory, step: float, momentum: float = 0.0,
             *, axes: dict[str, Axes], x_range: tuple[float, float],
             y_range: tuple[float, float], step_range: tuple[float, float] | None = None,
             n_steps: int | None = None, arrows: int = 8, error_top: float | None = None,
             variable_momentum: bool = False) -> "DescentView":
        """Draw on ``axes`` (keys ``"path"``, ``"error"`` and optionally ``"step"``);
        ``variable_momentum``: a control will change the momentum (the labels then say what
        the lines are for every α)."""
        with style.context():
            theory = step_theory(objective)
            ax = axes["path"]
            artists: dict[str, Any] = {}
            artists["contours"] = draw_objective_contours(objective, x_range, y_range, ax=ax)
            span = min(x_range[1] - x_range[0], y_range[1] - y_range[0])
            if arrows:
                artists["arrows"] = draw_gradient_arrows(ax, objective, trajectory.points[:arrows],
                                                         0.1 * span, count=arrows)
            (artists["path"],) = draw_path(ax, trajectory.points, label="iterates xₖ",
                                           ends=False)
            (artists["start"],) = ax.plot(*trajectory.points[0], zorder=7, label="start x₀",
                                          **DESCENT_STYLE["start"])
            handles = [Line2D([], [], label="iterates xₖ", **DESCENT_STYLE["path"]),
                       Line2D([], [], label="start x₀", **DESCENT_STYLE["start"])]
            if arrows:
                handles.append(Line2D([], [], marker=">", linewidth=2, markersize=7,
                                      label="−∇f(xₖ)ᵀ", **DESCENT_STYLE["gradient"]))
            if _minimizers(objective):
                handles.append(Line2D([], [], label="minimiser", **DESCENT_STYLE["minimizer"]))
            ax.legend(handles=handles, loc="upper left", fontsize="x-small")
            minimum = _minimum(objective)
            gaps, label = _gaps(trajectory, objective)
            if error_top is None:
                f = objective_xy(objective)
                corners = [f(np.array(a), np.array(b)) for a in x_range for b in y_range]
                error_top = float(np.nanmax(corners) - (minimum or 0.0)) if minimum is not None \
                    else float(np.nanmax(gaps))
            artists.update(draw_error_axis(axes["error"], n_steps or trajectory.n_steps,
                                           error_top, label,
                                           reference_label(theory, momentum, variable_momentum)))
            if "step" in axes and theory is not None and step_range is not None:
                artists.update(draw_step_axis(axes["step"], theory, step_range, momentum,
                                              variable_momentum=variable_momentum))
            view = cls(objective, theory, axes, artists, 0.1 * span, minimum, label, step_range)
            view.update(trajectory, step, momentum)
            return view

    @property
    def moving_artists(self) -> list[Any]:
        """The artists that :meth:`update` changes (an explorer redraws only these)."""
        names = ["arrows", "path", "start", "error", "predicted", "current", "curve", "cut",
                 "edge"]
        return [self.artists[name] for name in names if name in self.artists]

    def update(self, trajectory: Trajectory, step: float, momentum: float = 0.0,
               momentum_changed: bool = False) -> None:
        """Show another run: path, arrows, start, error and predicted lines, step marker."""
        self.trajectory = trajectory
        self.legend_changed = False
        a = self.artists
        points = finite_points(trajectory.points)
        a["path"].set_data(points[:, 0], points[:, 1])
        a["start"].set_data([trajectory.points[0, 0]], [trajectory.points[0, 1]])
        if "arrows" in a:
            update_gradient_arrows(a["arrows"], self.objective, trajectory.points,
                                   self.arrow_length)
        gaps, _ = _gaps(trajectory, self.objective)
        ks = np.arange(len(gaps))
        a["error"].set_data(ks, gaps)
        a["predicted"].set_data(ks, _predicted(self.theory, step, momentum, gaps[0],
                                               len(gaps), ks)
                                if self.minimum is not None else np.full(len(gaps), np.nan))
        if "current" in a and self.theory is not None:
            rho = self.theory.rate(step, momentum)
            a["current"].set_data([step], [min(rho, RATE_CLIP)])
            if momentum_changed:
                rates, cut = _clipped_rates(self.theory, a["steps"], momentum)
                a["curve"].set_ydata(rates)
                a["cut"].set_ydata(cut)
                if _cut_label(cut) != a["cut"].get_label():   # cut piece (dis)appears
                    a["cut"].set_label(_cut_label(cut))
                    self.axes["step"].legend(**STEP_LEGEND)
                    self.legend_changed = True     # not a moving artist: draw it all
                edge = self.theory.edge_with(momentum)
                a["edge"].set_xdata([edge, edge])

    def set_error_range(self, n_steps: int) -> None:
        """A new number of steps: the error axis' k range (the caller redraws fully)."""
        self.axes["error"].set_xlim(0, max(n_steps, 1))


def run_description(run: Trajectory, theory: StepTheory | None, step: float,
                    momentum: float = 0.0) -> str:
    """What ``run`` did: :meth:`Trajectory.describe` with the exact ρ of a quadratic (its
    size decides converging/diverging); otherwise what ‖∇f‖ and f did over the last steps,
    and, when ρ from the Hessian at the minimiser is above 1, that x* is unstable.

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> run = gradient_descent(q.gradient, [-3, -1], 0.11, n_steps=60)
    >>> run_description(run, step_theory(q), 0.11)[:28]
    'diverging (ρ = 1.206 > 1): ‖'
    """
    if theory is not None and theory.exact:
        return run.describe(theory.rate(step, momentum))
    if theory is not None:   # ρ from the Hessian at x*: it can only say that x* is unstable
        return run.describe(local_rate=theory.rate(step, momentum))
    return run.message


def _run_title(run: Trajectory, theory: StepTheory | None, step: float, momentum: float,
               wrap: int = 36) -> str:
    import textwrap

    if theory is not None and theory.exact and run.status == "max_steps":
        rho = theory.rate(step, momentum)
        word = run.describe(rho).split(" (")[0]        # converging / diverging / not converging
        relation = "= 1" if word == "not converging" else ("> 1" if rho > 1 else "< 1")
        text = f"{word} (ρ = {rho:.3f} {relation}), stopped after {run.n_steps} steps"
    else:
        text = run_description(run, theory, step, momentum)
        if theory is not None:
            text = f"ρ = {theory.rate(step, momentum):.3f}: {text}"
    return "\n".join(textwrap.wrap(text, wrap))


def _step_label(step: float, theory: StepTheory | None) -> str:
    if theory is None:
        return f"γ = {step:.4g}"
    return f"γ = {step:.4g} = {step / theory.edge:.2f}·(2/λmax)"


@styled
def descent_small_multiples(objective: Any, x0: Any, steps: Sequence[float] | None = None,
                            n_steps: int = 40, momentum: float = 0.0,
                            x_range: tuple[float, float] | None = None,
                            y_range: tuple[float, float] | None = None) -> Figure:
    """Static counterpart of the descent explorer: one column per step size, the path on the
    contours above and f(x_k) − f* against the prediction below.

    By default the steps are ¼ of the best, the best 2/(λmin + λmax), 0.97 × the
    divergence edge 2/λmax, and 1.1 × the edge.

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> fig = descent_small_multiples(q, [-3, -1], n_steps=10)
    >>> len(fig.axes)
    8
    """
    objective = check_objective(objective)
    x0 = check_array(x0, "x0", shape=(2,))
    n_steps = check_integer(n_steps, "n_steps", minimum=1, maximum=10_000)
    momentum = check_real_number(momentum, "momentum", nonnegative=True)
    x_range = None if x_range is None else check_range(x_range, "x_range")
    y_range = None if y_range is None else check_range(y_range, "y_range")
    if steps is not None:
        steps = check_sequence(steps, "steps", minimum=1, maximum=8, what="step sizes")
    theory = step_theory(objective)
    if steps is None:
        if theory is None:
            raise ValueError("steps must be given for an objective without a known Hessian "
                             "at its minimiser")
        steps = (0.25 * theory.best, theory.best, 0.97 * theory.edge, 1.1 * theory.edge)
    steps = [float(check_real_number(s, "steps", positive=True)) for s in steps]
    if x_range is None or y_range is None:
        x_range, y_range = default_window(objective, x0)
    fig, axes = new_figure(2, len(steps), width_ratio=1.0, height_ratio=1.5,
                           gridspec_kw={"height_ratios": [1.3, 1]})
    top = None
    for column, step in enumerate(steps):
        run = gradient_descent(objective.gradient, x0, step, n_steps=n_steps,
                               f=objective.value, momentum=momentum, tol=1e-10)
        DescentView.draw(objective, run, step, momentum,
                         axes={"path": axes[column], "error": axes[len(steps) + column]},
                         x_range=x_range, y_range=y_range, n_steps=n_steps, arrows=0,
                         error_top=top)
        axes[column].set_aspect("auto")  # small panels: fill them (no arrows to keep ⊥)
        top = axes[len(steps) + column].get_ylim()[1] / 1e3
        axes[column].set_title(f"{_step_label(step, theory)}\n{_run_title(run, theory, step, momentum, 27)}",
                               fontsize="small")
        handles = axes[column].get_legend().legend_handles
        handles += axes[len(steps) + column].get_legend().legend_handles
        axes[column].get_legend().remove()
        axes[len(steps) + column].get_legend().remove()
        if column:
            axes[len(steps) + column].set_ylabel("")
    return finish_figure(fig, handles, f"the same start, {len(steps)} step sizes",
                         fontsize="x-small", title_size="medium")


@styled
def plot_steps_against_condition(kappas: Any, counts: Any, predicted: Any | None = None,
                                 ax: Axes | None = None) -> Axes:
    """Steps to reach a tolerance against the condition number κ (log–log), with the
    prediction ``predicted`` (e.g. ln(‖∇f(x₀)‖/tol)/ln(1/ρ), ρ = (κ − 1)/(κ + 1)) and the
    slope-1 guide ∝ κ. The measured counts are small filled dots on a line, the predicted
    ones large open squares, so both stay visible where they coincide.

    Examples
    --------
    >>> ax = plot_steps_against_condition([1, 10, 100], [1, 80, 900])
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    """
    kappas = check_array(kappas, "kappas", ndim=1)
    if not 1 <= kappas.size <= 1000 or np.any(kappas < 1) or np.any(kappas > 1e15):
        raise ValueError(f"kappas must be 1 to 1000 condition numbers from 1 to 1e15, got "
                         f"{kappas.size} values from {kappas.min(initial=np.inf):g}")
    counts = _per_kappa(counts, "counts", kappas)
    predicted = None if predicted is None else _per_kappa(predicted, "predicted", kappas)
    ax = check_axes(ax)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.1)
    if predicted is not None:
        ax.plot(kappas, np.maximum(predicted, 0.8), label="predicted ⌈ln(‖∇f(x₀)‖/tol)/ln(1/ρ)⌉ (κ = 1: 1 step)",
                **{**style.series_style(1), "linestyle": "none", "markersize": 13,
                   "markerfacecolor": "none", "markeredgewidth": 1.8})
    ax.plot(kappas, np.maximum(counts, 0.8), label="measured steps",
            **{**style.series_style(0), "markersize": 5, "zorder": 3})
    guide = counts[-1] * kappas / kappas[-1]
    ax.plot(kappas, guide, label="∝ κ (slope 1)", **{**style.role_style("reference"),
                                                       "linewidth": 1.5})
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("condition number κ = λmax/λmin")
    ax.set_ylabel("steps to tolerance")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def _per_kappa(values: Any, name: str, kappas: np.ndarray) -> np.ndarray:
    """``values``: one non-negative number per κ (a named error otherwise)."""
    values = check_array(values, name, ndim=1)
    if values.shape != kappas.shape or np.any(values < 0) or np.any(values > 1e15):
        raise ValueError(f"{name} must hold one number from 0 to 1e15 per entry of kappas "
                         f"({kappas.size}), got {values.size}")
    return values
