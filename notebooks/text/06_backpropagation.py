# %% [markdown] slideshow={"slide_type": "slide"}
# # 06 · Backpropagation: gradients in a deep network
#
# **Slides covered:** *Gradients in a Deep Network* (both slides) — the forward pass
# $\mathbf{f}_0 = \mathbf{x}$, $\mathbf{f}_i = \sigma_i(\mathbf{A}_{i-1}\mathbf{f}_{i-1} + \mathbf{b}_{i-1})$, the squared loss
# $L(\boldsymbol\theta) = \|\mathbf{y} - \mathbf{f}_K(\boldsymbol\theta, \mathbf{x})\|^2$ and the chain-rule products
# $\partial L/\partial\boldsymbol\theta_{K-1}, \partial L/\partial\boldsymbol\theta_{K-2}, \dots$ with their two kinds of factor.
#
# **After this notebook you can**
# - write the gradient of the loss with respect to each layer's parameters $\boldsymbol\theta_i = \{\mathbf{A}_i, \mathbf{b}_i\}$ as a product of Jacobians, and tell the two kinds of factor apart: $\partial\mathbf{f}_{j+1}/\partial\mathbf{f}_j$ (a layer's output with respect to its **input**) and $\partial\mathbf{f}_{i+1}/\partial\boldsymbol\theta_i$ (with respect to its **parameters**);
# - give the shape of every factor, and compute the backward pass of a small network by hand;
# - check a backward pass against numerical derivatives;
# - explain why the product is evaluated **from the loss backwards** (count the multiply-adds);
# - see why gradients **vanish** in deep networks with saturating activations.

# %% slideshow={"slide_type": "skip"}
import inspect
import timeit

import numpy as np
import sympy as sp
from IPython.display import Code

from lecture_utils import (
    hint, solution,
    backward, chain_costs, chain_product, check_backprop, draw_chain_rule,
    draw_computation_graph, draw_network, Dual, forward_mode_gradient,
    reverse_mode_gradient, Value,
    evaluate_chain, forward, gradient_check, gradient_flow_explorer,
    gradient_flow_small_multiples, GradientFlow, loss, make_network,
    network_from_parameters, predict, SIGMOID, TANH, train, training_figure,
)

rng = np.random.default_rng(2024)   # one seeded generator for every random input below

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The forward pass
#
# A network with $K$ layers maps an input $\mathbf{x}$ through
#
# $$\mathbf{f}_0 := \mathbf{x}, \qquad \mathbf{f}_i := \sigma_i(\mathbf{A}_{i-1}\mathbf{f}_{i-1} + \mathbf{b}_{i-1}), \quad i = 1, \dots, K,$$
#
# with weights $\mathbf{A}_{i} \in \mathbb{R}^{n_{i+1} \times n_{i}}$, biases $\mathbf{b}_{i} \in \mathbb{R}^{n_{i+1}}$ and
# activations $\sigma_i$ applied entry by entry. We look for parameters
# $\boldsymbol\theta = \{\mathbf{A}_0, \mathbf{b}_0, \dots, \mathbf{A}_{K-1}, \mathbf{b}_{K-1}\}$ that minimise the squared loss
#
# $$L(\boldsymbol\theta) = \|\mathbf{y} - \mathbf{f}_K(\boldsymbol\theta, \mathbf{x})\|^2 .$$
#
# The slide's figure of the forward pass (lost in the OCR), for a network with $K = 3$ layers of
# sizes $n_0 = 3$, $n_1 = n_2 = 4$, $n_3 = 2$:

# %% slideshow={"slide_type": "subslide"}
net = make_network([3, 4, 4, 2], ["tanh", "tanh", "identity"], seed=0)
draw_network(net).ax.figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the forward pass as a network diagram. Four columns of circles, left to right: the
# input $\mathbf{f}_0 = \mathbf{x}$ (3 units), $\mathbf{f}_1$ and $\mathbf{f}_2$ (4 units each) and the output $\mathbf{f}_3$ (2 units);
# every unit of a column is joined to every unit of the next. Above each gap the layer's
# parameters and activation: $\mathbf{A}_0, \mathbf{b}_0$, σ₁ = tanh; $\mathbf{A}_1, \mathbf{b}_1$, σ₂ = tanh; $\mathbf{A}_2, \mathbf{b}_2$,
# σ₃ = identity. Arrows from the output units lead to the loss $L = \|\mathbf{y} - \mathbf{f}_3\|^2$.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Forward and backward pass, written out in NumPy
#
# The whole algorithm for this network, before any library: the forward pass keeps every $\mathbf{f}_i$ and
# $\mathbf{z}_i = \mathbf{A}_i\mathbf{f}_i + \mathbf{b}_i$; the backward pass starts from the row $\partial L/\partial\mathbf{f}_3$ and multiplies
# it by the slides' factors, from the loss back. σ₁ = σ₂ = tanh with $\tanh'(z) = 1 - \tanh^2 z$, σ₃ = identity.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
x, y = np.array([0.5, -1.0, 2.0]), np.array([1.0, -0.5])     # an input and its target
A0, A1, A2 = net.A                                            # the parameters θ_i = {A_i, b_i}
b0, b1, b2 = net.b
# forward pass: z_i = A_i f_i + b_i, f_{i+1} = σ_{i+1}(z_i)
f0 = x
z0 = A0 @ f0 + b0;  f1 = np.tanh(z0)
z1 = A1 @ f1 + b1;  f2 = np.tanh(z1)
z2 = A2 @ f2 + b2;  f3 = z2                                   # σ_3 = identity
L = np.sum((y - f3) ** 2)
# backward pass: the row ∂L/∂f_3 times the orange factors ∂f_{j+1}/∂f_j = diag(σ'(z_j)) A_j
dL_df3 = -2 * (y - f3)                                        # 1×2
df3_df2 = A2                                                  # diag(1) A_2: 2×4
df2_df1 = np.diag(1 - f2 ** 2) @ A1                           # diag(tanh'(z_1)) A_1: 4×4
dL_df2 = dL_df3 @ df3_df2                                     # row × matrix
dL_df1 = dL_df2 @ df2_df1
# the blue factors, applied to the row: ∂L/∂b_i = ∂L/∂f_{i+1} diag(σ'(z_i)), ∂L/∂A_i = (∂L/∂b_i)ᵀ f_iᵀ
dL_db2 = dL_df3;                  dL_dA2 = np.outer(dL_db2, f2)
dL_db1 = dL_df2 * (1 - f2 ** 2);  dL_dA1 = np.outer(dL_db1, f1)
dL_db0 = dL_df1 * (1 - f1 ** 2);  dL_dA0 = np.outer(dL_db0, f0)
print(f"L = {L:.6f};  ∂L/∂A_0 {dL_dA0.shape}, ∂L/∂A_1 {dL_dA1.shape}, ∂L/∂A_2 {dL_dA2.shape}: the shapes of A_0, A_1, A_2")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Checked against central differences of $L$ in each of the 46 parameters, and against the library's
# `backward` (used from the next slide on):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
parameters = (A0, A1, A2, b0, b1, b2)
shapes = [p.shape for p in parameters]
theta = np.concatenate([p.ravel() for p in parameters])           # θ as one vector
def loss_at(theta):                                               # the forward pass again
    P = [p.reshape(s) for p, s in zip(np.split(theta, np.cumsum([p.size for p in parameters])[:-1]), shapes)]
    f = x
    for A, b, sigma in zip(P[:3], P[3:], (np.tanh, np.tanh, lambda z: z)):
        f = sigma(A @ f + b)
    return np.sum((y - f) ** 2)
