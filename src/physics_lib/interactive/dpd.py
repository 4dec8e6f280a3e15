"""Figures and widget panels for the digital-predistortion chapter (physics in :mod:`physics_lib.dpd`).

Panels (each a function returning a :class:`~physics_lib.interactive.panel.Panel`):

* :func:`am_curves_panel`: AM/AM and AM/PM of the Saleh and Rapp models, with an operating point.
* :func:`drive_panel`: an OFDM signal through a memoryless amplifier as the drive rises: output
  spectrum and constellation, ACLR and EVM, with and without a predistorter (the main explorable).
* :func:`efficiency_panel`: class-A and class-B efficiency against output back-off.
* :func:`pa_model_panel`: memory-polynomial models of the measured DPA_200MHz amplifier, test NMSE
  against nonlinear order and memory depth.
* :func:`dpd_panel`: a predistorter learned by ILA through the identified model of a measured
  amplifier: spectrum, ACLR and error before and after.
* :func:`cfr_panel`: crest-factor reduction by clipping and filtering: power CCDF, spectrum, PAPR,
  EVM, leakage and the average efficiency of class B and Doherty.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import dpd
from .panel import PALETTE, Panel, choice, figure, slider, toggle

__all__ = ["am_curves_panel", "drive_panel", "efficiency_panel", "pa_model_panel", "dpd_panel", "cfr_panel"]

SALEH_PEAK_INPUT = 1 / np.sqrt(1.1517)  # input amplitude at Saleh's AM/AM maximum
SALEH_GAIN = 2.1587  # Saleh's small-signal gain alpha_a


def _db(power, floor=1e-30):
    return 10 * np.log10(np.maximum(power, floor))


def _dots(x, y, half_width):
    """A scatter as one path: a short round-capped segment per point, NaN-separated.

    SVG markers cost one element per point (about 0.15 ms each per redraw); one path of many
    sub-paths costs almost nothing, which keeps a 300-point cloud inside the 50 ms update budget.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    xs = np.column_stack([x - half_width, x + half_width, np.full_like(x, np.nan)]).ravel()
    ys = np.column_stack([y, y, np.full_like(y, np.nan)]).ravel()
    return xs, ys


def _dot_line(ax, color, width=2.6, **kwargs):
    (line,) = ax.plot([], [], color=color, linewidth=width, solid_capstyle="round", **kwargs)
    return line


# ------------------------------------------------------------------------------------------------


def am_curves_panel(smoothness: float = 2.0, drive: float = 0.5) -> Panel:
    """AM/AM (left) and AM/PM (right) of Saleh's TWT model and Rapp's solid-state model.

    Controls: Rapp's knee ``smoothness`` p and the operating-point ``drive`` (input amplitude,
    normalised so that Rapp saturates at 1); the readout gives the gain compression there.
    """
    r = np.linspace(0.0, 2.0, 201)
    rc = r.astype(complex)
    fig, (ax_am, ax_pm) = figure(7.2, 3.4, ncols=2)
    saleh_out = dpd.saleh(rc)
    ax_am.plot(r, r, ":", color="0.5", label="linear")
    ax_am.plot(r, np.abs(saleh_out), color=PALETTE[1], label="Saleh (TWT)")
    (rapp_line,) = ax_am.plot(r, np.abs(dpd.rapp(rc, smoothness=smoothness)), color=PALETTE[0], label="Rapp")
    (point_saleh,) = ax_am.plot([], [], "o", color=PALETTE[1])
    (point_rapp,) = ax_am.plot([], [], "o", color=PALETTE[0])
    ax_am.set(xlabel="input amplitude r", ylabel="output amplitude A(r)", xlim=(0, 2), ylim=(0, 2))
    ax_am.legend(loc="upper left", fontsize=8)
    ax_pm.plot(r, np.degrees(np.angle(saleh_out)), color=PALETTE[1], label="Saleh")
    ax_pm.plot(r, np.zeros_like(r), color=PALETTE[0], label="Rapp (no AM/PM)")
    marker = ax_pm.axvline(drive, color="0.4", linewidth=1)
    ax_pm.set(xlabel="input amplitude r", ylabel="phase shift Φ(r) (degrees)", xlim=(0, 2), ylim=(-2, 30))
    ax_pm.legend(loc="lower right", fontsize=8)
    readout = ax_am.text(0.98, 0.03, "", transform=ax_am.transAxes, ha="right", va="bottom", fontsize=8)

    def compression(p, d):
        d = max(d, 1e-6)
        rapp_db = 20 * np.log10(abs(dpd.rapp(np.array([d + 0j]), smoothness=p)[0]) / d)
        saleh_db = 20 * np.log10(abs(dpd.saleh(np.array([d + 0j]))[0]) / (SALEH_GAIN * d))
        return rapp_db, saleh_db

    def update(smoothness, drive):
        rapp_line.set_ydata(np.abs(dpd.rapp(rc, smoothness=smoothness)))
        point_rapp.set_data([drive], [abs(dpd.rapp(np.array([drive + 0j]), smoothness=smoothness)[0])])
        point_saleh.set_data([drive], [abs(dpd.saleh(np.array([drive + 0j]))[0])])
        marker.set_xdata([drive, drive])
        rapp_db, saleh_db = compression(smoothness, drive)
        readout.set_text(f"at r = {drive:.2f}: gain change\nRapp {rapp_db:+.2f} dB, Saleh {saleh_db:+.2f} dB")

    def alt(smoothness, drive):
        rapp_db, saleh_db = compression(smoothness, drive)
        return (
            f"Left: output against input amplitude. Saleh's curve rises with slope 2.16, peaks at "
            f"r = 0.93 and falls; Rapp's with knee p = {smoothness:.2g} approaches 1. Right: Saleh's "
            f"phase shift rises to about 25 degrees; Rapp has none. At r = {drive:.2f} Rapp's gain has "
            f"changed by {rapp_db:+.2f} dB and Saleh's by {saleh_db:+.2f} dB."
        )

    controls = {
        "smoothness": slider([0.5, 1.0, 2.0, 3.0, 5.0, 10.0], smoothness, "Rapp p"),
        "drive": slider(np.arange(0.0, 2.001, 0.1).round(2).tolist(), drive, "drive r"),
    }
    return Panel(fig, update, controls, alt, dynamic=[rapp_line, point_saleh, point_rapp, marker, readout])


# ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _drive_signal(n_subcarriers: int = 1024, oversampling: int = 4, qam_order: int = 64):
    return dpd.ofdm_signal(n_symbols=1, n_subcarriers=n_subcarriers, oversampling=oversampling,
                           qam_order=qam_order, bandwidth=18e6, seed=2024)


DRIVE_LIMIT = {"Rapp": 1.5, "Saleh": 1.0}  # largest input amplitude the DAC may send (see drive_outcome)
FULL_SWING = {"Rapp": 1.0, "Saleh": 0.5}  # largest output amplitude of each normalised amplifier


def _amplify(model, u):
    """The normalised amplifier (unit small-signal gain, input saturation at |u| = 1) behind a DAC
    that cannot exceed ``DRIVE_LIMIT``: a predistorter asking for more is clipped there."""
    limit = DRIVE_LIMIT[model]
    magnitude = np.abs(u)
    u = np.where(magnitude > limit, u * limit / np.maximum(magnitude, 1e-300), u)
    if model == "Saleh":
        return dpd.saleh(u * SALEH_PEAK_INPUT) / (SALEH_GAIN * SALEH_PEAK_INPUT)
    return dpd.rapp(u, smoothness=2.0)


@lru_cache(maxsize=128)
def drive_outcome(backoff_db: float, model: str = "Rapp", predistort: bool = False) -> dict:
    """ACLR, EVM and the signals of the drive experiment (used by :func:`drive_panel`).

    The 18 MHz OFDM signal (64-QAM, 1024 subcarriers, 72 MS/s) is scaled so its mean power sits
    ``backoff_db`` below the amplifier's input saturation (Rapp: where G r = A0; Saleh: the AM/AM
    peak), and the amplifier is normalised to unit small-signal gain. ``predistort`` inserts a
    7th-order memoryless predistorter learned by two ILA passes with target gain 1; its output is
    clipped at the largest drive the amplifier accepts (``DRIVE_LIMIT``: Rapp 1.5, where the output
    is within 0.4 dB of saturation; Saleh 1, its AM/AM peak), as a real DAC and PA would. Cached: the
    update and the alt text of a panel share one computation.
    """
    signal = _drive_signal()
    x = signal.samples * 10 ** (-backoff_db / 20)
    u = x
    if predistort:
        ila = dpd.ila_predistorter(lambda v: _amplify(model, v), x, order=7, memory_depth=0, iterations=2, gain=1.0)
        u = ila.predistorter(x)
    y = _amplify(model, u)
    received = dpd.ofdm_demodulate(y, signal.n_subcarriers, signal.oversampling) / 10 ** (-backoff_db / 20)
    aclr = dpd.aclr_db(y, signal.sample_rate, 20e6, nperseg=512)
    evm = dpd.evm_db(signal.symbols, received, equalize=True)
    gain = np.vdot(received.ravel(), signal.symbols.ravel()) / max(np.vdot(received.ravel(), received.ravel()).real, 1e-300)
    return {"y": y, "symbols": received.ravel() * gain, "aclr": aclr, "evm": evm, "papr_in": dpd.papr_db(u),
            "obo": dpd.output_backoff_db(y, FULL_SWING[model]),
            "eta_average": dpd.class_b_average_efficiency(y, FULL_SWING[model])}


