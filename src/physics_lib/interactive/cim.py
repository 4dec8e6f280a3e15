"""Figures and widget panels for the compute-in-memory chapter (physics in :mod:`physics_lib.cim`).

The classifier is scikit-learn's logistic regression on its bundled handwritten digits (8 × 8
pixels, 1,797 images, no download), trained in software with a fixed seed; inference then runs
through :func:`physics_lib.cim.analog_matvec`. scikit-learn is imported here, never by the physics.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import cim
from .panel import PALETTE, Panel, choice, figure, slider

__all__ = [
    "BITS",
    "VARIATIONS",
    "READ_NOISES",
    "digits_classifier",
    "crossbar_accuracy",
    "crossbar_accuracy_panel",
    "array_energy_panel",
    "macros_panel",
]

BITS = [1, 2, 3, 4, 5, 6, 8]  # bits per device: 2^b conductance levels
VARIATIONS = [0.0, 0.02, 0.05, 0.1, 0.2, 0.3]  # device-to-device spread, relative
READ_NOISES = [0.0, 0.02, 0.05]  # read noise, relative to G_max
SEEDS = 5  # programming and noise draws averaged per point
DIGIT_SHOWN = 3

# The array-energy panel's devices and wires (assumptions, stated in the chapter): 1 µS devices,
# 1 Ω per wire segment; 1 fJ per device read and 50 fJ per row activation.
CONDUCTANCE = 1e-6
WIRE_RESISTANCE = 1.0
ADC_BITS = [3, 4, 5, 6, 7, 8, 9, 10]
ARRAY_ROWS = [16, 32, 64, 128, 256, 512, 1024]
FOMS_FJ = [1.0, 5.0, 20.0, 100.0]
GPU_OP_ENERGY = cim.energy_per_operation(989.0 / 700.0)  # H100 SXM, BF16 dense peak over 700 W
DIGITAL_MAC_45NM = cim.mac_energy(8)  # Horowitz, 8-bit multiply + add


@functools.lru_cache(maxsize=1)
def digits_classifier():
    """Logistic regression on scikit-learn's digits, seeded: ``(W, b, X_test, y_test, accuracy)``.

    Pixels (0-16) are scaled to [0, 1], which become the crossbar's row voltages; ``W`` has shape
    (64, 10), one column (one pair of crossbar columns) per digit; the bias is added digitally.
    """
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = digits.data / 16.0
    x_train, x_test, y_train, y_test = train_test_split(x, digits.target, test_size=0.25, random_state=0, stratify=digits.target)
    model = LogisticRegression(max_iter=5000, C=1.0, random_state=0).fit(x_train, y_train)
    accuracy = float(np.mean(model.predict(x_test) == y_test))
    return model.coef_.T.copy(), model.intercept_.copy(), x_test, y_test, accuracy


def crossbar_accuracy(bits=None, variation=0.0, read_noise=0.0, adc_bits=None, seeds=SEEDS) -> float:
    """Test accuracy of the digits classifier run on a simulated crossbar, averaged over ``seeds`` draws."""
    w, b, x, y, _ = digits_classifier()
    levels = None if bits is None else 2 ** int(bits)
    scores = []
    for seed in range(seeds):
        logits = cim.analog_matvec(w, x, levels=levels, variation=variation, read_noise=read_noise, adc_bits=adc_bits, seed=seed) + b
        scores.append(np.mean(np.argmax(logits, axis=1) == y))
    return float(np.mean(scores))


@functools.lru_cache(maxsize=1)
def _accuracy_grid():
    return {(bits, var, noise): crossbar_accuracy(bits, var, noise) for bits in BITS for var in VARIATIONS for noise in READ_NOISES}


def crossbar_accuracy_panel(bits: int = 4, variation: float = 0.05, read_noise: float = 0.02) -> Panel:
    """Accuracy of a digits classifier on a simulated crossbar against device bits, variation and read noise.

    Left: test accuracy against bits per device for the chosen variation and read noise, with the
    software accuracy. Right: the programmed weights (G⁺ − G⁻) of the column that recognises a 3.
    """
    w, _, _, y_test, software = digits_classifier()
    grid = _accuracy_grid()
    fig, (ax_acc, ax_map) = figure(8.0, 3.6, ncols=2, gridspec_kw={"width_ratios": [1.6, 1.0]})
    ax_acc.axhline(software, color="0.3", linestyle="--", linewidth=1.2, label=f"software ({software:.1%})")
    (curve,) = ax_acc.plot(BITS, np.ones(len(BITS)), "o-", color=PALETTE[0], label="crossbar")
    (marker,) = ax_acc.plot([4], [1.0], "o", color="black", markersize=9, markerfacecolor="none", markeredgewidth=2)
    ax_acc.set(xlabel="bits per device (2ᵇ conductance levels)", ylabel="test accuracy", xlim=(0.5, 8.5), ylim=(0.0, 1.02))
    ax_acc.set_xticks(BITS)
    ax_acc.legend(loc="lower right", fontsize=8)
    mesh = ax_map.pcolormesh(np.zeros((8, 8)), cmap="viridis", vmin=-1.0, vmax=1.0)
    ax_map.set(title=f"weights of digit {DIGIT_SHOWN} (G⁺−G⁻)/G_max", xticks=[], yticks=[], aspect="equal")
    ax_map.invert_yaxis()
    ax_map.grid(False)
    fig.colorbar(mesh, ax=ax_map, fraction=0.046, pad=0.04)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8.5, family="monospace")
    fig.get_layout_engine().set(rect=(0, 0, 1, 0.9))

    def programmed(bits, variation):
        gp, gm = cim.weights_to_conductances(w, levels=2 ** int(bits), g_max=1.0)
        rng = np.random.default_rng(0)
        if variation > 0:
            gp = np.maximum(gp * (1 + variation * rng.standard_normal(gp.shape)), 0)
            gm = np.maximum(gm * (1 + variation * rng.standard_normal(gm.shape)), 0)
        return (gp - gm)[:, DIGIT_SHOWN].reshape(8, 8)

    def update(bits, variation, read_noise):
        curve.set_ydata([grid[(b, variation, read_noise)] for b in BITS])
        accuracy = grid[(bits, variation, read_noise)]
        marker.set_data([bits], [accuracy])
        mesh.set_array(programmed(bits, variation).ravel())
        readout.set_text(
            f"{2 ** bits} levels per device, variation σ = {variation:.0%}, read noise {read_noise:.0%} of G_max\n"
            f"crossbar accuracy {accuracy:.1%} against {software:.1%} in software ({len(y_test)} test digits, {SEEDS} draws)"
        )

    def alt(bits, variation, read_noise):
        accuracy = grid[(bits, variation, read_noise)]
        lowest = grid[(1, variation, read_noise)]
        return (
            f"Left: test accuracy of a logistic-regression digit classifier computed on a simulated crossbar "
            f"against bits per device, for device variation {variation:.0%} and read noise {read_noise:.0%}; "
            f"it rises from {lowest:.1%} at 1 bit to {grid[(8, variation, read_noise)]:.1%} at 8 bits, against "
            f"{software:.1%} in software. At {bits} bits the accuracy is {accuracy:.1%}. Right: the programmed "
            f"weights of the column that recognises a {DIGIT_SHOWN}, as an 8 by 8 image."
        )

    controls = {
        "bits": slider(BITS, bits, "bits per device"),
        "variation": slider(VARIATIONS, variation, "device variation σ", fmt="{:.0%}"),
        "read_noise": slider(READ_NOISES, read_noise, "read noise", fmt="{:.0%}"),
    }
    return Panel(fig, update, controls, alt, dynamic=[curve, marker, mesh, readout])


def _optimum_curve(fom):
    sizes = np.array([cim.optimal_array_size(b, CONDUCTANCE, WIRE_RESISTANCE) for b in ADC_BITS], dtype=float)
    energies = cim.cim_mac_energy(sizes, np.array(ADC_BITS, dtype=float), fom).total
    return sizes, energies


def array_energy_panel(adc_bits: int = 7, rows: int = 64, walden_fom_fj: float = 5.0) -> Panel:
    """Energy per MAC of an analog array against its size and ADC resolution.

    Left: energy per MAC against array size (ADC part, total) at the chosen ADC bits and figure of
    merit, with the largest array the ADC and the IR drop allow marked. Right: energy per MAC of the
    best array at each ADC resolution, with the GPU and a 45 nm digital 8-bit MAC for scale.
    """
    n_curve = np.geomspace(ARRAY_ROWS[0], ARRAY_ROWS[-1], 120)
    fig, (ax_n, ax_b) = figure(8.0, 3.8, ncols=2)
    for ax in (ax_n, ax_b):
        ax.axhline(2 * GPU_OP_ENERGY * 1e15, color="0.3", linestyle="--", linewidth=1.2, label="GPU (H100, BF16 peak)")
        ax.axhline(DIGITAL_MAC_45NM * 1e15, color="0.55", linestyle=":", linewidth=1.5, label="8-bit MAC, 45 nm logic")
    (adc_line,) = ax_n.loglog(n_curve, n_curve, "--", color=PALETTE[1], label="ADC share")
    (total_line,) = ax_n.loglog(n_curve, n_curve, color=PALETTE[0], label="total")
    limit_line = ax_n.axvline(64, color=PALETTE[2], linewidth=1.5, label="largest correct array")
    (point,) = ax_n.plot([64], [1.0], "o", color="black", markersize=7)
    ax_n.set(xlabel="array size N (rows = columns)", ylabel="energy per MAC (fJ)", xlim=(ARRAY_ROWS[0], ARRAY_ROWS[-1]), ylim=(0.5, 3e3))
    ax_n.legend(loc="upper right", fontsize=7)
    (best_line,) = ax_b.semilogy(ADC_BITS, np.ones(len(ADC_BITS)), "o-", color=PALETTE[0], label="best array for each B")
    (here,) = ax_b.plot([7], [1.0], "s", color="black", markersize=7, markerfacecolor="none", markeredgewidth=2, label="your array")
    ax_b.set(xlabel="ADC resolution B (bits)", ylabel="energy per MAC (fJ)", xlim=(2.5, 10.5), ylim=(0.5, 3e3))
    ax_b.legend(loc="upper left", fontsize=7)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8.5, family="monospace")
    fig.get_layout_engine().set(rect=(0, 0, 1, 0.86))

    def state(adc_bits, rows, walden_fom_fj):
        fom = walden_fom_fj * 1e-15
        e = cim.cim_mac_energy(rows, adc_bits, fom)
        limit = cim.optimal_array_size(adc_bits, CONDUCTANCE, WIRE_RESISTANCE)
        return fom, e, limit

    def update(adc_bits, rows, walden_fom_fj):
        fom, e, limit = state(adc_bits, rows, walden_fom_fj)
        curve = cim.cim_mac_energy(n_curve, adc_bits, fom)
        adc_line.set_ydata(curve.adc * 1e15)
        total_line.set_ydata(curve.total * 1e15)
        limit_line.set_xdata([max(limit, ARRAY_ROWS[0])] * 2)
        point.set_data([rows], [e.total * 1e15])
        sizes, energies = _optimum_curve(fom)
        best_line.set_ydata(energies * 1e15)
        here.set_data([adc_bits], [e.total * 1e15])
        verdict = "computes correctly" if rows <= limit else f"too large: ADC or IR drop corrupts the sums above N = {limit}"
        readout.set_text(
            f"{adc_bits}-bit ADC at {walden_fom_fj:g} fJ/step = {cim.adc_energy(adc_bits, fom) * 1e15:.3g} fJ per conversion; "
            f"1 µS devices, 1 Ω per wire segment\n"
            f"N = {rows}: {e.total * 1e15:.3g} fJ per MAC, ADC {e.adc / e.total:.0%} of it; {verdict}\n"
            f"GPU: {2 * GPU_OP_ENERGY * 1e15:.0f} fJ per MAC (peak); 45 nm 8-bit digital MAC: {DIGITAL_MAC_45NM * 1e15:.0f} fJ"
        )

    def alt(adc_bits, rows, walden_fom_fj):
        fom, e, limit = state(adc_bits, rows, walden_fom_fj)
        sizes, energies = _optimum_curve(fom)
        best = int(np.argmin(energies))
        return (
            f"Left: energy per multiply-accumulate of an analog crossbar against its size, with a {adc_bits}-bit ADC "
            f"at {walden_fom_fj:g} femtojoules per conversion step; it falls as one over N and the ADC dominates. "
            f"An array of {rows} rows costs {e.total * 1e15:.3g} fJ per MAC, {e.adc / e.total:.0%} of it in the ADC; "
            f"the largest array that computes correctly has {limit} rows. Right: the best array at each ADC "
            f"resolution; the lowest energy, {energies[best] * 1e15:.3g} fJ per MAC, is at {ADC_BITS[best]} bits and "
            f"{int(sizes[best])} rows, against {2 * GPU_OP_ENERGY * 1e15:.0f} fJ per MAC for a GPU."
        )

    controls = {
        "adc_bits": slider(ADC_BITS, adc_bits, "ADC bits"),
        "rows": slider(ARRAY_ROWS, rows, "array size N"),
        "walden_fom_fj": slider(FOMS_FJ, walden_fom_fj, "ADC FOM (fJ/step)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[adc_line, total_line, limit_line, point, best_line, here, readout])


_FAMILIES = {"analog": "analog CIM", "digital": "digital SRAM CIM", "gpu": "GPU"}


def macros_panel(family: str = "all") -> Panel:
    """Published compute-in-memory macros and a GPU: efficiency (TOPS/W) against technology node.

    The ``family`` control highlights analog, digital or GPU entries and lists them in the readout.
    """
    fig, ax = figure(7.2, 4.0)
    markers = {"analog": ("o", PALETTE[0]), "digital": ("s", PALETTE[1]), "gpu": ("^", PALETTE[2])}
    for fam, (shape, color) in markers.items():
        pts = [m for m in cim.CIM_MACROS if m["family"] == fam]
        ax.loglog([m["node_nm"] for m in pts], [m["tops_per_watt"] for m in pts], shape, color=color, markersize=8,
                  alpha=0.9, linestyle="none", label=_FAMILIES[fam])
        for m in pts:
            ax.annotate(f"{m['precision']}", (m["node_nm"], m["tops_per_watt"]), textcoords="offset points",
                        xytext=(6, -3), fontsize=7, color="0.25")
    (ring,) = ax.plot([], [], "o", markersize=15, markerfacecolor="none", markeredgecolor="black", markeredgewidth=1.5)
    ax.set(xlabel="technology node (nm)", ylabel="efficiency (TOPS/W, 2 operations per MAC)", xlim=(3, 100), ylim=(0.5, 500))
    ax.legend(loc="lower right", fontsize=8)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8, family="monospace")
    fig.get_layout_engine().set(rect=(0, 0, 1, 0.83))

    def chosen(family):
        return [m for m in cim.CIM_MACROS if family == "all" or m["family"] == family]

    def update(family):
        pts = chosen(family)
        ring.set_data([m["node_nm"] for m in pts], [m["tops_per_watt"] for m in pts])
        lines = [f"{m['name']}, {m['node_nm']} nm, {m['precision']}: {m['tops_per_watt']:.3g} TOPS/W "
                 f"= {cim.energy_per_operation(m['tops_per_watt']) * 1e15:.3g} fJ/op" for m in pts]
        readout.set_text("\n".join(lines[:4] + (["…"] if len(lines) > 4 else [])))

    def alt(family):
        pts = chosen(family)
        listed = "; ".join(f"{m['name']} ({m['node_nm']} nm, {m['precision']}) {m['tops_per_watt']:.3g} TOPS/W" for m in pts)
        return (f"Efficiency in TOPS per watt against technology node for published compute-in-memory macros and "
                f"an NVIDIA H100, on log axes; highlighted: {listed}.")

    controls = {"family": choice([("all", "all"), ("analog CIM", "analog"), ("digital SRAM CIM", "digital"), ("GPU", "gpu")], family, "highlight")}
    return Panel(fig, update, controls, alt, dynamic=[ring, readout])