h = 1e-6
central = np.array([(loss_at(theta + h * e) - loss_at(theta - h * e)) / (2 * h) for e in np.eye(theta.size)])
mine = (dL_dA0, dL_dA1, dL_dA2, dL_db0, dL_db1, dL_db2)
error = np.max(np.abs(np.concatenate([g.ravel() for g in mine]) - central)) / np.max(np.abs(central))
assert theta.size == 46 and np.isclose(loss_at(theta), L) and error < 1e-8
library = backward(forward(net, x), y)
same = all(np.allclose(g, lib, rtol=1e-13, atol=1e-15) for g, lib in zip(mine, (*library.dA, *library.db)))
assert same
print(f"{theta.size} parameters: by hand vs central differences, error relative to the largest entry < 1e-8;"
      f" by hand = backward(): {same}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# `forward` computes $\mathbf{f}_1, \dots, \mathbf{f}_K$ and **keeps** what the backward pass will need: every
# $\mathbf{f}_i$ and every pre-activation $\mathbf{z}_i = \mathbf{A}_i\mathbf{f}_i + \mathbf{b}_i$ (so that $\mathbf{f}_{i+1} = \sigma_{i+1}(\mathbf{z}_i)$).
# The recursion, recomputed by hand:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
x = np.array([0.5, -1.0, 2.0])
y = np.array([1.0, -0.5])
record = forward(net, x)
for i, f in enumerate(record.f):
    print(f"f_{i}: shape {f.shape}")
f = x
for A, b, sigma in zip(net.A, net.b, net.activations):
    f = sigma(A @ f + b)
assert np.allclose(f, record.output)
L = loss(record, y)
print(f"L = ‖y − f_3‖² = {L:.6f}")
assert np.isclose(L, np.sum((y - f) ** 2))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The chain rule, layer by layer
#
# With $\boldsymbol\theta_j = \{\mathbf{A}_j, \mathbf{b}_j\}$ the chain rule gives (the slide's products)
#
# $$\begin{aligned}
# \frac{\partial L}{\partial \boldsymbol\theta_{K-1}} &= \frac{\partial L}{\partial \mathbf{f}_K}\,{\color{#0072B2}{\frac{\partial \mathbf{f}_K}{\partial \boldsymbol\theta_{K-1}}}} \\
# \frac{\partial L}{\partial \boldsymbol\theta_{K-2}} &= \frac{\partial L}{\partial \mathbf{f}_K}\,{\color{#E69F00}{\frac{\partial \mathbf{f}_K}{\partial \mathbf{f}_{K-1}}}}\,{\color{#0072B2}{\frac{\partial \mathbf{f}_{K-1}}{\partial \boldsymbol\theta_{K-2}}}} \\
# \frac{\partial L}{\partial \boldsymbol\theta_{K-3}} &= \frac{\partial L}{\partial \mathbf{f}_K}\,{\color{#E69F00}{\frac{\partial \mathbf{f}_K}{\partial \mathbf{f}_{K-1}}\frac{\partial \mathbf{f}_{K-1}}{\partial \mathbf{f}_{K-2}}}}\,{\color{#0072B2}{\frac{\partial \mathbf{f}_{K-2}}{\partial \boldsymbol\theta_{K-3}}}} \\
# \frac{\partial L}{\partial \boldsymbol\theta_{i}} &= \frac{\partial L}{\partial \mathbf{f}_K}\,{\color{#E69F00}{\frac{\partial \mathbf{f}_K}{\partial \mathbf{f}_{K-1}} \cdots \frac{\partial \mathbf{f}_{i+2}}{\partial \mathbf{f}_{i+1}}}}\,{\color{#0072B2}{\frac{\partial \mathbf{f}_{i+1}}{\partial \boldsymbol\theta_{i}}}}
# \end{aligned}$$
#
# - **orange** factors $\partial\mathbf{f}_{j+1}/\partial\mathbf{f}_j$: a layer's output with respect to its **input**,
#   $\operatorname{diag}(\sigma_{j+1}'(\mathbf{z}_j))\,\mathbf{A}_j \in \mathbb{R}^{n_{j+1} \times n_j}$ (since $\mathbf{f}_{j+1} = \sigma_{j+1}(\mathbf{z}_j)$, $\mathbf{z}_j = \mathbf{A}_j\mathbf{f}_j + \mathbf{b}_j$);
# - **blue** factors $\partial\mathbf{f}_{i+1}/\partial\boldsymbol\theta_i$: a layer's output with respect to its **parameters**
#   (entry by entry below, after the shapes);
# - and in front of every product the row $\partial L/\partial \mathbf{f}_K = -2(\mathbf{y} - \mathbf{f}_K)^\top \in \mathbb{R}^{1 \times n_K}$.

# %% slideshow={"slide_type": "subslide"}
draw_chain_rule(net).ax.figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the three products of the network above as chains of boxes, one row per parameter
# set. Top row, $\partial L/\partial\boldsymbol\theta_2$: a grey dotted box $\partial L/\partial\mathbf{f}_3$ (1×2) and a blue, dashed,
# hatched box $\partial\mathbf{f}_3/\partial\boldsymbol\theta_2$ (2×10). Middle row, $\partial L/\partial\boldsymbol\theta_1$: the same grey box, an orange
# solid box $\partial\mathbf{f}_3/\partial\mathbf{f}_2$ (2×4) and a blue box $\partial\mathbf{f}_2/\partial\boldsymbol\theta_1$ (4×20). Bottom row,
# $\partial L/\partial\boldsymbol\theta_0$: grey, two orange boxes $\partial\mathbf{f}_3/\partial\mathbf{f}_2$ (2×4) and $\partial\mathbf{f}_2/\partial\mathbf{f}_1$ (4×4), and a blue box
# $\partial\mathbf{f}_1/\partial\boldsymbol\theta_0$ (4×16). Each row is one orange box longer than the one above; the rows share
# their left part.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# > **Note on the slides.** The OCR lost the colours of this slide: the **orange** terms are the
# > derivatives of a layer's output with respect to its input, $\partial\mathbf{f}_{j+1}/\partial\mathbf{f}_j$, the **blue** terms
# > those with respect to its parameters, $\partial\mathbf{f}_{i+1}/\partial\boldsymbol\theta_i$ (here also told apart by a solid
# > versus a dashed, hatched box). The OCR text of the slide shows the output as $\mathbf{f}_{\mathcal K}$; it is $\mathbf{f}_K$.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The factors and their shapes
#
# `backward(record, y, jacobians=True)` also returns every factor: the orange
# $\partial\mathbf{f}_{j+1}/\partial\mathbf{f}_j$ ($n_{j+1} \times n_j$) and the blue $\partial\mathbf{f}_{i+1}/\partial\mathbf{A}_i$ and
# $\partial\mathbf{f}_{i+1}/\partial\mathbf{b}_i$. The derivative of the vector $\mathbf{f}_{i+1}$ with respect to the **matrix**
# $\mathbf{A}_i$ is a tensor of shape (output shape) × (input shape) $= n_{i+1} \times n_{i+1} \times n_i$ (notebook 04);
# $\boldsymbol\theta_i$ flattened into one vector of $n_{i+1}(n_i + 1)$ entries makes it the $n_{i+1} \times n_{i+1}(n_i+1)$
# matrix of the figure. The gradient with respect to $\mathbf{A}_i$ is returned in the layout
# $G_{jk} = \partial L/\partial (\mathbf{A}_i)_{jk}$: the shape of $\mathbf{A}_i$ (notebook 05).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
grads = backward(record, y, jacobians=True)
K = net.depth
for i in reversed(range(K)):
    layer = " · ".join(f"∂f_{j + 1}/∂f_{j} {grads.layer_jacobians[j].shape}"
                       for j in range(K - 1, i, -1))
    blue = grads.parameter_jacobians[i]
    print(f"∂L/∂θ_{i} = ∂L/∂f_{K} (1, {net.sizes[K]})" + (f" · {layer}" if layer else "")
          + f" · [∂f_{i + 1}/∂A_{i} {blue['A'].shape}, ∂f_{i + 1}/∂b_{i} {blue['b'].shape}]")
    print(f"          → ∂L/∂A_{i} {grads.dA[i].shape} (the shape of A_{i}),  ∂L/∂b_{i} {grads.db[i].shape}")
    assert grads.dA[i].shape == net.A[i].shape
    assert grads.layer_jacobians[i].shape == (net.sizes[i + 1], net.sizes[i])

# %% [markdown] slideshow={"slide_type": "fragment"}
# The backward pass never builds these Jacobians as matrices: it multiplies a **row** by the
# pieces of one factor at a time, first entry by entry by $\sigma'$, then by $\mathbf{A}_j$.
# Multiplying the slides' products out with the Jacobians gives the same numbers:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for i in range(K):
    assert np.allclose(chain_product(grads, i, "A"), grads.dA[i])
    assert np.allclose(chain_product(grads, i, "b"), grads.db[i])
print("chain products = backward pass, for A_0, b_0, A_1, b_1, A_2, b_2")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The blue factor, entry by entry
#
# Output $j$ of layer $i$ is $(\mathbf{f}_{i+1})_j = \sigma_{i+1}\big(\sum_k (\mathbf{A}_i)_{jk}(\mathbf{f}_i)_k + (\mathbf{b}_i)_j\big)$: it depends on row $j$
# of $\mathbf{A}_i$ only. So, with $\delta_{jl} = 1$ for $j = l$ and $0$ otherwise,
#
# $$\frac{\partial(\mathbf{f}_{i+1})_j}{\partial(\mathbf{A}_i)_{lk}} = \sigma_{i+1}'\big((\mathbf{z}_i)_j\big)\,\delta_{jl}\,(\mathbf{f}_i)_k,
# \qquad
# \frac{\partial\mathbf{f}_{i+1}}{\partial\mathbf{b}_i} = \operatorname{diag}\big(\sigma_{i+1}'(\mathbf{z}_i)\big).$$
#
# Only the entries with $l = j$ can be non-zero: a fraction $1/n_{i+1}$ of the $n_{i+1} \times n_{i+1} \times n_i$
# tensor. The library's factors are exactly these:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for i in range(K):
    slope = net.activations[i].derivative(record.z[i])                  # σ'_{i+1}(z_i)
    n_out = net.sizes[i + 1]
    blue_A = np.einsum("j,jl,k->jlk", slope, np.eye(n_out), record.f[i])  # σ'((z_i)_j) δ_jl (f_i)_k
    assert np.allclose(grads.parameter_jacobians[i]["A"], blue_A)
    assert np.allclose(grads.parameter_jacobians[i]["b"], np.diag(slope))
    off = ~np.eye(n_out, dtype=bool)                                     # the entries with l ≠ j
    assert np.all(grads.parameter_jacobians[i]["A"][off] == 0) and off.mean() == 1 - 1 / n_out
    print(f"∂f_{i + 1}/∂A_{i}: {blue_A.size} entries, {blue_A.size // n_out} of them may be "
          f"non-zero (a fraction 1/{n_out}); the others are 0")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The same products with SymPy
#
# One unit per layer, $K = 2$: $f_1 = \sigma(a_0 x + b_0)$, $f_2 = a_1 f_1 + b_1$, $L = (y - f_2)^2$. The
# slide's product for $\theta_0$ is
# $\frac{\partial L}{\partial f_2}\,{\color{#E69F00}{\frac{\partial f_2}{\partial f_1}}}\,{\color{#0072B2}{\frac{\partial f_1}{\partial a_0}}} = -2(y - f_2)\cdot a_1 \cdot \sigma'(a_0x + b_0)\,x$;
# SymPy differentiates $L$ directly and agrees:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
a0, b0, a1, b1, xs, ys, z = sp.symbols("a0 b0 a1 b1 x y z", real=True)
sigma = 1 / (1 + sp.exp(-z))                           # the sigmoid σ(z)
z0 = a0 * xs + b0
f1 = sigma.subs(z, z0)
f2 = a1 * f1 + b1
L_sym = (ys - f2) ** 2
sigma_prime = sp.diff(sigma, z).subs(z, z0)            # σ'(z0)
product = {a0: -2 * (ys - f2) * a1 * sigma_prime * xs,  # ∂L/∂f2 · ∂f2/∂f1 · ∂f1/∂a0
           b0: -2 * (ys - f2) * a1 * sigma_prime,
           a1: -2 * (ys - f2) * f1,                    # ∂L/∂f2 · ∂f2/∂a1
           b1: -2 * (ys - f2)}
for parameter, chain in product.items():
    assert sp.simplify(sp.diff(L_sym, parameter) - chain) == 0
    print(f"∂L/∂{parameter}: SymPy = chain-rule product ✓")
values = {a0: 0.7, b0: -0.2, a1: 1.5, b1: 0.1, xs: 0.8, ys: 0.3}
tiny = network_from_parameters([[[0.7]], [[1.5]]], [[-0.2], [0.1]], ["sigmoid", "identity"])
g = backward(forward(tiny, [0.8]), [0.3])
assert np.isclose(g.dA[0][0, 0], float(product[a0].subs(values)))
assert np.isclose(g.dA[1][0, 0], float(product[a1].subs(values)))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Checking the backward pass against numerical derivatives
#
# For each parameter $\mathbf{P}$ ($\mathbf{A}_0, \mathbf{b}_0, \dots$), `gradient_check` differentiates the loss with
# respect to $\mathbf{P}$ numerically (`lecture_utils.numerical_jacobian`: the complex step where it
# applies, as for tanh here; central differences otherwise, as for ReLU) and reports the error of
# the backward pass relative to the largest entry,
# $\max_k |\text{backward}_k - \text{numerical}_k| \,/\, \max_k |\text{numerical}_k|$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
errors = gradient_check(net, x, y)
for name, error in errors.items():
    print(f"{name}: shape {net.parameter(name).shape}, error relative to the largest entry {'< 1e-10' if error < 1e-10 else f'{error:.0e}'}")
assert max(errors.values()) < 1e-10

# %% [markdown] slideshow={"slide_type": "fragment"}
# The same for random networks with sigmoid and ReLU layers (ReLU has a kink at 0, where no
# derivative exists; with random inputs the pre-activations are almost surely away from it, and
# central differences with a small step see a smooth function there; for ReLU `gradient_check`
# uses central differences, since the complex step needs an analytic σ):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for sizes, activations in (([2, 5, 3, 1], ["sigmoid", "sigmoid", "identity"]),
                           ([4, 6, 6, 2], ["relu", "relu", "identity"]),
                           ([3, 3, 3, 3, 3], ["tanh", "relu", "sigmoid", "identity"])):
    random_net = make_network(sizes, activations, seed=rng)
    x_r, y_r = rng.normal(size=sizes[0]), rng.normal(size=sizes[-1])
    worst = max(gradient_check(random_net, x_r, y_r).values())
    print(f"sizes {sizes}, {'/'.join(activations)}: error relative to the largest entry {'< 1e-6' if worst < 1e-6 else worst}")
    assert worst < 1e-6

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Why from the loss backwards?
#
# A product of matrices can be multiplied out in any order; the result is the same, the cost is
# not. A $p \times q$ times a $q \times r$ matrix costs $p\,q\,r$ multiply-adds.
#
# - **From the loss (backward):** the leftmost factor $\partial L/\partial\mathbf{f}_K$ is a $1 \times n_K$ **row**,
#   because the loss is a scalar. Every step is a row times a matrix: $n_{j+1} n_j$ multiply-adds. And
#   the products for $\boldsymbol\theta_i$ and $\boldsymbol\theta_{i-1}$ share their left part: each orange factor is used once.
#   This is **backpropagation**.
# - **From the parameters (forward mode):** start at $\partial\mathbf{f}_{i+1}/\partial\boldsymbol\theta_i$, an $n_{i+1} \times p_i$ matrix
#   ($p_i = n_{i+1}(n_i + 1)$ parameters), and multiply matrices by matrices: $n_{j+1} n_j p_i$ per layer,
#   separately for every $i$.
#
# On the small network the two orders give the same gradient; `evaluate_chain` counts the work:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
i = 0
blue = np.concatenate([grads.parameter_jacobians[i]["A"].reshape(net.sizes[i + 1], -1),
                       grads.parameter_jacobians[i]["b"]], axis=1)          # θ_0 as one vector
