"""Figures and widget panels for the SSMB chapter (physics in :mod:`physics_lib.ssmb`)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import ssmb
from .panel import Panel, figure

__all__ = ["coherence_panel"]

EUV_WAVELENGTH = 13.5e-9  # m


def _crossover(b: float) -> float:
    """N at which the coherent term N(N-1)|b|² overtakes the incoherent N: N|b|² = 1."""
    return 1.0 / b**2 if b > 1e-150 else float("inf")  # |b|² would underflow below 1e-300


def _crossover_text(b: float) -> str:
    n_cross = _crossover(b)
    return f"{n_cross:.2g}" if n_cross < float("inf") else "never (|b| < 10⁻¹⁵⁰)"


def coherence_panel(sigma_nm: float = 2.0, wavelength_nm: float = 13.5) -> Panel:
    """Radiated power of N electrons vs N: incoherent (slope 1), coherent (slope 2) and a Gaussian bunch.

    Controls: RMS bunch length ``sigma_nm`` and radiated wavelength ``wavelength_nm`` (nanometres).
    """
    n = np.logspace(0, 10, 200)
    fig, ax = figure(6.4, 3.8)
    ax.loglog(n, n, "--", label="incoherent: N")
    ax.loglog(n, n**2, ":", label="fully coherent: N²")
    (bunch_line,) = ax.loglog(n, n, label="Gaussian bunch: N + N(N−1)|b|²")
    crossover = ax.axvline(1.0, color="0.4", linewidth=1)
    readout = ax.text(0.02, 0.96, "", transform=ax.transAxes, va="top", fontsize=9)
    ax.set(xlabel="electrons in the bunch, N", ylabel="power / one electron's power")
    ax.set_ylim(1, 1e20)
    ax.legend(loc="lower right", fontsize=8)

    def update(sigma_nm, wavelength_nm):
        b = ssmb.gaussian_bunching_factor(sigma_nm * 1e-9, wavelength_nm * 1e-9)
        bunch_line.set_ydata(ssmb.coherent_power_factor(n, b))
        n_cross = _crossover(b)
        crossover.set_xdata([min(n_cross, 1e10)] * 2)
        crossover.set_visible(n_cross <= 1e10)
        readout.set_text(
            f"σz = {sigma_nm:.3g} nm, λ = {wavelength_nm:.3g} nm\n"
            f"|b| = {b:.3g}; coherent wins above N ≈ {_crossover_text(b)}"
        )

    def alt(sigma_nm, wavelength_nm):
        b = ssmb.gaussian_bunching_factor(sigma_nm * 1e-9, wavelength_nm * 1e-9)
        return (
            f"Log-log plot of radiated power against electron number N. Incoherent power grows as N "
            f"(slope 1), fully coherent as N squared (slope 2). For a Gaussian bunch of RMS length "
            f"{sigma_nm:.3g} nm radiating at {wavelength_nm:.3g} nm the bunching factor is {b:.3g}, "
            f"so the curve follows N and bends to slope 2 above N of about {_crossover_text(b)}."
        )

    controls = {
        "sigma_nm": widgets.FloatLogSlider(
            value=sigma_nm, base=10, min=-1, max=1.5, step=0.05, description="σz (nm)"
        ),
        "wavelength_nm": widgets.FloatSlider(
            value=wavelength_nm, min=5.0, max=50.0, step=0.5, description="λ (nm)"
        ),
    }
    return Panel(fig, update, controls, alt, dynamic=[bunch_line, crossover, readout])
