r"""A real-valued time-delay neural network (RVTDNN) amplifier model, numpy and scipy only.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from .._validation import (
    check_complex_signal,
    check_integer,
    check_same_length,
)

__all__ = [
    "TDNNModel",
    "fit_rvtdnn",
]


def _tapped_inputs(x: np.ndarray, memory_depth: int) -> np.ndarray:
    """Rows [Re x[n-m], Im x[n-m]] for m = 0..M; samples before the record are zero."""
    columns = []
    for m in range(memory_depth + 1):
        delayed = np.zeros_like(x)
        delayed[m:] = x[: x.size - m] if m else x
        columns += [delayed.real, delayed.imag]
    return np.stack(columns, axis=1)


def _shapes(n_inputs: int, hidden: int):
    return ((n_inputs, hidden), (hidden,), (hidden, 2), (2,))


def _unpack(theta: np.ndarray, n_inputs: int, hidden: int):
    parts, start = [], 0
    for shape in _shapes(n_inputs, hidden):
        size = int(np.prod(shape))
        parts.append(theta[start:start + size].reshape(shape))
        start += size
    return parts


def _loss_and_gradient(theta, inputs, target, hidden):
    """Mean squared error of the network over the samples and its gradient (back-propagation)."""
    n_samples = inputs.shape[0]
    w1, b1, w2, b2 = _unpack(theta, inputs.shape[1], hidden)
    h = np.tanh(inputs @ w1 + b1)
    error = h @ w2 + b2 - target
    loss = float(np.sum(error**2)) / n_samples
    d_out = 2.0 * error / n_samples
    d_pre = (d_out @ w2.T) * (1.0 - h**2)
    gradient = np.concatenate([(inputs.T @ d_pre).ravel(), d_pre.sum(axis=0), (h.T @ d_out).ravel(), d_out.sum(axis=0)])
    return loss, gradient


@dataclass(frozen=True)
class TDNNModel:
    """A fitted RVTDNN (from :func:`fit_rvtdnn`); call it on a complex signal."""

    memory_depth: int
    hidden: int
    weights: np.ndarray = field(repr=False)
    output_scale: float = 1.0
    training_nmse_db: float = float("nan")

    def __call__(self, x) -> np.ndarray:
        x = check_complex_signal(x, "x")
        w1, b1, w2, b2 = _unpack(self.weights, 2 * (self.memory_depth + 1), self.hidden)
        out = np.tanh(_tapped_inputs(x, self.memory_depth) @ w1 + b1) @ w2 + b2
        return self.output_scale * (out[:, 0] + 1j * out[:, 1])

    @property
    def n_parameters(self) -> int:
        """Real weights and biases."""
        return int(self.weights.size)

    @property
    def multiplies_per_sample(self) -> int:
        """Real multiplies per output sample: every weight once, plus the output scaling (2)."""
        n_inputs = 2 * (self.memory_depth + 1)
        return n_inputs * self.hidden + 2 * self.hidden + 2


def fit_rvtdnn(x, y, memory_depth: int = 4, hidden: int = 16, seed: int = 0, max_iterations: int = 1000,
               progress_every: int = 0):
    r"""Train a real-valued time-delay neural network amplifier model (Liu, Boumaiza & Ghannouchi 2004).

    The network sees the in-phase and quadrature parts of the present and :math:`M` past input
    samples, :math:`\mathbf u[n] = (I[n], Q[n], \dots, I[n-M], Q[n-M])`, one hidden layer of
    :math:`H` tanh neurons and a linear output pair (:math:`\hat I`, :math:`\hat Q`):

    .. math::

        \hat y[n] = s\,\left(\mathbf w_I \cdot \mathbf h + c_I
                    + j\,(\mathbf w_Q \cdot \mathbf h + c_Q)\right),\qquad
        \mathbf h = \tanh(W\mathbf u[n] + \mathbf b).

    Working on real I/Q pairs lets one network learn amplitude and phase distortion and memory.
    The target is divided by its RMS, :math:`s`; the weights start from a seeded Glorot-uniform draw
    and minimise the mean squared error by L-BFGS-B (:func:`scipy.optimize.minimize`) with the
    gradient by back-propagation. Per sample the network costs :math:`2(M+1)H + 2H` multiplies for
    its weights, :math:`H` tanh evaluations, and 2 for the output scale.

    Parameters
    ----------
    x, y : array_like of complex, 1-D
        Amplifier input and output, time-aligned, equal length.
    memory_depth : int
        Past samples :math:`M` fed to the network, >= 0.
    hidden : int
        Hidden neurons :math:`H`, >= 1.
    seed : int
        Seed of the initial weights, >= 0.
    max_iterations : int
        L-BFGS-B iterations, >= 1.
    progress_every : int
        If > 0, print the training NMSE every this many iterations (a long fit shows progress).

    Returns
    -------
    TDNNModel
        Callable on a signal; ``n_parameters``, ``multiplies_per_sample`` and the training NMSE.

    Raises
    ------
    TypeError, ValueError
        For bad signals or counts, naming the argument.

    References
    ----------
    .. [1] T. Liu, S. Boumaiza and F. M. Ghannouchi, "Dynamic behavioral modeling of 3G power
       amplifiers using real-valued time-delay neural networks", IEEE Trans. Microw. Theory
       Techn. 52(3), 1025-1033 (2004).

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal, rapp, nmse_db
    >>> x = 0.3 * ofdm_signal(n_symbols=4, n_subcarriers=64, seed=3).samples
    >>> y = rapp(x) + 0.1 * np.roll(x, 1)
    >>> model = fit_rvtdnn(x, y, memory_depth=1, hidden=6, max_iterations=300)
    >>> model.n_parameters, model.multiplies_per_sample, bool(nmse_db(y, model(x)) < -35)
    (44, 38, True)
    """
    x = check_complex_signal(x, "x")
    y = check_complex_signal(y, "y")
    check_same_length(x=x, y=y)
    memory_depth = check_integer(memory_depth, "memory_depth", minimum=0)
    hidden = check_integer(hidden, "hidden", minimum=1)
    seed = check_integer(seed, "seed", minimum=0)
    max_iterations = check_integer(max_iterations, "max_iterations", minimum=1)
    progress_every = check_integer(progress_every, "progress_every", minimum=0)
    scale = float(np.sqrt(np.mean(np.abs(y) ** 2)))
    if scale == 0:
        raise ValueError("y must not be identically zero")
    inputs = _tapped_inputs(x, memory_depth)
    target = np.stack([y.real, y.imag], axis=1) / scale
    n_inputs, n_samples = inputs.shape[1], inputs.shape[0]
    rng = np.random.default_rng(seed)
    initial = []
    for shape in _shapes(n_inputs, hidden):
        if len(shape) == 2:
            limit = np.sqrt(6.0 / (shape[0] + shape[1]))
            initial.append(rng.uniform(-limit, limit, size=shape).ravel())
        else:
            initial.append(np.zeros(shape))
    theta0 = np.concatenate(initial)

    def loss_and_gradient(theta):
        return _loss_and_gradient(theta, inputs, target, hidden)

    power = float(np.sum(target**2)) / n_samples
    iteration = [0]

    def report(theta):
        iteration[0] += 1
        if progress_every and iteration[0] % progress_every == 0:
            print(f"iteration {iteration[0]}: training NMSE {10 * np.log10(loss_and_gradient(theta)[0] / power):.1f} dB")

    result = minimize(loss_and_gradient, theta0, jac=True, method="L-BFGS-B", callback=report,
                      options={"maxiter": max_iterations, "maxfun": 2 * max_iterations, "gtol": 1e-12, "ftol": 1e-15})
    training_nmse = 10 * np.log10(result.fun / power)
    return TDNNModel(memory_depth, hidden, result.x, scale, float(training_nmse))