factors = [grads.df[-1][None, :], grads.layer_jacobians[2], grads.layer_jacobians[1], blue]
print("shapes:", " · ".join(f"{f.shape[0]}×{f.shape[1]}" for f in factors))
from_loss, cost_backward = evaluate_chain(factors, "backward")
from_parameters, cost_forward = evaluate_chain(factors, "forward")
print(f"from the loss: {cost_backward} multiply-adds;  from the parameters: {cost_forward}")
assert np.allclose(from_loss, from_parameters)
assert np.allclose(from_loss[0, :12].reshape(4, 3), grads.dA[0])
assert cost_backward == 1*2*4 + 1*4*4 + 1*4*16 and cost_forward == 4*4*16 + 2*4*16 + 1*2*16

# %% [markdown] slideshow={"slide_type": "subslide"}
# For all parameters of deep, wide networks ($K$ layers of width $n$), `chain_costs` adds up the
# products. For large $n$ forward mode costs about $K(K-1)n^4/2$ multiply-adds, backpropagation about
# $K n^3$, so the ratio is about $(K-1)n/2$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
print(f"{'depth K':>7} {'width n':>7} {'forward mode':>14} {'backward':>14} {'forward/backward':>17}")
for depth in (2, 5, 10, 20):
    for width in (10, 100, 1000):
        cost = chain_costs([width] * (depth + 1))
        print(f"{depth:>7} {width:>7} {cost.forward:>14.2e} {cost.backward:>14.2e} {cost.ratio:>17,.0f}")
        assert cost.backward < cost.forward      # cheaper for every K ≥ 2 in the table (equal for K = 1)
        if width >= 100:                          # the leading terms, within 5 %
            assert np.isclose(cost.forward, depth * (depth - 1) / 2 * width**4, rtol=0.05)
            assert np.isclose(cost.backward, depth * width**3, rtol=0.05)
            assert np.isclose(cost.ratio, (depth - 1) * width / 2, rtol=0.05)
        if depth >= 5 and width >= 100:
            assert cost.ratio > 100                              # ≪ for deep, wide networks