def drive_panel(backoff_db: float = 8.0, model: str = "Rapp", predistort: bool = False) -> Panel:
    """Spectrum (left) and constellation (right) of OFDM through an amplifier as the drive rises.

    Controls: input back-off from saturation (dB), the amplifier model, and a predistorter switch.
    """
    signal = _drive_signal()
    fig, (ax_psd, ax_iq) = figure(7.4, 3.5, ncols=2, gridspec_kw={"width_ratios": [1.45, 1]})
    display_nperseg = 256  # 0.28 MHz bins show the shoulders; finer ones only weigh down each frame
    f, s_in = dpd.power_spectrum(signal.samples, signal.sample_rate, display_nperseg)
    reference = s_in.max()
    ax_psd.plot(f / 1e6, _db(s_in / reference), color="0.6", linewidth=1.2, label="input")
    (out_line,) = ax_psd.plot(f / 1e6, _db(s_in / reference), color=PALETTE[1], linewidth=1.2, label="PA output")
    for edge in (-30, -10, 10, 30):
        ax_psd.axvline(edge, color="0.8", linewidth=0.8)
    ax_psd.text(0, -95, "channel", ha="center", fontsize=8, color="0.4")
    ax_psd.text(-20, -95, "neighbour", ha="center", fontsize=8, color="0.4")
    ax_psd.text(20, -95, "neighbour", ha="center", fontsize=8, color="0.4")
    ax_psd.set(xlabel="frequency offset (MHz)", ylabel="PSD (dB, in-band = 0)", xlim=(-36, 36), ylim=(-100, 5))
    ax_psd.legend(loc="upper right", fontsize=8)
    readout = ax_psd.text(0.02, 0.97, "", transform=ax_psd.transAxes, va="top", fontsize=8,
                          bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    ideal = dpd.qam_constellation(64)
    ax_iq.plot(ideal.real, ideal.imag, "+", color="0.2", markersize=5)
    shown = slice(0, 160)
    cloud = _dot_line(ax_iq, PALETTE[0], alpha=0.7)
    ax_iq.set(xlabel="I", ylabel="Q", xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), aspect="equal")
    ax_iq.set_title("received 64-QAM (equalised)", fontsize=9)

    def update(backoff_db, model, predistort):
        out = drive_outcome(float(backoff_db), model, bool(predistort))
        _, s_out = dpd.power_spectrum(out["y"], signal.sample_rate, display_nperseg)
        gain = 10 ** (-backoff_db / 10)
        out_line.set_ydata(np.clip(_db(s_out / (reference * gain)), -100, 20))
        symbols = out["symbols"][shown]
        cloud.set_data(*_dots(np.clip(symbols.real, -1.5, 1.5), np.clip(symbols.imag, -1.5, 1.5), 0.004))
        readout.set_text(
            f"{model}{' + DPD' if predistort else ''}, back-off {backoff_db:.1f} dB\n"
            f"ACLR {max(out['aclr']):.1f} dBc, EVM {out['evm']:.1f} dB\n"
            f"OBO {out['obo']:.1f} dB: class B {100 * dpd.class_b_efficiency(out['obo']):.0f} % (sine), "
            f"{100 * out['eta_average']:.0f} % (OFDM)"
        )

    def alt(backoff_db, model, predistort):
        out = drive_outcome(float(backoff_db), model, bool(predistort))
        return (
            f"Spectrum and constellation of an 18 MHz OFDM signal through the {model} amplifier"
            f"{' with a predistorter' if predistort else ''} at {backoff_db:.1f} dB input back-off. "
            f"Adjacent-channel leakage {max(out['aclr']):.1f} dBc; error-vector magnitude "
            f"{out['evm']:.1f} dB; the constellation points spread as the drive rises."
        )

    controls = {
        "backoff_db": slider(np.arange(0.0, 16.01, 1.0).tolist(), backoff_db, "input back-off (dB)"),
        "model": choice(["Rapp", "Saleh"], model, "amplifier"),
        "predistort": toggle(predistort, "predistorter (ILA)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[out_line, cloud, readout])


# ------------------------------------------------------------------------------------------------


def _at_output_backoff(obo_db: float):
    """The drive experiment's OFDM signal as an ideal linear stage would deliver it, its mean power
    ``obo_db`` below full swing (amplitude 1)."""
    s = _drive_signal().samples
    return s * 10 ** (-obo_db / 20) / np.sqrt(np.mean(np.abs(s) ** 2))


def efficiency_panel(backoff_db: float = 9.0) -> Panel:
    """Ideal class-A and class-B efficiency against output back-off, with an operating point.

    Control: ``backoff_db``. The shaded band marks 8-12 dB, the back-off an OFDM signal with that
    PAPR needs if its peaks must stay below saturation without predistortion or clipping.
    """
    obo = np.linspace(0, 16, 161)
    fig, ax = figure(6.4, 3.4)
    ax.axvspan(8, 12, color=PALETTE[4], alpha=0.15, linewidth=0)
    ax.text(10, 76, "OFDM PAPR", ha="center", fontsize=8, color="0.3")
    ax.plot(obo, 100 * dpd.class_b_efficiency(obo), color=PALETTE[0], label="class B: (π/4)·10^(−OBO/20)")
    ax.plot(obo, 100 * dpd.class_a_efficiency(obo), color=PALETTE[1], label="class A: ½·10^(−OBO/10)")
    averaged = [dpd.class_b_average_efficiency(_at_output_backoff(b)) for b in obo]
    ax.plot(obo, 100 * np.array(averaged), "--", color=PALETTE[0], label="class B, OFDM envelope average")
    (point_b,) = ax.plot([], [], "o", color=PALETTE[0])
    (point_a,) = ax.plot([], [], "o", color=PALETTE[1])
    readout = ax.text(0.98, 0.6, "", transform=ax.transAxes, ha="right", fontsize=8)
    ax.set(xlabel="output back-off OBO (dB)", ylabel="drain efficiency (%)", xlim=(0, 16), ylim=(0, 82))
    ax.legend(loc="upper right", fontsize=8)

    def update(backoff_db):
        eta_b, eta_a = dpd.class_b_efficiency(backoff_db), dpd.class_a_efficiency(backoff_db)
        point_b.set_data([backoff_db], [100 * eta_b])
        point_a.set_data([backoff_db], [100 * eta_a])
        gained = dpd.class_b_efficiency(max(backoff_db - 3, 0)) / eta_b
        averaged = dpd.class_b_average_efficiency(_at_output_backoff(backoff_db))
        readout.set_text(
            f"OBO {backoff_db:.1f} dB: class B {100 * eta_b:.1f} % (sine), {100 * averaged:.1f} % (OFDM)\n"
            f"class A {100 * eta_a:.1f} %; 3 dB less back-off: class B ×{gained:.2f}"
        )

    def alt(backoff_db):
        return (
            f"Efficiency against output back-off: class B falls from 78.5 % as 10 to the minus OBO "
            f"over 20, class A from 50 % twice as fast in decibels; averaged over an OFDM envelope, "
            f"class B keeps about 1.13 times its sine-wave value. At {backoff_db:.1f} dB: class B "
            f"{100 * dpd.class_b_efficiency(backoff_db):.1f} % for a sine wave, "
            f"{100 * dpd.class_b_average_efficiency(_at_output_backoff(backoff_db)):.1f} % for OFDM; "
            f"class A {100 * dpd.class_a_efficiency(backoff_db):.1f} %."
        )

    controls = {"backoff_db": slider(np.arange(0.0, 16.01, 0.5).tolist(), backoff_db, "OBO (dB)")}
    return Panel(fig, update, controls, alt, dynamic=[point_b, point_a, readout])


# ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def dpa_sweep(max_order: int = 7, max_memory_depth: int = 30):
    """Memory-polynomial sweep on DPA_200MHz (train split fits, test split NMSE), cached."""
    xtr, ytr, _ = dpd.load_opendpd("DPA_200MHz", "train")
    xte, yte, _ = dpd.load_opendpd("DPA_200MHz", "test")
    return dpd.memory_polynomial_sweep(xtr, ytr, xte, yte, max_order, max_memory_depth), xte, yte


def pa_model_panel(order: int = 5, memory_depth: int = 4) -> Panel:
    """Test NMSE of memory-polynomial models of the measured DPA_200MHz amplifier.

    Left: NMSE against memory depth, one curve per nonlinear order (the chosen one bold). Right:
    measured output amplitude against input amplitude on the test split (grey) and the chosen
    model's prediction (colour): the spread of the grey cloud is memory, which a memoryless curve
    cannot follow.
    """
    sweep, xte, yte = dpa_sweep()
    k_max, m_count = sweep.nmse_db.shape
    depths = np.arange(m_count)
    basis = dpd.mp_basis(xte, k_max, m_count - 1)
    fig, (ax_n, ax_am) = figure(7.4, 3.4, ncols=2)
    for k in range(1, k_max + 1):
        ax_n.plot(depths, sweep.nmse_db[k - 1], color="0.75", linewidth=1)
    (chosen,) = ax_n.plot(depths, sweep.nmse_db[order - 1], color=PALETTE[0], linewidth=2.2)
    (point,) = ax_n.plot([], [], "o", color=PALETTE[1])
    ax_n.axhline(-29, color=PALETTE[1], linestyle=":", linewidth=1)
    ax_n.text(m_count - 1, -28.7, "−29 dB target", ha="right", fontsize=8, color=PALETTE[1])
    ax_n.set(xlabel="memory depth M", ylabel="test NMSE (dB)", xlim=(0, m_count - 1), ylim=(-36, -18))
    readout = ax_n.text(0.97, 0.97, "", transform=ax_n.transAxes, ha="right", va="top", fontsize=8)
    picks = np.linspace(0, xte.size - 1, 300).astype(int)  # enough to show the spread, light as a frame
    ax_am.plot(*_dots(np.abs(xte[picks]), np.abs(yte[picks]), 0.001), color="0.7", linewidth=2.2,
               solid_capstyle="round", label="measured")
    model_cloud = _dot_line(ax_am, PALETTE[0], width=2.2, label="model")
    ax_am.set(xlabel="|x| (input)", ylabel="|y| (output)", xlim=(0, 0.45), ylim=(0, 1.4))
    ax_am.legend(loc="upper left", fontsize=8)

    def prediction(order, memory_depth):
        columns = [tap * k_max + k for tap in range(memory_depth + 1) for k in range(order)]
        return basis[picks][:, columns] @ sweep.coefficients[(order, memory_depth)]

    def update(order, memory_depth):
        chosen.set_ydata(sweep.nmse_db[order - 1])
        value = sweep.nmse_db[order - 1, memory_depth]
        point.set_data([memory_depth], [value])
        model_cloud.set_data(*_dots(np.abs(xte[picks]), np.abs(prediction(order, memory_depth)), 0.001))
        readout.set_text(
            f"K = {order}, M = {memory_depth}: {order * (memory_depth + 1)} coefficients\n"
            f"test NMSE {value:.2f} dB, κ = {sweep.condition_number[order - 1, memory_depth]:.2g}"
        )

    def alt(order, memory_depth):
        return (
            f"Test NMSE of memory-polynomial models of the measured digital PA against memory depth; "
            f"order {order} and depth {memory_depth} give {sweep.nmse_db[order - 1, memory_depth]:.2f} dB. "
            f"Right: measured and modelled output amplitude against input amplitude."
        )

    controls = {
        "order": slider(list(range(1, k_max + 1)), order, "order K"),
        "memory_depth": slider([m for m in (0, 2, 4, 6, 8, 10, 15, 20, 25, 30) if m < m_count], memory_depth, "memory M"),
    }
    return Panel(fig, update, controls, alt, dynamic=[chosen, point, model_cloud, readout])


# ------------------------------------------------------------------------------------------------

DPD_DATASETS = {
    # dataset: (PA model order, memory depth, target-gain factor), the chapter's choices. The factor
    # scales the measured linear gain G so that the predistorted peaks stay inside the input range the
    # PA model was fitted on: 0.95 for the GaN Doherty PA; 0.8 for the strongly compressing digital
    # PA, whose input is already at digital full scale (|x| = 1): 0.8 G puts the predistorted peak
    # at 1.00, while 0.95 G would ask for 1.3 and drive the model outside its data.
    "APA_200MHz": (5, 4, 0.95),
    "DPA_200MHz": (5, 4, 0.8),
}


@lru_cache(maxsize=4)
def identified_pa(dataset: str):
    """(x, y, spec, pa_model, n_train): the PA model of a measured amplifier, fitted on its first part.

    APA_200MHz ships only a test split: the model is fitted on its first half and the second half
    is kept unseen. DPA_200MHz uses its train split for the PA fit and its test split for
    evaluation; the returned record is the last 8192 training samples followed by the test split
    (``n_train = 8192``), so that a predistorter is learned fast enough for a live panel.
    """
    order, depth, _ = DPD_DATASETS[dataset]
    if dataset == "APA_200MHz":
        x, y, spec = dpd.load_opendpd(dataset, "test")
        n_train = x.size // 2
    else:
        xtr, ytr, spec = dpd.load_opendpd(dataset, "train")
        xte, yte, _ = dpd.load_opendpd(dataset, "test")
        pa = dpd.fit_memory_polynomial(xtr, ytr, order, depth)
        n_train = 8192
        x, y = np.concatenate([xtr[-n_train:], xte]), np.concatenate([ytr[-n_train:], yte])
        return x, y, spec, pa, n_train
    pa = dpd.fit_memory_polynomial(x[:n_train], y[:n_train], order, depth)
    return x, y, spec, pa, n_train


def _output_metrics(name: str, z, x_held, spec: dict, n_held: int) -> dict:
    """A held-out PA output ``z`` with its ACLR (ours, OpenDPD's), waveform EVM and spectrum."""
    fs, bw = spec["input_signal_fs"], spec["bw_main_ch"]
    return {
        name: z,
        f"aclr_{name}": dpd.aclr_db(z, fs, bw, nperseg=2048),
        f"opendpd_{name}": dpd.aclr_opendpd(z, fs, bw, spec["n_sub_ch"], n_held),
        f"evm_{name}": dpd.evm_db(x_held, z, equalize=True),
        f"psd_{name}": dpd.power_spectrum(z, fs, 1024),
    }


@lru_cache(maxsize=4)
def _without_dpd(dataset: str) -> dict:
    """What no predistorter changes (cached apart, so a new DPD structure costs only its own fit)."""
    x, y, spec, pa, n_train = identified_pa(dataset)
    gain = DPD_DATASETS[dataset][2] * np.vdot(x[:n_train], y[:n_train]) / np.vdot(x[:n_train], x[:n_train])
    n_held = (x.size - n_train) // 2 * 2
    held = slice(n_train, n_train + n_held)
    wanted = gain * x[held]
    fs = spec["input_signal_fs"]
    return {
        "fs": fs, "bw": spec["bw_main_ch"], "gain": gain, "wanted": wanted,
        "psd_wanted": dpd.power_spectrum(wanted, fs, 1024),
        **_output_metrics("without", pa(x)[held], x[held], spec, n_held),
    }


@lru_cache(maxsize=64)
def dpd_outcome(dataset: str, order: int, memory_depth: int) -> dict:
    """ILA predistorter of the given structure through the identified PA model; held-out metrics.

    The target gain is a factor (``DPD_DATASETS``) times the measured linear gain, keeping the
    predistorted peaks inside the measured input range. Metrics on the held-out part (an even
    number of samples), without and with the predistorter: our ACLR (whole-channel, Welch nperseg
    2048), OpenDPD's ACLR (spec.json sub-channels, one segment), the NMSE of the output against
    G x ("waveform EVM"), and the spectrum (``psd_*``: frequencies and PSD, Welch nperseg 1024).
    """
    x, _, spec, pa, n_train = identified_pa(dataset)
    reference = _without_dpd(dataset)
    result = dpd.ila_predistorter(pa, x, order=order, memory_depth=memory_depth, iterations=2,
                                  gain=reference["gain"], n_train=n_train)
    n_held = reference["wanted"].size
    held = slice(n_train, n_train + n_held)
    return {**reference, **_output_metrics("with", pa(result.predistorter(x))[held], x[held], spec, n_held)}


def dpd_panel(dataset: str = "APA_200MHz", order: int = 5, memory_depth: int = 8) -> Panel:
    """Output spectrum of a measured amplifier's model without and with an ILA predistorter.

    Controls: the dataset and the predistorter's order and memory depth. Readout: ACLR (ours and
    OpenDPD's convention) and the waveform error after the best complex gain.
    """
    fig, ax = figure(6.8, 3.6)
    (wanted_line,) = ax.plot([], [], color="0.6", linewidth=1.0, label="ideal G·x")
    (without_line,) = ax.plot([], [], color=PALETTE[1], linewidth=1.0, label="PA model, no DPD")
    (with_line,) = ax.plot([], [], color=PALETTE[0], linewidth=1.0, label="PA model + ILA DPD")
    edges = [ax.axvline(0, color="0.8", linewidth=0.8) for _ in range(2)]
    ax.set(xlabel="frequency offset (MHz)", ylabel="PSD (dB, in-band = 0)", xlim=(-500, 500), ylim=(-90, 5))
    ax.legend(loc="upper right", fontsize=8)
    readout = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize=8,
                      bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})

    def update(dataset, order, memory_depth):
        out = dpd_outcome(dataset, order, memory_depth)
        reference = out["psd_wanted"][1].max()
        for line, key in ((wanted_line, "wanted"), (without_line, "without"), (with_line, "with")):
            f, s = out[f"psd_{key}"]
            line.set_data(f / 1e6, np.clip(_db(s / reference), -90, 20))
        for line, edge in zip(edges, (-out["bw"] / 2e6, out["bw"] / 2e6)):
            line.set_xdata([edge, edge])
        readout.set_text(
            f"{dataset}: DPD K = {order}, M = {memory_depth}\n"
            f"ACLR L/R (ours): {out['aclr_without'][0]:.1f}/{out['aclr_without'][1]:.1f} → "
            f"{out['aclr_with'][0]:.1f}/{out['aclr_with'][1]:.1f} dBc\n"
            f"ACLR L/R (OpenDPD spec): {out['opendpd_without'][0]:.1f}/{out['opendpd_without'][1]:.1f} → "
            f"{out['opendpd_with'][0]:.1f}/{out['opendpd_with'][1]:.1f} dBc\n"
            f"waveform error (best gain): {out['evm_without']:.1f} → {out['evm_with']:.1f} dB"
        )

    def alt(dataset, order, memory_depth):
        out = dpd_outcome(dataset, order, memory_depth)
        return (
            f"Spectra of the {dataset} amplifier model's output without and with a memory-polynomial "
            f"predistorter of order {order} and memory depth {memory_depth}: the worse neighbour's ACLR "
            f"goes from {max(out['aclr_without']):.1f} to {max(out['aclr_with']):.1f} dBc."
        )

    controls = {
        "dataset": choice(list(DPD_DATASETS), dataset, "amplifier"),
        "order": slider([1, 3, 5, 7], order, "DPD order"),
        "memory_depth": slider([0, 2, 4, 8], memory_depth, "DPD memory"),
    }
    return Panel(fig, update, controls, alt, dynamic=[wanted_line, without_line, with_line, *edges, readout])


