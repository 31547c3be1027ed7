"""The SGD explorer of notebook 11 (layer 3): batch size, step size, decaying step.

A control change runs :func:`lecture_utils.maths.stochastic.sgd` again (the same seed, so the
same batches for the same settings) and moves the noisy path on the loss contours and the
excess-loss curve (blitted); the contours are drawn once.

Examples
--------
>>> e = sgd_explorer()
>>> e.batch.value = 100                       # full batch: gradient descent
>>> e.run.batch_size, e.run.step_sizes.size
(100, 20)
>>> e.decaying.value = True
>>> "decaying" in e.status_text
True
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .._validation import check_array, check_flag, check_integer, check_real_number
from ..figures.base import new_figure
from ..figures.beyond_gd import SGDView, sgd_small_multiples
from ..maths.stochastic import LeastSquares, noise_floor, sgd
from .base import Explorer, figure_px

__all__ = ["SGDExplorer", "sgd_explorer", "sgd_small_multiples"]

#: The batch sizes offered (those above m are dropped).
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 500)


class SGDExplorer(Explorer):
    """Mini-batch SGD on a least-squares problem: batch size, step size, decaying step.

    Left, the controls and the status line (the noise floor, the work done); right, the
    path of w_k on the contours of L(w) = (1/2m)‖Xw − y‖² above, the excess loss L(w_k) − L*
    against epochs below (an epoch = m per-example gradients, whatever the batch size).

    Parameters
    ----------
    problem : LeastSquares, optional
        Two weights (default: ``LeastSquares.synthetic(m=100, seed=0)``).
    w0 : (float, float)
        The start.
    batch_size : int
        Initial batch size (one of :data:`BATCH_SIZES` up to m, or m).
    step : float
        Initial step γ (the slider: 0.005 to 1, logarithmic).
    decaying : bool
        Start with γ_k = γ/(1 + epochs).
    n_epochs : int
        Epochs per run (2 to 50).
    seed : int
        The seed of the batches.

    Examples
    --------
    >>> e = SGDExplorer(batch_size=1, step=0.05)
    >>> e.step.value = 0.1
    >>> float(e.run.step_sizes[0])
    0.1
    """

    css_name = "sgd-explorer"

    def __init__(self, problem: LeastSquares | None = None, w0: Any = (3.0, 2.0),
                 batch_size: int = 5, step: float = 0.05, decaying: bool = False,
                 n_epochs: int = 20, seed: int = 0):
        if problem is None:
            problem = LeastSquares.synthetic(m=100, seed=0)
        if not isinstance(problem, LeastSquares) or problem.n != 2:
            raise TypeError("problem must be a LeastSquares problem with 2 weights (e.g. "
                            f"LeastSquares.synthetic()), got {type(problem).__name__}")
        self.problem = problem
        self.w0 = check_array(w0, "w0", shape=(2,))
        sizes = sorted({b for b in BATCH_SIZES if b < problem.m} | {problem.m})
        batch_size = check_integer(batch_size, "batch_size", minimum=1, maximum=problem.m)
        if batch_size not in sizes:
            raise ValueError(f"batch_size must be one of {sizes}, got {batch_size}")
        step = float(check_real_number(step, "step", positive=True))
        if not 0.005 <= step <= 1.0:
            raise ValueError(f"step must be between 0.005 and 1 (the slider's range), got {step:g}")
        decaying = check_flag(decaying, "decaying")
        self.n_epochs = check_integer(n_epochs, "n_epochs", minimum=2, maximum=50)
        self.seed = check_integer(seed, "seed", minimum=0)
        self.batch = self._slider(widgets.SelectionSlider, "batch size b", batch_size,
                                  options=sizes)
        self.step = self._slider(widgets.FloatLogSlider, "step γ", step, base=10, min=-2.3,
                                 max=0.0, step=0.05, readout_format=".3f")
        self.decaying = widgets.Checkbox(value=decaying, description="decaying step γ/(1 + epochs)",
                                         indent=False)
        figure, axes = new_figure(2, 1, layout=None,
                                  **figure_px((560, 560), (500, 540)),
                                  gridspec_kw={"height_ratios": [1.35, 1.0]})
        self.run = self._run()
        start = self.run.excess[0]
        self.view = SGDView.draw(problem, self.run, path_ax=axes[0], loss_ax=axes[1],
                                 n_epochs=self.n_epochs, loss_range=(start * 1e-5, start * 3))
        axes[0].set_title("SGD path on the loss contours (★ = w*)", fontsize="medium")
        self._assemble("Stochastic gradient descent: batch size and step size", figure,
                       [self.batch, self.step, self.decaying], self.view.moving_artists,
                       layout="column", column_px=320)
        self._watch(self._on_change, self.batch, self.step, self.decaying)
        self._guard(self._describe)()

    def _run(self) -> Any:
        return sgd(self.problem, self.w0, float(self.step.value), int(self.batch.value),
                   self.n_epochs, seed=self.seed, decay=1.0 if self.decaying.value else 0.0)

    def _on_change(self, change: Any = None) -> None:
        self.run = self._run()
        self.view.update(self.run)
        self.redraw()
        self._describe()

    def _describe(self) -> None:
        run = self.run
        updates = run.step_sizes.size
        floor = noise_floor(run, max(1, self.n_epochs // 4))
        kind = "full batch = gradient descent" if run.batch_size == self.problem.m else \
            f"b = {run.batch_size}"
        schedule = "decaying γ" if self.decaying.value else "constant γ"
        self.show_message(
            f"{kind}, {schedule}: {updates} updates of {run.batch_size} per-example gradients "
            f"each in {self.n_epochs} epochs; mean L − L* over the last "
            f"{max(1, self.n_epochs // 4)} epochs: {floor:.2e}")


#: The name the notebooks use (one entry point: the class itself).
sgd_explorer = SGDExplorer