assert chain_costs([1000] * 21).ratio > 5000
assert chain_costs([50, 50]).backward == chain_costs([50, 50]).forward   # K = 1: the same work

# %% [markdown] slideshow={"slide_type": "fragment"}
# The rule behind it: for a **scalar** loss the chain starts with a row, and row-times-matrix is
# cheap. (For a function with few inputs and many outputs the opposite order would win.) The
# backward pass of `lecture_utils` is cheaper still: it never builds the Jacobians, since
# $\operatorname{diag}(\sigma_{i+1}')$ is a diagonal matrix and the blue factor is mostly zeros (a fraction $1/n_{i+1}$
# of it can be non-zero) —
# $\partial L/\partial\mathbf{A}_i = \mathbf{g}_i^\top\mathbf{f}_i^\top$ with the row $\mathbf{g}_i = \frac{\partial L}{\partial\mathbf{f}_{i+1}}\operatorname{diag}(\sigma_{i+1}'(\mathbf{z}_i)) = \partial L/\partial\mathbf{z}_i$,
# an outer product in the layout $G_{jk}$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Automatic differentiation from scratch (MML §5.6)
#
# Backpropagation is one case of **automatic differentiation**. A program that computes $f$ from elementary
# operations ($+, -, \cdot, /$, integer powers, exp, log, sin, cos, tanh, √) is a **computation graph**, and
# the chain rule can be applied to it one operation at a time. MML's example (eq. 5.109, Example 5.14)
#
# $$f(x) = \sqrt{x^2 + \exp(x^2)} + \cos\big(x^2 + \exp(x^2)\big)$$
#
# is computed through $a = x^2$, $b = \exp(a)$, $c = a + b$, $d = \sqrt{c}$, $e = \cos(c)$, $f = d + e$.
#
# **Reverse mode**, the class `Value` of `lecture_utils` (source below): every operation makes a node that
# remembers its inputs (`parents`) and its **local derivatives** ∂node/∂input (`local`). `backward()` gives
# the output the adjoint 1 and visits the nodes from the output back to the inputs (reverse topological
# order), adding `parent.grad += node.grad * local`:
# $\;\frac{\partial f}{\partial x_i} = \sum_{j:\, x_i \text{ is an input of } x_j} \frac{\partial f}{\partial x_j}\frac{\partial x_j}{\partial x_i}$.

