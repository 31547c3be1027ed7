"""Tests of the small network (layer 1), its drawings (layer 2), the gradient-flow explorer (3)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.maths.jacobians import numerical_jacobian
from lecture_utils.maths.chain_order import chain_costs, evaluate_chain
from lecture_utils.maths.network import (
    ACTIVATIONS,
    IDENTITY,
    RELU,
    SIGMOID,
    TANH,
    Network,
    backward,
    chain_product,
    forward,
    get_activation,
    layer_jacobians,
    loss,
    make_network,
    network_from_parameters,
    parameter_jacobians,
)
from lecture_utils.maths.training import GradientFlow, gradient_check, gradient_norms, train

SMOOTH = ("sigmoid", "tanh", "identity")


# ---------------------------------------------------------------------------- activations
@pytest.mark.parametrize("activation", [SIGMOID, TANH, RELU, IDENTITY])
def test_activation_derivative_matches_finite_differences(activation):
    z = np.array([-2.3, -0.7, 0.4, 1.9])          # away from the ReLU kink
    h = 1e-6
    numeric = (activation.function(z + h) - activation.function(z - h)) / (2 * h)
    assert np.allclose(activation.derivative(z), numeric, atol=1e-8)


def test_activation_values_and_max_slopes():
    z = np.linspace(-6, 6, 2001)
    assert SIGMOID(0.0) == 0.5 and TANH(0.0) == 0.0 and RELU(-1.0) == 0.0
    assert np.max(SIGMOID.derivative(z)) == pytest.approx(0.25) == SIGMOID.max_slope
    assert np.max(TANH.derivative(z)) == pytest.approx(1.0)
    assert not RELU.smooth and SIGMOID.smooth


def test_sigmoid_does_not_warn_for_large_negative_inputs():
    assert SIGMOID(np.array([-1000.0]))[0] == 0.0   # filterwarnings = error would fail here


def test_activation_lookup_by_name_and_error_lists_names():
    assert get_activation("ReLU") is RELU and get_activation(TANH) is TANH
    with pytest.raises(ValueError, match="'sigmoid', 'tanh', 'relu', 'identity'.*'softplus'"):
        get_activation("softplus")
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "identity"}


# ----------------------------------------------------------------- construction, forward
def test_make_network_is_seeded_and_has_the_slides_shapes():
    a, b = make_network([3, 5, 2], "tanh", seed=4), make_network([3, 5, 2], "tanh", seed=4)
    c = make_network([3, 5, 2], "tanh", seed=5)
    assert all(np.array_equal(x, y) for x, y in zip(a.A, b.A))
    assert not np.array_equal(a.A[0], c.A[0])
    assert [m.shape for m in a.A] == [(5, 3), (2, 5)] and [v.shape for v in a.b] == [(5,), (2,)]
    assert a.sizes == (3, 5, 2) and a.depth == 2


def test_forward_follows_the_recursion():
    net = network_from_parameters([[[1.0, 2.0], [0.0, -1.0]], [[1.0, 1.0]]],
                                  [[0.5, 0.0], [-1.0]], ["tanh", "identity"])
    x = np.array([0.3, -0.2])
    f1 = np.tanh(np.array([[1.0, 2.0], [0.0, -1.0]]) @ x + np.array([0.5, 0.0]))
    f2 = f1.sum() - 1.0
    record = forward(net, x)
    assert np.allclose(record.f[1], f1) and np.allclose(record.output, [f2])
    assert loss(record, [1.0]) == pytest.approx((1.0 - f2) ** 2)


def test_batch_forward_equals_column_by_column():
    net = make_network([2, 4, 3], ["sigmoid", "tanh"], seed=1)
    X = np.random.default_rng(0).normal(size=(2, 5))
    Y = np.random.default_rng(1).normal(size=(3, 5))
    batch = forward(net, X)
    for k in range(5):
        assert np.allclose(batch.output[:, k], forward(net, X[:, k]).output)
    # the batch loss is the mean of the per-input losses, and so are the gradients
    losses = [loss(forward(net, X[:, k]), Y[:, k]) for k in range(5)]
    assert loss(batch, Y) == pytest.approx(np.mean(losses))
    grads = backward(batch, Y)
    mean_dA0 = np.mean([backward(forward(net, X[:, k]), Y[:, k]).dA[0] for k in range(5)], axis=0)
    assert np.allclose(grads.dA[0], mean_dA0)


# ------------------------------------------------------------------------ bad input
def test_wrong_input_length_names_the_layer_and_both_sizes():
    net = make_network([3, 2, 1], "tanh")
    with pytest.raises(ValueError, match=r"x has 2 entries.*input layer \(layer 0\) takes n = 3"):
        forward(net, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"x has 4 entries per column.*n = 3"):
        forward(net, np.ones((4, 6)))


def test_wrong_target_length_is_named():
    net = make_network([3, 2, 2], "tanh")
    with pytest.raises(ValueError, match=r"y has 3 entries.*last layer outputs n = 2"):
        backward(forward(net, np.ones(3)), np.ones(3))


def test_mismatched_weights_name_the_layer_and_both_sizes():
    with pytest.raises(ValueError, match=r"layer 1: A1 has 4 columns, but layer 0 outputs f_1 "
                                         r"with 3 entries \(A0 has 3 rows\)"):
        network_from_parameters([np.ones((3, 2)), np.ones((1, 4))], [np.ones(3), np.ones(1)])
    with pytest.raises(ValueError, match=r"layer 0: b0 has shape \(2,\), but A0 has 3 rows"):
        network_from_parameters([np.ones((3, 2))], [np.ones(2)])
    with pytest.raises(ValueError, match="2 weight matrices and 1 bias vectors"):
        network_from_parameters([np.ones((3, 2)), np.ones((1, 3))], [np.ones(3)])
    with pytest.raises(ValueError, match="activations must have one entry per layer"):
        network_from_parameters([np.ones((3, 2))], [np.ones(3)], ["tanh", "tanh"])
    with pytest.raises(ValueError, match="A0 must be a 2-dimensional array"):
        network_from_parameters([np.ones(3)], [np.ones(3)])


def test_make_network_rejects_bad_sizes_and_scale():
    with pytest.raises(ValueError, match="at least two layer sizes"):
        make_network([4])
    with pytest.raises(ValueError, match=r"sizes\[1\] must be an integer from 1 to 1000, got 0"):
        make_network([2, 0, 1])
    with pytest.raises(ValueError, match="weight_scale must be a positive"):
        make_network([2, 1], weight_scale=-1.0)
    with pytest.raises(TypeError, match="sizes must be a list"):
        make_network("2,3")


def test_jacobians_need_one_input():
    net = make_network([2, 2], "tanh")
    with pytest.raises(ValueError, match="jacobians=True needs one input"):
        backward(forward(net, np.ones((2, 3))), np.ones((2, 3)), jacobians=True)


# ------------------------------------------------------------------------- backward pass
def test_backward_matches_a_hand_computation():
    # one linear unit: L = (y − (a·x + b))², ∂L/∂a = −2 r xᵀ, ∂L/∂b = −2 r
    net = network_from_parameters([[[2.0, -1.0]]], [[0.5]], "identity")
    x, y = np.array([1.0, 3.0]), np.array([2.0])
    r = y - (2.0 * 1.0 - 3.0 + 0.5)
    grads = backward(forward(net, x), y)
    assert np.allclose(grads.dA[0], -2 * r * x[None, :]) and np.allclose(grads.db[0], -2 * r)
    assert grads.dA[0].shape == net.A[0].shape           # the layout G_jk = ∂L/∂A_jk


def test_layer_and_parameter_jacobians_match_numerical_ones():
    net = make_network([3, 4, 2], ["tanh", "sigmoid"], seed=7)
    x = np.array([0.2, -0.5, 0.9])
    record = forward(net, x)
    J = layer_jacobians(record)
    P = parameter_jacobians(record)

    def layer(i, f_in=None, A=None, b=None):
        A = net.A[i] if A is None else A
        b = net.b[i] if b is None else b
        f_in = record.f[i] if f_in is None else f_in
        return net.activations[i].function(A @ f_in + b)

    for i in range(2):
        assert J[i].shape == (net.sizes[i + 1], net.sizes[i])
        assert np.allclose(J[i], numerical_jacobian(lambda f: layer(i, f_in=f), record.f[i]),
                           atol=1e-8)
        assert P[i]["A"].shape == (net.sizes[i + 1],) + net.A[i].shape
        assert np.allclose(P[i]["A"], numerical_jacobian(lambda A: layer(i, A=A), net.A[i]),
                           atol=1e-8)
        assert np.allclose(P[i]["b"], numerical_jacobian(lambda b: layer(i, b=b), net.b[i]),
                           atol=1e-8)


def test_chain_product_equals_backward_for_every_layer():
    net = make_network([2, 3, 3, 2], ["tanh", "sigmoid", "identity"], seed=3)
    grads = backward(forward(net, [0.4, -1.2]), [0.3, 0.1], jacobians=True)
    for i in range(3):
        assert np.allclose(chain_product(grads, i, "A"), grads.dA[i])
        assert np.allclose(chain_product(grads, i, "b"), grads.db[i])
    with pytest.raises(ValueError, match="jacobians=True"):
        chain_product(backward(forward(net, [0.4, -1.2]), [0.3, 0.1]), 0)


def test_gradient_check_detects_a_wrong_backward_pass(monkeypatch):
    net = make_network([2, 3, 1], ["tanh", "identity"], seed=0)
    good = gradient_check(net, [0.5, -0.5], [1.0])
    assert set(good) == {"A0", "b0", "A1", "b1"} and max(good.values()) < 1e-8
    # a backward pass that forgets σ' must fail the check
    import lecture_utils.maths.network as network_module

    broken = network_module.Activation("tanh", np.tanh, lambda z: np.ones_like(z))
    wrong = Network(net.A, net.b, [broken, IDENTITY])
    errors = gradient_check(wrong, [0.5, -0.5], [1.0])
    assert errors["A0"] > 1e-3 and errors["A1"] < 1e-8


def test_gradient_check_with_relu_away_from_the_kink():
    net = make_network([3, 5, 2], ["relu", "identity"], seed=2)
    x = np.array([1.0, -0.5, 0.25])
    assert np.min(np.abs(forward(net, x).z[0])) > 1e-3
    assert max(gradient_check(net, x, [0.0, 1.0]).values()) < 1e-6


@st.composite
def small_networks(draw):
    depth = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 4)) for _ in range(depth + 1)]
    activations = [draw(st.sampled_from(SMOOTH + ("relu",))) for _ in range(depth)]
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    net = make_network(sizes, activations, seed=rng)
    x = rng.uniform(-2, 2, sizes[0])
    y = rng.uniform(-2, 2, sizes[-1])
    return net, x, y


@settings(max_examples=60, deadline=None)
@given(small_networks())
def test_backprop_agrees_with_finite_differences(case):
    net, x, y = case
    record = forward(net, x)
    # ReLU has a kink at 0: keep the pre-activations of ReLU layers away from it
    for z, sigma in zip(record.z, net.activations):
        if sigma is RELU and np.min(np.abs(z)) < 1e-3:
            return
    errors = gradient_check(net, x, y)
    assert set(errors) == set(net.parameter_names())
    assert max(errors.values()) < 1e-6, errors


# ---------------------------------------------------------------------- vanishing, costs
def test_vanishing_gradients_sigmoid_depth_10():
    net = make_network([6] * 11, "sigmoid", seed=0)
    norms = gradient_norms(net, np.ones(6), np.zeros(6))
    assert norms.shape == (10,)
    assert norms[0] < 1e-3 * norms[-1]        # orders of magnitude below the last layer
    flow = GradientFlow(width=8, max_depth=10, seed=0)
    sig, relu = flow.norms("sigmoid", 10), flow.norms("relu", 10, weight_scale=np.sqrt(2))
    assert sig[0] < 1e-4 * sig[-1]
    assert 0.01 < relu[0] / relu[-1] < 100     # He initialisation keeps ReLU's gradients


def test_gradient_flow_adds_layers_at_the_input_end():
    flow = GradientFlow(width=4, max_depth=6, seed=1)
    short, deep = flow.network("tanh", 2), flow.network("tanh", 6)
    assert np.array_equal(short.A[-1], deep.A[-1]) and deep.activations[-1] is IDENTITY


def test_evaluate_chain_counts_multiply_adds_and_both_orders_agree():
    rng = np.random.default_rng(0)
    factors = [rng.normal(size=(1, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4, 20))]
    left, cost_left = evaluate_chain(factors, "backward")
    right, cost_right = evaluate_chain(factors, "forward")
    assert np.allclose(left, right)
    assert cost_left == 1 * 3 * 4 + 1 * 4 * 20 and cost_right == 3 * 4 * 20 + 1 * 3 * 20
    with pytest.raises(ValueError, match=r"factors 0 and 1 do not chain: shapes \(1, 3\) and \(2, 2\)"):
        evaluate_chain([np.ones((1, 3)), np.ones((2, 2))])


def test_chain_costs_match_the_counted_products():
    sizes = [2, 3, 4, 2]
    net = make_network(sizes, "tanh", seed=0)
    grads = backward(forward(net, [0.1, 0.2]), [0.0, 0.0], jacobians=True)
    forward_total = separate_total = 0
    for i in range(3):
        P = np.concatenate([grads.parameter_jacobians[i]["A"].reshape(sizes[i + 1], -1),
                            grads.parameter_jacobians[i]["b"]], axis=1)
        factors = [grads.df[-1][None, :], *[grads.layer_jacobians[j] for j in range(2, i, -1)], P]
        product, cost_f = evaluate_chain(factors, "forward")
        _, cost_b = evaluate_chain(factors, "backward")
        assert np.allclose(product[0, : net.A[i].size], grads.dA[i].ravel())
        forward_total += cost_f
        separate_total += cost_b
    cost = chain_costs(sizes)
    assert (cost.forward, cost.backward_separate) == (forward_total, separate_total)
    assert cost.backward <= cost.backward_separate


@pytest.mark.parametrize("depth,width", [(5, 100), (10, 100), (20, 1000)])
def test_backward_is_much_cheaper_than_forward_mode(depth, width):
    cost = chain_costs([width] * (depth + 1))
    assert cost.forward > 50 * cost.backward


# ---------------------------------------------------------------------------- training
def test_training_reduces_the_loss_and_is_deterministic():
    rng = np.random.default_rng(0)
    x = np.linspace(-2, 2, 30)[None, :]
    y = np.sin(1.5 * x) + 0.05 * rng.normal(size=x.shape)
    net = make_network([1, 12, 1], "tanh", output_activation="identity", seed=0)
    run = train(net, x, y, learning_rate=0.1, steps=800)
    again = train(net, x, y, learning_rate=0.1, steps=800)
    assert run.losses.size == 801 and run.status == "completed"
    assert run.losses[-1] < 0.05 * run.losses[0]
    assert np.array_equal(run.losses, again.losses)
    assert not np.array_equal(net.A[0], run.network.A[0])     # the start is not changed
    with pytest.raises(ValueError, match="learning_rate must be a positive"):
        train(net, x, y, learning_rate=0.0)


def test_training_with_a_huge_step_reports_divergence():
    x = np.linspace(-2, 2, 10)[None, :]
    net = make_network([1, 4, 1], "relu", output_activation="identity", seed=0)
    run = train(net, x, 10 * x, learning_rate=50.0, steps=300)    # no warning either
    assert run.status == "diverged" and not np.isfinite(run.losses[-1])


# ------------------------------------------------------------------- drawings, explorer
def test_drawings_return_their_artists():
    from lecture_utils.figures.backprop import (
        chain_factors,
        draw_chain_rule,
        draw_network,
        gradient_flow_small_multiples,
    )

    drawing = draw_network([1, 3, 3, 1], activations=["tanh", "tanh", "identity"])
    assert len(drawing.units) == 4 and len(drawing.edges) == 3
    chain = draw_chain_rule([3, 4, 4, 2])
    assert [len(row) for row in chain.boxes] == [2, 3, 4]
    kinds = [box.kind for box in chain.boxes[-1]]
    assert kinds == ["loss", "layer", "layer", "parameter"]
    styles = {box.kind: box.patch.get_linestyle() for box in chain.boxes[-1]}
    assert styles["layer"] != styles["parameter"]          # not colour alone
    assert [s for _, _, s in chain_factors([3, 4, 4, 2], 0)] == [(1, 2), (2, 4), (4, 4), (4, 16)]
    fig = gradient_flow_small_multiples(("sigmoid", "relu"), (3, 6))
    assert len(fig.axes) == 4


def test_explorer_updates_in_place_and_reports_vanishing():
    from lecture_utils.explorers.backprop import gradient_flow_explorer

    e = gradient_flow_explorer("sigmoid", depth=10)
    bars = e.view.bars
    figure = e.figure
    e.depth.value = 15
    assert e.view.bars is bars and e.figure is figure
    assert np.sum(np.isfinite(e.view.tops.get_ydata())) == 15
    assert "orders of magnitude smaller" in e.status_text
    e.activation.value = "relu"
    e.weight_scale.value = 1.4
    assert "lu-error" not in e.status._dom_classes
    assert np.allclose(e.norms, e.flow.norms("relu", 15, 1.4))
    with pytest.raises(ValueError, match="activation must be one of 'sigmoid', 'tanh', 'relu'"):
        gradient_flow_explorer("identity")
    with pytest.raises(ValueError, match="weight_scale must be between 0.25 and 3"):
        gradient_flow_explorer("tanh", weight_scale=5.0)


def test_network_from_parameters_rejects_a_single_number():
    with pytest.raises(TypeError, match="A must be a list with one array per layer"):
        network_from_parameters(np.array(np.nan), [[0.0]])
    with pytest.raises(TypeError, match="b must be a list with one array per layer"):
        network_from_parameters([[[1.0]]], np.array(0.0))


def test_a_target_that_does_not_fit_the_batch_names_x():
    net = make_network([2, 3, 1], ["tanh", "identity"], seed=5)
    with pytest.raises(ValueError, match=r"for the input x of shape \(2, 2\): \(1, 2\), got "
                                         r"shape \(1,\)"):
        gradient_check(net, [[1.0, 2.0], [3.0, 4.0]], [0.2])
    with pytest.raises(ValueError, match=r"input x of shape \(2, 1\)"):
        train(net, [[1.0], [2.0]], [[0.1, 0.2]], steps=1)