# ------------------------------------------------------------------------------------------------

CFR_SUBCARRIERS, CFR_OVERSAMPLING = 1024, 4
CFR_PASSES = {"clipping only": 0, "1 pass": 1, "2 passes": 2, "4 passes": 4}


@lru_cache(maxsize=1)
def _cfr_signal():
    """The crest-factor-reduction panel's signal: 64-QAM OFDM, 1024 subcarriers, 4x oversampled."""
    return dpd.ofdm_signal(n_symbols=24, n_subcarriers=CFR_SUBCARRIERS, oversampling=CFR_OVERSAMPLING, qam_order=64, seed=7)


@lru_cache(maxsize=64)
def cfr_outcome(clip_db: float, passes: int) -> dict:
    """One CFR setting: the processed signal's power CCDF, per-symbol spectrum and figures of merit."""
    signal = _cfr_signal()
    if passes == 0:
        y = dpd.clip_and_filter(signal.samples, clip_db, CFR_SUBCARRIERS, CFR_OVERSAMPLING, filtering=False)
    else:
        y = dpd.clip_and_filter(signal.samples, clip_db, CFR_SUBCARRIERS, CFR_OVERSAMPLING, iterations=passes)
    return _cfr_measure(y)


def _cfr_measure(y) -> dict:
    signal = _cfr_signal()
    n_fft = CFR_SUBCARRIERS * CFR_OVERSAMPLING
    power = np.abs(y) ** 2 / np.mean(np.abs(y) ** 2)
    levels = np.linspace(0, 12, 49)
    ccdf = np.array([np.mean(power > 10 ** (z / 10)) for z in levels])
    spectrum = np.fft.fftshift(np.mean(np.abs(np.fft.fft(y.reshape(-1, n_fft), axis=1)) ** 2, axis=0))
    spectrum = spectrum.reshape(-1, 64).mean(axis=1)  # 64 display bins
    received = dpd.ofdm_demodulate(y, CFR_SUBCARRIERS, CFR_OVERSAMPLING)
    return {"levels": levels, "ccdf": ccdf, "spectrum": spectrum, "papr": dpd.papr_db(y),
            "evm": dpd.evm_db(signal.symbols, received, equalize=True) if np.any(received != signal.symbols) else -np.inf,
            "aclr": max(dpd.ofdm_aclr_db(y, CFR_SUBCARRIERS, CFR_OVERSAMPLING)),
            "class_b": dpd.average_efficiency(y, "class_b"), "doherty": dpd.average_efficiency(y, "doherty")}