# %% slideshow={"slide_type": "skip"}
Code(inspect.getsource(Value), language="python")      # lecture_utils/maths/autodiff.py

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The graph of MML's example, with values and adjoints
#
# Built node by node as in the book, at $x = 0.7$; then one backward pass:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
x = Value(0.7, label="x")
a = (x ** 2).named("a")
b = a.exp().named("b")
c = (a + b).named("c")
d, e = c.sqrt().named("d"), c.cos().named("e")
f = (d + e).named("f")
f.backward()                               # every node's adjoint ∂f/∂node
draw_computation_graph(f).ax.figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure:* MML's computation graph drawn left to right as seven boxes: the input x (blue, dashed), then
# a = x², b = exp(a), c = a + b, then d = sqrt(c) above and e = cos(c) below, and the output f = d + e (grey,
# dotted). Each box shows its value and its adjoint: x = 0.7, a = 0.49, b = 1.63, c = 2.12, d = 1.46, e = −0.524,
# f = 0.933; ∂f/∂d = ∂f/∂e = 1, ∂f/∂c = ∂f/∂b = −0.509, ∂f/∂a = −1.34, ∂f/∂x = −1.87. The arrows carry the
# local derivatives (blue numbers): 2x = 1.4 from x to a, exp(a) = 1.63 from a to b, 1 from a to c (an arc
# over b) and from b to c, 1/(2√c) = 0.343 to d, −sin c = −0.852 to e, and 1 from d and from e to f. An
# adjoint is the sum, over the arrows leaving a box, of the local derivative times the adjoint at the
# arrow's end: ∂f/∂a = 1.63 · (−0.509) + 1 · (−0.509) = −1.34.

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
xs = sp.Symbol("x", real=True)
f_sym = sp.sqrt(xs**2 + sp.exp(xs**2)) + sp.cos(xs**2 + sp.exp(xs**2))
exact = float(sp.diff(f_sym, xs).subs(xs, 0.7))
central = (f_sym.subs(xs, 0.7 + 1e-6) - f_sym.subs(xs, 0.7 - 1e-6)) / 2e-6
u = Dual(0.7, 1.0)                                # forward mode: x = 0.7 with dx/dx = 1
c_dual = u ** 2 + (u ** 2).exp()
forward_mode = c_dual.sqrt() + c_dual.cos()
print(f"∂f/∂x at 0.7: reverse mode {x.grad:.12f}, forward mode {forward_mode.dot:.12f}, SymPy {exact:.12f}")
assert np.isclose(x.grad, exact, rtol=1e-13) and np.isclose(forward_mode.dot, exact, rtol=1e-13)
assert np.isclose(float(central), exact, rtol=1e-8)
nodes = {"x": x, "a": a, "b": b, "c": c, "d": d, "e": e, "f": f}
caption = {"x": (0.7, -1.87), "a": (0.49, -1.34), "b": (1.63, -0.509), "c": (2.12, -0.509),
           "d": (1.46, 1.0), "e": (-0.524, 1.0), "f": (0.933, 1.0)}
