"""Figures and widget panels for the scaling-laws chapter (physics in :mod:`physics_lib.scaling.laws`)."""

from __future__ import annotations

import functools

import matplotlib
import numpy as np

from ..scaling import laws
from .panel import PALETTE, Panel, choice, figure, slider

__all__ = ["compute_optimal_panel", "isoflop_panel", "loss_valley_panel", "inference_panel", "CONFIGURATION_LABELS"]

CONFIGURATION_LABELS = {
    "kaplan_reproduction": "1 Kaplan reproduction",
    "last_layer_flops": "2 + last-layer FLOPs",
    "warmup_corrected": "3 + short warmup",
    "cosine_decay": "4 + matched cosine decay",
    "fully_corrected": "5 tuned AdamW, no decay",
}

# Budgets the sliders offer: half-decades, and 5.76e23 FLOP (Gopher's and Chinchilla's budget)
LOG10_BUDGETS = sorted([*np.arange(18.0, 27.01, 0.5).round(2).tolist(), 23.76])

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

_SETS = (
    ("Hoffmann (rounded)", laws.CHINCHILLA, PALETTE[0], "-"),
    ("Besiroglu refit", laws.BESIROGLU_2024, PALETTE[1], "--"),
)


def _sci(value: float) -> str:
    """1.23×10²³ in Unicode (no mathtext)."""
    exponent = int(np.floor(np.log10(value)))
    mantissa = value / 10**exponent
    return f"{mantissa:.2f}×10" + str(exponent).translate(_SUPERSCRIPT)


def compute_optimal_panel(log10_compute: float = 23.76) -> Panel:
    """Compute budget -> compute-optimal N, D and predicted loss, for two Chinchilla constant sets.

    Control: ``log10_compute``, the training budget C as log₁₀(FLOP), 18 to 27.  Left: optimal
    parameters (thick) and tokens (thin) against C for Hoffmann et al.'s rounded constants and
    Besiroglu et al.'s refit, with Kaplan et al.'s N_opt for comparison; right: the loss each set
    predicts at its own optimum.  Markers and the readout follow the budget.
    """
    budgets = np.logspace(18, 27, 91)
    fig, (ax_nd, ax_loss) = figure(7.6, 3.8, ncols=2, gridspec_kw={"width_ratios": [1.35, 1]})
    markers = []
    for label, constants, colour, style in _SETS:
        n, d = laws.compute_optimal(budgets, **constants)
        ax_nd.loglog(budgets, n, style, color=colour, label=f"N, {label}")
        ax_nd.loglog(budgets, d, style, color=colour, linewidth=1.0, label=f"D, {label}")
        ax_loss.semilogx(budgets, laws.chinchilla_loss(n, d, **constants), style, color=colour, label=label)
        markers.append(
            (
                ax_nd.plot([], [], "o", color=colour, markersize=6)[0],
                ax_nd.plot([], [], "s", color=colour, markersize=5)[0],
                ax_loss.plot([], [], "o", color=colour, markersize=6)[0],
            )
        )
    ax_nd.loglog(budgets, laws.kaplan_optimal_params(budgets), ":", color="0.35", label="N, Kaplan 2020")
    cursor_nd = ax_nd.axvline(1e23, color="0.5", linewidth=1)
    cursor_loss = ax_loss.axvline(1e23, color="0.5", linewidth=1)
    readout = ax_loss.text(0.97, 0.97, "", transform=ax_loss.transAxes, fontsize=7, va="top", ha="right",
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"},
    )
    ax_nd.set(xlabel="training compute C (FLOP)", ylabel="parameters N, tokens D", ylim=(1e7, 1e16))
    ax_nd.set_xlim(budgets[0], budgets[-1])
    ax_loss.set(xlabel="training compute C (FLOP)", ylabel="predicted loss (nats/token)", ylim=(1.6, 3.2))
    ax_loss.set_xlim(budgets[0], budgets[-1])
    ax_nd.legend(fontsize=6.5, loc="upper left", ncol=1)
    ax_loss.legend(fontsize=7, loc="lower left")

    def values(log10_compute):
        c = 10.0**log10_compute
        rows = []
        for label, constants, _, _ in _SETS:
            n, d = laws.compute_optimal(c, **constants)
            rows.append((label, n, d, laws.chinchilla_loss(n, d, **constants)))
        return c, rows

    def update(log10_compute):
        c, rows = values(log10_compute)
        lines = [f"C = {_sci(c)} FLOP"]
        for (label, n, d, loss), (m_n, m_d, m_l) in zip(rows, markers):
            m_n.set_data([c], [n])
            m_d.set_data([c], [d])
            m_l.set_data([c], [loss])
            lines.append(f"{label}: N = {_sci(n)}, D = {_sci(d)}\n   D/N = {d / n:.0f}, L = {loss:.3f}")
        cursor_nd.set_xdata([c, c])
        cursor_loss.set_xdata([c, c])
        readout.set_text("\n".join(lines))

    def alt(log10_compute):
        c, rows = values(log10_compute)
        parts = [
            f"{label}: {n:.3g} parameters, {d:.3g} tokens ({d / n:.0f} per parameter), loss {loss:.3f}"
            for label, n, d, loss in rows
        ]
        return (
            f"Compute-optimal allocation for a training budget of {c:.3g} FLOP under C = 6ND. "
            + "; ".join(parts)
            + ". Left: optimal parameters and tokens against compute on log axes; right: predicted loss."
        )

    controls = {"log10_compute": slider(LOG10_BUDGETS, log10_compute, "log₁₀ C (FLOP)")}
    dynamic = [artist for triple in markers for artist in triple] + [cursor_nd, cursor_loss, readout]
    return Panel(fig, update, controls, alt, dynamic=dynamic)