def cfr_panel(clip_db: float = 6.0, passes: str = "4 passes") -> Panel:
    """Crest-factor reduction by repeated clipping and filtering (Armstrong 2002) of 64-QAM OFDM.

    Left: the probability that the instantaneous power exceeds a level above the mean, uncut (grey)
    and processed. Right: the per-symbol spectrum, uncut and processed. Controls: the clip level
    above the RMS and the number of clip-and-filter passes (or clipping only). The readout gives the
    PAPR, EVM, leakage into the adjacent channel and the average efficiency of an ideal class-B and
    Doherty amplifier sized for the signal's highest peak.
    """
    signal = _cfr_signal()
    uncut = _cfr_measure(signal.samples)
    frequency = np.linspace(-2, 2, 64, endpoint=False) + 2 / 64  # in channel widths
    fig, (ax_c, ax_s) = figure(7.4, 3.4, ncols=2)
    floor = 1e-5
    ax_c.semilogy(uncut["levels"], np.maximum(uncut["ccdf"], floor), color="0.6", label="uncut")
    (ccdf_line,) = ax_c.semilogy(uncut["levels"], np.maximum(uncut["ccdf"], floor), color=PALETTE[0], linewidth=2, label="after CFR")
    ax_c.set(xlabel="power above mean (dB)", ylabel="fraction of samples above", xlim=(0, 12), ylim=(floor, 1.2))
    ax_c.legend(loc="lower left", fontsize=8)
    reference = uncut["spectrum"].max()
    ax_s.plot(frequency, _db(uncut["spectrum"] / reference), color="0.6")
    (spectrum_line,) = ax_s.plot(frequency, _db(uncut["spectrum"] / reference), color=PALETTE[0], linewidth=1.6)
    ax_s.set(xlabel="frequency (channel widths)", ylabel="per-symbol PSD (dB)", xlim=(-2, 2), ylim=(-80, 5))
    readout = ax_s.text(0.98, 0.97, "", transform=ax_s.transAxes, ha="right", va="top", fontsize=8)

    def describe(clip_db, passes):
        out = cfr_outcome(clip_db, CFR_PASSES[passes])
        aclr = "below −100 dBc" if out["aclr"] < -100 else f"{out['aclr']:.1f} dBc"
        return out, (f"clip {clip_db:.1f} dB, {passes}: PAPR {out['papr']:.2f} dB (uncut {uncut['papr']:.2f}), "
                     f"EVM {out['evm']:.1f} dB, adjacent-channel leakage {aclr}; average efficiency "
                     f"class B {100 * out['class_b']:.1f} %, Doherty {100 * out['doherty']:.1f} % "
                     f"(uncut {100 * uncut['class_b']:.1f} %, {100 * uncut['doherty']:.1f} %)")

    def update(clip_db, passes):
        out, _ = describe(clip_db, passes)
        ccdf_line.set_ydata(np.maximum(out["ccdf"], floor))
        spectrum_line.set_ydata(_db(out["spectrum"] / reference))
        aclr = "< −100" if out["aclr"] < -100 else f"{out['aclr']:.1f}"
        readout.set_text(f"PAPR {out['papr']:.2f} dB, EVM {out['evm']:.1f} dB\nACLR {aclr} dBc\n"
                         f"class B {100 * out['class_b']:.1f} %, Doherty {100 * out['doherty']:.1f} %")

    def alt(clip_db, passes):
        return ("Crest-factor reduction of 64-QAM OFDM: left, the fraction of samples whose power exceeds "
                "a level above the mean, uncut and processed; right, the per-symbol spectrum. "
                + describe(clip_db, passes)[1] + ".")

    controls = {
        "clip_db": slider(np.arange(4.0, 10.01, 1.0).tolist(), clip_db, "clip level (dB above RMS)"),
        "passes": choice(list(CFR_PASSES), passes, "clip-and-filter passes"),
    }
    return Panel(fig, update, controls, alt, dynamic=[ccdf_line, spectrum_line, readout])