assert all(float(f"{nodes[k].data:.3g}") == v and float(f"{nodes[k].grad:.3g}") == g for k, (v, g) in caption.items())
assert [round(l, 3) for l in (a.local[0], b.local[0], d.local[0], e.local[0])] == [1.4, 1.632, 0.343, -0.852]
for x0 in (-1.3, 0.2, 1.1):                       # and at other points, both modes
    mml = lambda v: (v[0] ** 2 + (v[0] ** 2).exp()).sqrt() + (v[0] ** 2 + (v[0] ** 2).exp()).cos()
    want = float(sp.diff(f_sym, xs).subs(xs, x0))
    assert np.isclose(reverse_mode_gradient(mml, [x0]).gradient[0], want, rtol=1e-12)
    assert np.isclose(forward_mode_gradient(mml, [x0]).gradient[0], want, rtol=1e-12)


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Forward mode versus reverse mode, measured
#
# **Forward mode** carries derivatives forwards instead: a **dual number** $a + \dot a\,\varepsilon$ with $\varepsilon^2 = 0$
# (class `Dual`) holds a value and its derivative along one input, and every operation updates both,
# e.g. $(a + \dot a\varepsilon)(b + \dot b\varepsilon) = ab + (\dot a b + a\dot b)\varepsilon$. One pass gives the derivatives with
# respect to **one input**; reverse mode's one backward pass gives them with respect to **all inputs**, for one
# output. For $f:\mathbb{R}^n \to \mathbb{R}$ — a loss of $n$ parameters — forward mode needs $n$ passes, reverse mode one.
# Measured on $f(\mathbf{v}) = e^{v_1} + \sum_{i=1}^{n-1} \sin(v_i)\,v_{i+1}$ with $n = 100$ (both classes count by the
# same rule: one per elementary operation evaluated, plus one multiply-add per **edge** of the graph — an input of an
# operation — that carries a derivative: the adjoint update $\bar a \mathrel{+}= \bar v\,\partial v/\partial a$ in reverse mode, the
# tangent update, e.g. $\dot a b$ and $a\dot b$ for a product, in forward mode):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
def many_inputs(v):                        # f: ℝⁿ → ℝ with n = len(v)
    total = v[0].exp()
    for i in range(len(v) - 1):
        total = total + v[i].sin() * v[i + 1]
    return total
n = 100
point = np.linspace(-1, 1, n)
forward_run, reverse_run = forward_mode_gradient(many_inputs, point), reverse_mode_gradient(many_inputs, point)
m, edges = reverse_run.operations, reverse_run.adjoint_updates   # one evaluation of f: operations, edges
exact = np.cos(point) * np.append(point[1:], 0) + np.append(0, np.sin(point[:-1])) + np.append(np.exp(point[0]), np.zeros(n - 1))
assert np.allclose(forward_run.gradient, exact, rtol=1e-13) and np.allclose(reverse_run.gradient, exact, rtol=1e-13)
assert m == 1 + 3 * (n - 1) == 298 and edges == 1 + 5 * (n - 1) == 496 and reverse_run.passes == 1
assert forward_run.passes == n and forward_run.operations == n * m and forward_run.tangent_updates == n * edges
assert forward_run.cost == n * reverse_run.cost == 79_400 and reverse_run.cost == 794
assert round(reverse_run.cost / m, 1) == 2.7                    # the reverse run ≈ 2.7 evaluations of f
seconds = {mode: min(timeit.repeat(lambda: run(many_inputs, point), number=1, repeat=3))
           for mode, run in (("forward", forward_mode_gradient), ("reverse", reverse_mode_gradient))}
assert seconds["forward"] > 10 * seconds["reverse"]
print(f"one evaluation of f: {m} elementary operations, {edges} edges")
print(f"forward mode: {forward_run.passes} passes × ({m} operations + {edges} tangent updates) = {forward_run.cost:,}")
print(f"reverse mode: {reverse_run.passes} pass, {m} operations + {edges} adjoint updates = {reverse_run.cost:,}")
ratios = {n: forward_run.cost / reverse_run.cost}
for size in (50, 200):                     # the counted ratio for other n
    at = np.linspace(-1, 1, size)
    forward_cost, reverse_cost = forward_mode_gradient(many_inputs, at).cost, reverse_mode_gradient(many_inputs, at).cost
    assert forward_cost == size * reverse_cost
    assert round(reverse_cost / (1 + 3 * (size - 1)), 1) == 2.7   # ≈ 2.7 evaluations of f for this n too
    ratios[size] = forward_cost / reverse_cost
ratios = dict(sorted(ratios.items()))
assert list(ratios.values()) == [50, 100, 200]   # the ratio is n: it grows with n
print("counted work forward/reverse: " + ", ".join(f"n = {k}: {v:.0f}" for k, v in ratios.items())
      + "; measured time at n = 100: forward mode more than 10 times slower")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Counted by the same rule, each forward pass costs as much as the whole reverse run: 298 operations plus
# one tangent update per edge (496), 794 — about 2.7 evaluations of $f$. Forward mode makes $n$ passes (79,400
# for $n = 100$), so the ratio is exactly $n$ and grows with it (50, 100, 200 above), while reverse mode stays at
# about 2.7 evaluations of $f$, whatever $n$ — the reason networks are trained with reverse mode (backpropagation).
# Reverse mode pays with memory: it keeps the whole graph until the backward pass.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Training a small network
#
# Gradient descent $\boldsymbol\theta \leftarrow \boldsymbol\theta - \eta\,(\partial L/\partial\boldsymbol\theta)^\top$ (MML §7.1: in numerator layout the
# gradient of the scalar $L$ is a row, the parameters are a column; for $\mathbf{A}_i$ the gradient in the
# layout $G_{jk}$ already has the shape of $\mathbf{A}_i$) with the backward pass, on a toy 1-D
# regression problem: 40 noisy samples of $2e^{-x^2} - 0.5$ on $[-3, 3]$, a network with layer sizes
# $1 \to 16 \to 16 \to 1$ (tanh, tanh, identity), the loss averaged over the 40 samples:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
data_rng = np.random.default_rng(0)
x_data = np.sort(data_rng.uniform(-3, 3, 40))
truth = lambda t: 2 * np.exp(-t ** 2) - 0.5
y_data = truth(x_data) + 0.05 * data_rng.normal(size=40)
start = make_network([1, 16, 16, 1], "tanh", output_activation="identity", seed=1)
run = train(start, x_data[None, :], y_data[None, :], learning_rate=0.05, steps=1500)
print(f"loss: {run.losses[0]:.3f} before, {run.losses[-1]:.4f} after {run.losses.size - 1} steps "
      f"(status {run.status!r}: all steps run, the loss stayed finite)")
