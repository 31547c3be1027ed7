"""SGD on least squares: reproducible batches, unbiased batch gradients, the noise floor."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from lecture_utils.maths.stochastic import LeastSquares, minibatches, noise_floor, sgd

PROBLEM = LeastSquares.synthetic(m=40, seed=0)


@settings(max_examples=60, deadline=None)
@given(m=st.integers(2, 30), data=st.data())
def test_the_batch_gradients_of_an_epoch_average_to_the_full_gradient(m, data):
    batch_size = data.draw(st.integers(1, m))
    seed = data.draw(st.integers(0, 2 ** 32 - 1))
    problem = LeastSquares.synthetic(m=m, seed=seed % 1000)
    w = np.array(data.draw(st.lists(st.floats(-5, 5), min_size=2, max_size=2)))
    batches = list(minibatches(m, batch_size, np.random.default_rng(seed)))
    assert sorted(np.concatenate(batches).tolist()) == list(range(m))   # each example once
    weighted = sum(len(b) * problem.gradient(w, b) for b in batches) / m
    assert np.allclose(weighted, problem.gradient(w), atol=1e-10)
    if m % batch_size == 0:                                           # equal sizes: plain mean
        assert np.allclose(np.mean([problem.gradient(w, b) for b in batches], axis=0),
                           problem.gradient(w), atol=1e-10)


def test_a_batch_drawn_with_replacement_is_unbiased():
    problem = LeastSquares.synthetic(m=7, seed=4)
    w = np.array([0.3, -0.7])
    every = [problem.gradient(w, list(b)) for b in itertools.combinations(range(7), 3)]
    assert np.allclose(np.mean(every, axis=0), problem.gradient(w))


@pytest.mark.parametrize("batch_size", [1, 3, 7])
def test_the_variance_of_a_batch_of_distinct_examples_is_the_finite_population_one(batch_size):
    problem = LeastSquares.synthetic(m=7, seed=4)
    w = np.array([0.3, -0.7])
    single = np.array([problem.gradient(w, [i]) for i in range(7)])
    sigma2 = np.mean(np.sum((single - problem.gradient(w)) ** 2, axis=1))    # σ², total variance
    every = np.array([problem.gradient(w, list(b))
                      for b in itertools.combinations(range(7), batch_size)])
    variance = np.mean(np.sum((every - problem.gradient(w)) ** 2, axis=1))
    assert np.isclose(variance, sigma2 / batch_size * (7 - batch_size) / 6)  # zero at b = m


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    runs = [sgd(PROBLEM, [0.0, 0.0], 0.1, 4, 3, seed=s) for s in (5, 5, 6)]
    assert np.array_equal(runs[0].points, runs[1].points)
    assert not np.array_equal(runs[0].points, runs[2].points)


def test_full_batch_is_gradient_descent():
    run = sgd(PROBLEM, [0.0, 0.0], 0.5, PROBLEM.m, 3, sampling="shuffle")
    w = np.zeros(2)
    for point in run.points[1:]:
        w = w - 0.5 * PROBLEM.gradient(w)
        assert np.allclose(point, w)
    assert run.gradient_evaluations.tolist() == [0, 40, 80, 120]


@pytest.mark.parametrize("batch_size", [1, 4])
def test_the_noise_floor_grows_with_the_step(batch_size):
    floors = [noise_floor(sgd(PROBLEM, PROBLEM.minimizer, s, batch_size, 120, seed=3), 100)
              for s in (0.01, 0.02, 0.04)]
    ratios = np.array(floors[1:]) / np.array(floors[:-1])
    assert np.all((1.5 < ratios) & (ratios < 3.0)), ratios          # roughly doubles: ∝ γ


@pytest.mark.parametrize("batch_size", [1, 4])
def test_reshuffling_has_a_smaller_floor_that_grows_like_the_square_of_the_step(batch_size):
    def floors(sampling):
        return np.array([noise_floor(sgd(PROBLEM, PROBLEM.minimizer, s, batch_size, 120, seed=3,
                                         sampling=sampling), 100) for s in (0.01, 0.02, 0.04)])
    shuffled, independent = floors("shuffle"), floors("replacement")
    ratios = shuffled[1:] / shuffled[:-1]
    assert np.all((3.0 < ratios) & (ratios < 4.5)), ratios          # roughly ×4: ∝ γ²
    assert np.all(shuffled < 0.5 * independent)


def test_a_decaying_step_gets_below_the_constant_steps_floor():
    constant = sgd(PROBLEM, [0.0, 0.0], 0.1, 1, 60, seed=1)
    decaying = sgd(PROBLEM, [0.0, 0.0], 0.1, 1, 60, seed=1, decay=1.0)
    assert noise_floor(decaying, 10) < 0.3 * noise_floor(constant, 10)
    assert decaying.step_sizes[-1] < 0.1 * decaying.step_sizes[0]


@pytest.mark.parametrize("kwargs, name", [
    (dict(problem="data"), "problem"), (dict(w0=[0.0]), "w0"), (dict(step=0.0), "step"),
    (dict(batch_size=0), "batch_size"), (dict(batch_size=41), "batch_size"),
    (dict(n_epochs=0), "n_epochs"), (dict(seed=-1), "seed"), (dict(decay=-1.0), "decay"),
    (dict(sampling="bootstrap"), "sampling"),
])
def test_bad_arguments_are_named(kwargs, name):
    arguments = dict(problem=PROBLEM, w0=[0.0, 0.0], step=0.1, batch_size=4, n_epochs=2)
    arguments.update(kwargs)
    with pytest.raises((TypeError, ValueError), match=name):
        sgd(**arguments)