@functools.lru_cache(maxsize=None)
def _runs() -> dict:
    """Porian et al.'s runs for every configuration, read once per session."""
    return {name: laws.load_porian_runs(name) for name in laws.PORIAN_CONFIGURATIONS}


_VALLEY_SETS = (
    ("Hoffmann (rounded)", laws.CHINCHILLA, PALETTE[0], "-"),
    ("Hoffmann (unrounded)", laws.CHINCHILLA_UNROUNDED, PALETTE[2], ":"),
    ("Besiroglu refit", laws.BESIROGLU_2024, PALETTE[1], "--"),
)


def loss_valley_panel(log10_compute: float = 23.76, tolerance: float = 0.01) -> Panel:
    """How flat is the loss along a fixed budget?  The valley L(N, C/6N) for three constant sets.

    Controls: ``log10_compute`` (log₁₀ of the budget in FLOP, 18 to 27) and ``tolerance`` (an
    excess loss in nats/token).  The x axis is N in units of N₂₀ = √(C/120), the size that gives
    20 tokens per parameter; the y axis is the loss above each set's own optimum.  The readout gives
    the range of N within ``tolerance`` of the optimum, the reason a fit pins the loss far better
    than the split.
    """
    ratio = np.geomspace(0.05, 20.0, 241)
    fig, ax = figure(6.4, 4.0)
    curves, optima = [], []
    for label, _, colour, style in _VALLEY_SETS:
        curves.append(ax.semilogx([], [], style, color=colour, label=label)[0])
        optima.append(ax.semilogx([], [], "o", color=colour, markersize=6)[0])
    band = ax.axhline(tolerance, color="0.4", linewidth=1)
    readout = ax.set_title("", fontsize=7.5)
    ax.set(
        xlabel="N ÷ N₂₀   (N₂₀ = √(C/120): 20 tokens per parameter)",
        ylabel="loss above the optimum (nats/token)",
    )
    ax.set_xlim(ratio[0], ratio[-1])
    ax.set_ylim(-0.004, 0.12)
    ax.legend(fontsize=7, loc="upper center")

    def valleys(log10_compute, tolerance):
        c = 10.0**log10_compute
        n20 = np.sqrt(c / 120.0)
        n = ratio * n20
        rows = []
        for (label, constants, _, _), curve, optimum in zip(_VALLEY_SETS, curves, optima):
            n_opt, d_opt = laws.compute_optimal(c, **constants)
            best = laws.chinchilla_loss(n_opt, d_opt, **constants)
            excess = laws.chinchilla_loss(n, c / (6.0 * n), **constants) - best
            low, high = laws.near_optimal_range(c, tolerance, **constants)
            rows.append((label, curve, optimum, n_opt / n20, excess, low / n_opt, high / n_opt))
        return c, rows

    def update(log10_compute, tolerance):
        c, rows = valleys(log10_compute, tolerance)
        lines = [f"C = {_sci(c)} FLOP; within {tolerance:.3f} nats/token of each optimum:"]
        for label, curve, optimum, x_opt, excess, low, high in rows:
            curve.set_data(ratio, excess)
            optimum.set_data([x_opt], [0.0])
            lines.append(f"{label}: N from {low:.2f} to {high:.2f} × N_opt")
        band.set_ydata([tolerance, tolerance])
        readout.set_text("\n".join(lines))

    def alt(log10_compute, tolerance):
        c, rows = valleys(log10_compute, tolerance)
        parts = [
            f"{label} has its optimum at {x_opt:.2f} N20 and stays within {tolerance:.3f} nats of it "
            f"from {low:.2f} to {high:.2f} times its optimal size"
            for label, _, _, x_opt, _, low, high in rows
        ]
        return (
            f"Excess loss along a budget of {c:.3g} FLOP as a function of model size, in units of the "
            "size giving 20 tokens per parameter. " + "; ".join(parts) + "."
        )

    controls = {
        "log10_compute": slider(LOG10_BUDGETS, log10_compute, "log₁₀ C (FLOP)"),
        "tolerance": slider([0.002, 0.005, 0.01, 0.02, 0.05, 0.1], tolerance, "tolerance (nats)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[*curves, *optima, band, readout])


def _analyses(window: int) -> dict:
    out = {}
    for name, runs in _runs().items():
        result = laws.isoflop_analysis(runs["flops"], runs["n_params"], runs["loss"], window=window)
        out[name] = (runs, result)
    return out


def isoflop_panel(configuration: str = "kaplan_reproduction", window: int = 2) -> Panel:
    """Porian et al.'s IsoFLOP runs for one configuration: the curves, their minima and N*(C).

    Controls: ``configuration`` (the five steps of their Fig. 1, from the Kaplan reproduction to
    the fully corrected setup) and ``window`` (neighbours on each side of the lowest point used in
    the parabola, 1-4).  Left: loss against model size on each compute budget with the parabola
    minima; right: the minima N*(C), our power-law fit and Porian et al.'s published fit.
    """
    if configuration not in laws.PORIAN_CONFIGURATIONS:
        allowed = sorted(laws.PORIAN_CONFIGURATIONS)
        raise ValueError(f"configuration must be one of {allowed}, got {configuration!r}")
    cache = {w: None for w in range(1, 5)}
    references = {name: laws.load_porian_reference(name) for name in laws.PORIAN_CONFIGURATIONS}
    budgets = np.unique(_runs()["kaplan_reproduction"]["flops"])
    colours = [_viridis(i, len(budgets)) for i in range(len(budgets))]

    fig, (ax_iso, ax_opt) = figure(7.6, 3.8, ncols=2, gridspec_kw={"width_ratios": [1.35, 1]})
    curves = [ax_iso.semilogx([], [], "-o", color=c, markersize=2.5, linewidth=1.0)[0] for c in colours]
    (minima,) = ax_iso.semilogx([], [], "*", color="black", markersize=8, label="parabola minimum")
    ax_iso.set(xlabel="parameters N", ylabel="loss (nats/token)", xlim=(2e5, 1.2e9), ylim=(2.8, 6.5))
    ax_iso.legend(fontsize=7, loc="upper right")
    (points,) = ax_opt.loglog([], [], "o", color=PALETTE[0], markersize=4, label="our N*(C)")
    (ours,) = ax_opt.loglog([], [], "-", color=PALETTE[0], label="our fit")
    (theirs,) = ax_opt.loglog([], [], "--", color=PALETTE[1], label="Porian et al. fit")
    readout = ax_opt.text(0.04, 0.96, "", transform=ax_opt.transAxes, fontsize=7.5, va="top")
    ax_opt.set(xlabel="compute C (FLOP)", ylabel="optimal parameters N*", xlim=(8e15, 4e19), ylim=(3e5, 2e9))
    ax_opt.legend(fontsize=7, loc="lower right")
    c_line = np.array([1e16, 3.2e19])

    def analysis(configuration, window):
        if cache[window] is None:
            cache[window] = _analyses(window)
        return cache[window][configuration]

    def update(configuration, window):
        runs, result = analysis(configuration, window)
        for budget, curve in zip(budgets, curves):
            mask = runs["flops"] == budget
            order = np.argsort(runs["n_params"][mask])
            curve.set_data(runs["n_params"][mask][order], runs["loss"][mask][order])
        minima.set_data(result["n_opt"], result["loss_opt"])
        points.set_data(result["flops"], result["n_opt"])
        ours.set_data(c_line, result["n_coef"] * c_line ** result["n_exponent"])
        ref = references[configuration]
        theirs.set_data(c_line, ref["n_coef"] * c_line ** ref["n_exponent"])
        sigma = laws.exponent_std(ref["flops"], ref["n_opt_log_std"])
        readout.set_text(
            f"{CONFIGURATION_LABELS[configuration]}\n"
            f"N* ∝ Cᵃ; ours: a = {result['n_exponent']:.3f}\n"
            f"Porian et al.: a = {ref['n_exponent']:.3f} ± {sigma:.3f}"
        )

    def alt(configuration, window):
        _, result = analysis(configuration, window)
        ref = references[configuration]
        return (
            f"IsoFLOP curves of Porian et al. (2024), configuration '{CONFIGURATION_LABELS[configuration]}': "
            f"loss against model size for {len(budgets)} compute budgets from 1.25e16 to 2.56e19 FLOP, "
            f"with parabola minima fitted on {2 * window + 1} points. The optimal size grows as compute "
            f"to the power {result['n_exponent']:.3f} (Porian et al.: {ref['n_exponent']:.3f})."
        )

    controls = {
        "configuration": choice([(label, name) for name, label in CONFIGURATION_LABELS.items()], configuration, "setup"),
        "window": slider([1, 2, 3, 4], window, "± points"),
    }
    return Panel(fig, update, controls, alt, dynamic=[*curves, minima, points, ours, theirs, readout])


def _viridis(index: int, count: int) -> str:
    """A colour from dark blue (small budgets) to yellow (large), colour-blind safe (viridis)."""
    r, g, b, _ = matplotlib.colormaps["viridis"](0.9 * index / max(count - 1, 1))
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


INFERENCE_SETS = {"Hoffmann (unrounded)": laws.CHINCHILLA_UNROUNDED, "Besiroglu refit": laws.BESIROGLU_2024,
                  "Hoffmann (rounded)": laws.CHINCHILLA}
LOG10_INFERENCE = sorted([0.0, 12.3, *np.arange(10.0, 15.01, 0.5).round(2).tolist()])  # 0: no inference; 12.3: 2T tokens


def inference_panel(log10_inference_tokens: float = 12.3, constants: str = "Hoffmann (unrounded)") -> Panel:
    """Lifetime compute 6ND + 2NT along the loss of a compute-optimal 13B model (Sardana et al. 2024).

    Controls: the lifetime inference tokens T as log₁₀ (0 means none) and the constants of the law.
    Every model on the curve reaches the same predicted loss; the curve is its training plus
    inference compute relative to the compute-optimal 13B model's, and the marker is the
    inference-aware optimum of :func:`~physics_lib.scaling.laws.inference_aware_optimal`.
    """
    fig, ax = figure(6.4, 3.6)
    sizes = np.geomspace(2e9, 1e11, 160)
    (curve,) = ax.semilogx(sizes, np.ones_like(sizes), color=PALETTE[0], linewidth=2)
    (marker,) = ax.plot([], [], "o", color=PALETTE[1], markersize=7)
    ax.axvline(13e9, color="0.6", linewidth=1)
    ax.text(13.5e9, 2.35, "13B, Chinchilla-optimal", fontsize=7, color="0.35")
    ax.axhline(1.0, color="0.8", linewidth=1)
    readout = ax.text(0.97, 0.97, "", transform=ax.transAxes, fontsize=7.5, va="top", ha="right",
                      bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    ax.set(xlabel="parameters N (same predicted loss)", ylabel="lifetime compute ÷ 13B model's", xlim=(2e9, 1e11), ylim=(0.0, 2.5))

    @functools.lru_cache(maxsize=64)
    def values(log10_inference_tokens, constants):
        k = INFERENCE_SETS[constants]
        t = 0.0 if log10_inference_tokens == 0 else 10.0**log10_inference_tokens
        n13, d13 = 13e9, _tokens_for_optimal_size(13e9, k)
        loss = laws.chinchilla_loss(n13, d13, **k)
        floor = (k["A"] / (loss - k["E"])) ** (1 / k["alpha"])
        n = np.where(sizes > floor * 1.0001, sizes, np.nan)
        d = (k["B"] / (loss - k["E"] - k["A"] * n ** -k["alpha"])) ** (1 / k["beta"])
        reference = 6 * n13 * d13 + 2 * n13 * t
        n_opt, d_opt = laws.inference_aware_optimal(loss, t, **k)
        return t, loss, (6 * n * d + 2 * n * t) / reference, n_opt, d_opt, (6 * n_opt * d_opt + 2 * n_opt * t) / reference, d13

    def update(log10_inference_tokens, constants):
        t, loss, ratio, n_opt, d_opt, saving, d13 = values(log10_inference_tokens, constants)
        curve.set_ydata(ratio)
        marker.set_data([n_opt], [saving])
        readout.set_text(f"T = {'0' if t == 0 else _sci(t)} tokens, loss {loss:.3f}\n"
                         f"13B model: {d13 / 1e9:.0f}B training tokens\n"
                         f"optimum: N = {_sci(n_opt)}, D = {_sci(d_opt)}\n"
                         f"{d_opt / n_opt:.0f} tokens per parameter, lifetime compute ×{saving:.2f}")

    def alt(log10_inference_tokens, constants):
        t, loss, _, n_opt, d_opt, saving, d13 = values(log10_inference_tokens, constants)
        return (f"Lifetime compute, training plus inference, of models that reach the loss of a compute-optimal "
                f"13B model ({d13 / 1e9:.0f}B tokens, loss {loss:.3f}, {constants} constants), relative to that model, "
                f"against their size, for {t:.3g} inference tokens: the cheapest has {n_opt:.3g} parameters "
                f"trained on {d_opt:.3g} tokens ({d_opt / n_opt:.0f} per parameter) and costs {saving:.2f} times as much.")

    controls = {
        "log10_inference_tokens": slider(LOG10_INFERENCE, log10_inference_tokens, "log₁₀ inference tokens T (0: none)"),
        "constants": choice(list(INFERENCE_SETS), constants, "constants"),
    }
    return Panel(fig, update, controls, alt, dynamic=[curve, marker, readout])


def _tokens_for_optimal_size(n_params, constants):
    """Training tokens of the compute-optimal model with ``n_params`` parameters (closed form)."""
    g = (constants["alpha"] * constants["A"] / (constants["beta"] * constants["B"])) ** (1 / (constants["alpha"] + constants["beta"]))
    a = constants["beta"] / (constants["alpha"] + constants["beta"])
    budget_over_6 = (n_params / g) ** (1 / a)
    return budget_over_6 / n_params