assert run.status == "completed" and run.losses.size == 1501
assert abs(run.losses[0] - 0.5) < 0.05 and run.losses[-1] < 0.005    # about 0.5 → below 0.005
assert abs(run.losses[-1] - 0.05 ** 2) < 0.2 * 0.05 ** 2            # within 20 % of the noise level 0.05²
grid = np.linspace(-3, 3, 200)
training_figure(run, x_data, y_data, grid, start=predict(start, grid[None, :])[0], truth=truth(grid))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: left, the loss against the gradient-descent step on a log axis: it falls from about
# 0.5 to below 0.005 in 1500 steps, fast at first, then slowly. Right, the 40 noisy data points
# (black dots), the true curve $2e^{-x^2} - 0.5$ (grey dotted), the network before training (vermillion-orange
# dashed, a gently rising S-shaped curve) and after training (blue solid), which follows the bump of the
# data.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Vanishing gradients
#
# Each orange factor is $\partial\mathbf{f}_{j+1}/\partial\mathbf{f}_j = \operatorname{diag}(\sigma_{j+1}'(\mathbf{z}_j))\,\mathbf{A}_j$. The gradient of an early
# layer is a product of **many** of them. The sigmoid's derivative is at most $1/4$, so, with
# weights that keep the size of their input, every sigmoid layer shrinks the gradient by a factor
# of about 4 or more: after 10 layers it is many orders of magnitude smaller, and the first layers
# hardly learn. tanh ($\sigma' \le 1$) and ReLU ($\sigma' \in \{0, 1\}$ away from 0, where $\sigma'$ does not
# exist) lose much less — if the weight scale fits.
#
# In the explorer, choose the **activation**, the **depth** $K$ and the **weight scale** of the
# initialisation ($\mathbf{A}_i$ with entries from $N(0, s^2/n)$). The bars are $\|\partial L/\partial\mathbf{A}_i\|$ per layer on a
# log axis (layer 0 next to the input); the dotted line is the last layer's norm. On the right,
# $\sigma$ and $\sigma'$. Try: sigmoid at depth 5, 10, 20; tanh and ReLU at depth 20; ReLU with weight
# scale 1 and with $\sqrt 2 \approx 1.4$; tanh with a large scale.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you move a slider: with the sigmoid, going from depth 10 to depth 20,
# does the first layer's gradient norm shrink by a few per cent, or by orders of magnitude? And tanh
# at depth 20? Write your guesses, then set **depth** and **activation**.

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
explorer = gradient_flow_explorer("sigmoid", depth=10)
assert 1e-6 < explorer.norms[0] < 4e-6 and 2 < explorer.norms[-1] < 5    # the caption's numbers
explorer

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the explorer's first state: sigmoid, depth $K = 10$, weight scale 1. Left, the gradient
# norm $\|\partial L/\partial\mathbf{A}_i\|$ of each layer as a bar with a dot on top, on a log axis from $10^{-20}$ to
# $10^{10}$; the bars fall steadily from the last layer (about 3) to the first (about $2 \cdot 10^{-6}$), and a
# dotted line marks the last layer's norm. Right, the sigmoid $\sigma(z)$ (blue solid) and its derivative
# $\sigma'(z)$ (vermillion-orange dashed) for $z$ from $-5$ to $5$, with a grey dotted line at $1/4$, the largest value of $\sigma'$.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same as a static figure, for reading without a kernel: three activations (rows) at depths
# 5, 10 and 20 (columns), width 8, weight scale 1:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
flow = GradientFlow(width=8, max_depth=20, seed=0)           # the draws of the figure
assert flow.x.shape == (8, 16)                                    # a batch of 16 inputs
N = {(a, K): flow.norms(a, K) for a in ("sigmoid", "tanh", "relu") for K in (5, 10, 20)}
ratio = {key: n[0] / n[-1] for key, n in N.items()}                # first / last layer
assert 3e-4 < ratio["sigmoid", 5] < 3e-3 and 1e-7 < ratio["sigmoid", 10] < 1e-6
assert 3e-14 < ratio["sigmoid", 20] < 3e-13
for K in (5, 10, 20):
    assert 0.5 <= ratio["tanh", K] <= 1.2 and N["tanh", K].min() > 0.3 * N["tanh", K].max()
    assert N["relu", K].min() > N["relu", K].max() / 20            # level within a factor 20
last = [N["relu", K][-1] for K in (5, 10, 20)]                    # about 1, 1e-2, 3e-6
assert 0.5 < last[0] < 2 and 3e-3 < last[1] < 3e-2 and 1e-6 < last[2] < 1e-5
deep = forward(flow.network("relu", 20), flow.x)                   # ReLU, K = 20, scale 1:
norm = np.linalg.norm
assert norm(deep.f[-1]) < 1e-4 * norm(deep.f[0])                   # f shrinks forwards,
rows = backward(deep, flow.y).df
assert norm(rows[0]) < 1e-4 * norm(rows[-1])                       # g shrinks backwards
gradient_flow_small_multiples(("sigmoid", "tanh", "relu"), (5, 10, 20))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: a 3×3 grid of bar charts of the gradient norm per layer, all on the same log axis from
# $10^{-20}$ to $10^{10}$. Top row, sigmoid: the bars fall steadily from the last layer towards the
# first; the first layer's gradient is about $10^{-3}$ of the last one's at depth 5, $10^{-6}$ to
# $10^{-7}$ at depth 10 and about $10^{-13}$ at depth 20. Middle row, tanh: in every network the bars
# stay within a factor of about 3 of each other, the first about as high as the last. Bottom row,
# ReLU with weight scale 1: within each network the bars stay within a factor of 20 of each other,
# with no steady fall towards the first layer, but the whole level drops with the depth (the last
# layer's norm is about 1 at depth 5, $10^{-2}$ at depth 10, $3 \cdot 10^{-6}$ at depth 20). The figure averages
# the loss over 16 inputs; for each input its contribution to $\partial L/\partial\mathbf{A}_i$ is the outer product
# $\mathbf{g}_i^\top\mathbf{f}_i^\top$, with norm $\|\mathbf{g}_i\|\,\|\mathbf{f}_i\|$, and with this scale a ReLU layer shrinks, on average,
# both the signal $\mathbf{f}$ on the way forward and the row $\mathbf{g}$ on the way back: in layer $i$ the two
# shrinkings balance ($\mathbf{f}_i$ has passed $i$ layers, $\mathbf{g}_i$ the other $K - 1 - i$), and their product
# shrinks with the total depth $K$.*

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
for name in ("sigmoid", "tanh", "relu"):
    norms = flow.norms(name, depth=10, weight_scale=1.0 if name != "relu" else np.sqrt(2))
    print(f"{name:>8}, K = 10: first layer / last layer = {norms[0] / norms[-1]:.1e}")
