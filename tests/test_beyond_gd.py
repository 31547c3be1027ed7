"""Notebook 11's figures and SGD explorer: drawn from layer-1 results, updated in place."""

from __future__ import annotations

import numpy as np
import pytest

from lecture_utils.explorers.beyond_gd import SGDExplorer
from lecture_utils.figures.beyond_gd import (
    convergence_figure, convexity_figure, sgd_figure, sgd_small_multiples,
)
from lecture_utils.maths.stochastic import LeastSquares, sgd


def test_the_explorer_updates_its_artists_in_place_and_reruns_with_the_same_seed():
    e = SGDExplorer(batch_size=5, step=0.05)
    path, loss, figure = e.view.path, e.view.loss, e.figure
    axes_before = len(figure.axes)
    first = e.run.points.copy()
    e.batch.value = 1
    assert e.view.path is path and e.view.loss is loss and len(figure.axes) == axes_before
    assert len(path.get_xdata()) == e.run.points.shape[0] == 1 + 20 * 100
    e.batch.value = 5
    assert np.array_equal(e.run.points, first)                      # same seed, same batches
    e.decaying.value = True
    assert e.run.step_sizes[-1] < e.run.step_sizes[0] and "decaying γ" in e.status_text
    e.batch.value = 100
    assert "full batch = gradient descent" in e.status_text
    assert "lu-sgd-explorer" in e.widget._dom_classes and "lu-explorer" in e.widget._dom_classes


@pytest.mark.parametrize("kwargs, name", [
    (dict(batch_size=3), "batch_size"), (dict(step=2.0), "step"), (dict(w0=[1.0]), "w0"),
    (dict(problem="data"), "problem"), (dict(decaying="yes"), "decaying"),
    (dict(n_epochs=1), "n_epochs"),
])
def test_bad_explorer_arguments_are_named(kwargs, name):
    with pytest.raises((TypeError, ValueError), match=name):
        SGDExplorer(**kwargs)


def test_the_convexity_figure_marks_the_two_minima_of_the_counterexample():
    fig = convexity_figure()
    labels = [line.get_label() for line in fig.axes[3].lines]
    assert "global minimum" in labels and "local, not global" in labels
    glob = fig.axes[3].lines[labels.index("global minimum")].get_ydata()[0]
    local = fig.axes[3].lines[labels.index("local, not global")].get_ydata()[0]
    assert glob < local


def test_the_convergence_figure_draws_one_line_per_method_and_panel():
    fig = convergence_figure([("a", {"GD": [1, 0.5, 0.25], "Newton": [1, 1e-3, 0.0]}),
                              ("b", {"GD": [1, 0.9]})])
    assert [len(ax.lines) for ax in fig.axes[:2]] == [2, 1]
    with pytest.raises(TypeError, match="panels"):
        convergence_figure([("a", [1, 2])])


def test_the_sgd_figures_plot_work_on_the_x_axis():
    problem = LeastSquares.synthetic(m=20, seed=0)
    run = sgd(problem, [3.0, 2.0], 0.1, 4, 3)
    fig = sgd_figure(problem, {"SGD": run})
    assert np.array_equal(fig.axes[2].lines[0].get_xdata(), run.gradient_evaluations)
    assert len(sgd_small_multiples(problem, n_epochs=3).axes) == 4