sigmoid_norms = flow.norms("sigmoid", depth=10)
assert sigmoid_norms[0] < 1e-5 * sigmoid_norms[-1]             # vanished: > 5 orders of magnitude
tanh_norms, relu_norms = flow.norms("tanh", 10), flow.norms("relu", 10, weight_scale=np.sqrt(2))
assert 0.1 < tanh_norms[0] / tanh_norms[-1] < 10 and 0.1 < relu_norms[0] / relu_norms[-1] < 10

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# The exercises use a small network with sizes $2 \to 3 \to 1$ (tanh, then identity), the input
# $\mathbf{x} = (0.5, -1)^\top$ and the target $y = 0.2$. `record` holds $\mathbf{f}_0, \mathbf{f}_1, \mathbf{f}_2$ (`record.f`) and
# $\mathbf{z}_0, \mathbf{z}_1$ (`record.z`); `TANH.derivative(z)` is $\sigma'(z) = 1 - \tanh^2 z$. Compute with NumPy.
#
# **1.** The last layer is linear: $\mathbf{f}_2 = \mathbf{A}_1\mathbf{f}_1 + \mathbf{b}_1$. Give $\partial L/\partial\mathbf{A}_1$ in the layout
# $G_{jk} = \partial L/\partial(\mathbf{A}_1)_{jk}$ (a 2-d array of shape $1 \times 3$).

# %% slideshow={"slide_type": "-"}
ex_net = make_network([2, 3, 1], ["tanh", "identity"], seed=5)
ex_x, ex_y = np.array([0.5, -1.0]), np.array([0.2])
record = forward(ex_net, ex_x)
answer_1 = None  # ∂L/∂A_1, e.g. built from ex_y, record.f[2] and record.f[1]
check_backprop(answer_1, ex_net, ex_x, ex_y, what="A", layer=1)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("backprop-last-layer")` gives a nudge, `hint("backprop-last-layer", 2)` the method;
# once you have run the checker on an answer of your own, `solution("backprop-last-layer")` shows a
# worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** A classmate wrote the Jacobian $\partial\mathbf{f}_1/\partial\mathbf{f}_0$ of the first layer as below. Run the
# checker: what is missing? Fix it.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = ex_net.A[0]          # ∂f_1/∂f_0 ?
check_backprop(answer_2, ex_net, ex_x, ex_y, what="f", layer=0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("backprop-layer-jacobian")` gives a nudge, `hint("backprop-layer-jacobian", 2)` the
# method; once you have run the checker on an answer of your own,
# `solution("backprop-layer-jacobian")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** Another classmate computed $\partial L/\partial\mathbf{A}_0$ with the backward pass below. Run the checker and
# fix the last line.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
delta_2 = -2 * (ex_y - record.f[2])                    # ∂L/∂f_2 (as a flat array)
delta_1 = ex_net.A[1].T @ delta_2                      # ∂L/∂f_1
g_0 = delta_1 * TANH.derivative(record.z[0])           # ∂L/∂z_0
answer_3 = np.outer(record.f[0], g_0)                  # ∂L/∂A_0 ?
check_backprop(answer_3, ex_net, ex_x, ex_y, what="A", layer=0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("backprop-first-layer")` gives a nudge, `hint("backprop-first-layer", 2)` the method;
# once you have run the checker on an answer of your own, `solution("backprop-first-layer")` shows a
# worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The forward pass $\mathbf{f}_0 = \mathbf{x}$, $\mathbf{f}_i = \sigma_i(\mathbf{A}_{i-1}\mathbf{f}_{i-1} + \mathbf{b}_{i-1})$ keeps every $\mathbf{f}_i$ and
#   $\mathbf{z}_i$; the loss is $L = \|\mathbf{y} - \mathbf{f}_K\|^2$, so $\partial L/\partial\mathbf{f}_K = -2(\mathbf{y} - \mathbf{f}_K)^\top$ (a row).
# - $\partial L/\partial\boldsymbol\theta_i = \frac{\partial L}{\partial \mathbf{f}_K}\,{\color{#E69F00}{\frac{\partial \mathbf{f}_K}{\partial \mathbf{f}_{K-1}} \cdots \frac{\partial \mathbf{f}_{i+2}}{\partial \mathbf{f}_{i+1}}}}\,{\color{#0072B2}{\frac{\partial \mathbf{f}_{i+1}}{\partial \boldsymbol\theta_{i}}}}$:
#   orange factors $\operatorname{diag}(\sigma_{j+1}'(\mathbf{z}_j))\mathbf{A}_j$ (output w.r.t. input), blue factors (output w.r.t.
#   parameters); $\partial L/\partial\mathbf{A}_i$ has the shape of $\mathbf{A}_i$.
# - Backpropagation evaluates the products **from the loss**: row times matrix, the common left part
#   shared — for deep, wide networks orders of magnitude fewer multiply-adds than from the parameters.
# - A backward pass is checked against numerical derivatives (complex step or central differences);
#   gradient descent with it trains a network.
# - With weights of moderate size ($\|\mathbf{A}_j\| \le c < 4$, so that each factor has norm at most $c/4 < 1$),
#   many factors with $\sigma' \le 1/4$ make the gradients of early layers **vanish** (sigmoid);
#   tanh, ReLU and a suitable weight scale keep them alive.
#
# **Next:** [07 — The Hessian and the multivariate Taylor series](07_hessian_and_multivariate_taylor.ipynb) · **Back:** [05 — Gradient identities](05_gradient_identities.ipynb)
