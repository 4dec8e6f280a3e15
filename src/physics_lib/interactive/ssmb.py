"""Figures and widget panels for the SSMB chapter (physics in :mod:`physics_lib.ssmb`).

Panels: :func:`coherence_panel` (N versus N²), :func:`modulation_panel` (laser modulation +
dispersion: phase space and bunching spectrum), :func:`one_turn_map_panel` (the steady-state
map: portrait and bunching over turns), :func:`undulator_panel` (period and K for 13.5 nm) and
:func:`power_uncertainty_panel` (average power against microbunch length, F⊥ and bunched fraction).
Phase-space plots are 2-D histograms drawn as images, so a frame stays a few kB however many
particles it shows.
"""

from __future__ import annotations

import numpy as np

from .. import ssmb
from .panel import PALETTE, Panel, figure, slider, toggle

__all__ = ["coherence_panel", "modulation_panel", "one_turn_map_panel", "undulator_panel", "power_uncertainty_panel"]

EUV_WAVELENGTH = 13.5e-9  # m
SIGMA_GRID_NM = [0.3, 0.5, 0.7, 1.0, 1.3, 1.6, 2.0, 2.5, 3.0, 4.0, 5.0, 6.5, 8.0, 10.0, 15.0, 20.0]
WAVELENGTH_GRID_NM = [6.7, 10.0, 13.5, 20.0, 30.0, 50.0]  # 6.7 nm: the "Blue-X" next step


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
        n_cross = 1.0 / b**2 if b > 0 else np.inf  # where N|b|^2 = 1: coherent equals incoherent
        crossover.set_xdata([min(n_cross, 1e10)] * 2)
        readout.set_text(
            f"σz = {sigma_nm:.3g} nm, λ = {wavelength_nm:.3g} nm\n"
            f"|b| = {b:.3g}; coherent wins above N ≈ {n_cross:.2g}"
        )

    def alt(sigma_nm, wavelength_nm):
        b = ssmb.gaussian_bunching_factor(sigma_nm * 1e-9, wavelength_nm * 1e-9)
        return (
            f"Log-log plot of radiated power against electron number N. Incoherent power grows as N "
            f"(slope 1), fully coherent as N squared (slope 2). For a Gaussian bunch of RMS length "
            f"{sigma_nm:.3g} nm radiating at {wavelength_nm:.3g} nm the bunching factor is {b:.3g}, "
            + (
                f"so the curve follows N and bends to slope 2 above N of about {1 / b**2:.2g}."
                if b > 1e-150
                else "which is effectively zero: the bunch radiates incoherently at any N."
            )
        )

    controls = {
        "sigma_nm": slider(SIGMA_GRID_NM, sigma_nm, "σz (nm)"),
        "wavelength_nm": slider(WAVELENGTH_GRID_NM, wavelength_nm, "λ (nm)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[bunch_line, crossover, readout])


def _density(x, y, bins, extent):
    """Normalised 2-D histogram (rows = y) for an image, log-compressed so sparse tails show."""
    counts, _, _ = np.histogram2d(y, x, bins=bins, range=[extent[2:], extent[:2]])
    return np.log1p(counts) / max(np.log1p(counts).max(), 1e-12)


def modulation_panel(
    modulation: float = 3.0, dispersion: float = 0.3, n_particles: int = 10_000, seed: int = 1
) -> Panel:
    """Laser modulation A and dispersion χ: longitudinal phase space and the bunching spectrum.

    Left: density of macro-particles in (phase φ/2π over two laser periods, energy q = δ/σδ)
    after the modulator and the dispersive section.  Right: bunching at harmonics n = 1..40,
    analytic |Jₙ(nAχ)|·exp(−n²χ²/2) (line) and from the same macro-particles (dots), with the
    statistical floor 1/√N.  Controls: ``modulation`` A (units of the energy spread) and
    ``dispersion`` χ = R₅₆ k_L σδ.
    """
    rng = np.random.default_rng(seed)
    theta0 = rng.uniform(0, 2 * np.pi, n_particles)
    p0 = rng.standard_normal(n_particles)
    harmonics = np.arange(1, 41)
    extent = (0.0, 2.0, -12.0, 12.0)

    fig, (ax_ps, ax_b) = figure(8.0, 3.6, ncols=2, width_ratios=[1, 1.25])
    image = ax_ps.imshow(
        np.zeros((80, 120)), origin="lower", extent=extent, aspect="auto", cmap="Blues",
        vmin=0, vmax=1, interpolation="none",
    )
    ax_ps.set(xlabel="phase φ / 2π (laser periods)", ylabel="energy q = δ/σδ")
    ax_ps.grid(False)
    (analytic,) = ax_b.semilogy(harmonics, np.ones(harmonics.size), color=PALETTE[0], label="|Jₙ(nAχ)|·e^(−n²χ²/2)")
    (simulated,) = ax_b.semilogy(harmonics, np.ones(harmonics.size), ".", color=PALETTE[1], label=f"{n_particles:,} macro-particles")
    ax_b.axhline(1 / np.sqrt(n_particles), color="0.5", linewidth=1, linestyle="--", label="noise floor 1/√N")
    ax_b.set(xlabel="harmonic n of the laser", ylabel="bunching |bₙ|", ylim=(1e-4, 1), xlim=(0, 41))
    ax_b.legend(loc="upper right", fontsize=7)
    readout = ax_ps.text(0.03, 0.97, "", transform=ax_ps.transAxes, va="top", fontsize=8,
                         bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})

    def state(modulation, dispersion):
        p = p0 + modulation * np.sin(theta0)
        theta = theta0 + dispersion * p
        return theta, p

    def update(modulation, dispersion):
        theta, p = state(modulation, dispersion)
        shown = np.mod(theta, 2 * np.pi) / (2 * np.pi)  # the beam is periodic: draw two periods
        image.set_data(_density(np.concatenate([shown, shown + 1]), np.concatenate([p, p]), (80, 120), extent))
        phasor = np.exp(1j * theta)
        powers = np.cumprod(np.broadcast_to(phasor, (harmonics.size, phasor.size)), axis=0)
        b_sim = np.abs(powers.mean(axis=1))
        b_ana = np.array([ssmb.harmonic_bunching(n, modulation, dispersion) for n in harmonics])
        analytic.set_ydata(np.maximum(b_ana, 1e-5))
        simulated.set_ydata(np.maximum(b_sim, 1e-5))
        readout.set_text(f"A = {modulation:.2g}, χ = {dispersion:.3g}\n|b₁| = {b_ana[0]:.3f}, |b₁₀| = {b_ana[9]:.2g}")

    def alt(modulation, dispersion):
        b1 = ssmb.harmonic_bunching(1, modulation, dispersion)
        b10 = ssmb.harmonic_bunching(10, modulation, dispersion)
        return (
            f"Left: longitudinal phase space after an energy modulation of {modulation:.2g} times the "
            f"energy spread and a dispersion χ = {dispersion:.3g}; the sine wave of energy is sheared "
            f"into tilted stripes one laser wavelength apart. Right: bunching factor against harmonic "
            f"number on a log scale; analytic curve and macro-particle dots agree above the noise floor. "
            f"Bunching is {b1:.3f} at the laser wavelength and {b10:.2g} at the tenth harmonic."
        )

    controls = {
        "modulation": slider([0.5, 1.0, 2.0, 3.0, 5.0, 10.0], modulation, "A (ΔE/σE)"),
        "dispersion": slider([0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.2, 1.6, 2.0], dispersion, "dispersion χ"),
    }
    return Panel(fig, update, controls, alt, dynamic=[image, analytic, simulated, readout])


def one_turn_map_panel(kick: float = 0.5, seed: int = 2) -> Panel:
    """The one-turn map p → p + κ sin φ, φ → φ + p: phase-space portrait and bunching over turns.

    Left: density of 60 orbits over 300 turns (islands around φ = π, chaos between them as K
    grows).  Right: bunching |⟨e^{iφ}⟩| of a Gaussian beam started at the stable point, over
    200 turns, and its Gaussian-equivalent length.  Control: ``kick`` κ.
    """
    rng = np.random.default_rng(seed)
    orbit_phase = rng.uniform(0, 2 * np.pi, 60)
    orbit_momentum = rng.uniform(-np.pi, np.pi, 60)
    beam_phase = rng.normal(np.pi, 0.6, 300)
    beam_momentum = rng.normal(0.0, 0.3, 300)
    extent = (0.0, 1.0, -0.5, 0.5)
    n_beam_turns = 200

    fig, (ax_map, ax_b) = figure(8.0, 3.6, ncols=2)
    image = ax_map.imshow(
        np.zeros((120, 120)), origin="lower", extent=extent, aspect="auto", cmap="Greys",
        vmin=0, vmax=1, interpolation="none",
    )
    ax_map.set(xlabel="phase φ / 2π", ylabel="momentum p / 2π")
    ax_map.grid(False)
    (line,) = ax_b.plot(np.arange(n_beam_turns + 1), np.ones(n_beam_turns + 1), color=PALETTE[0], label="|b₁| at the laser wavelength")
    ax_b.set(xlabel="turn", ylabel="bunching |b₁|", ylim=(0, 1), xlim=(0, n_beam_turns))
    ax_b.legend(loc="upper right", fontsize=8)
    readout = ax_b.text(0.03, 0.05, "", transform=ax_b.transAxes, fontsize=8)

    def update(kick):
        phases, momenta = ssmb.one_turn_map_orbits(orbit_phase, orbit_momentum, kick, 300)
        wrapped_p = (np.mod(momenta + np.pi, 2 * np.pi) - np.pi) / (2 * np.pi)
        image.set_data(_density(phases.ravel() / (2 * np.pi), wrapped_p.ravel(), (120, 120), extent))
        beam, _ = ssmb.one_turn_map_orbits(beam_phase, beam_momentum, kick, n_beam_turns)
        b = np.hypot(np.cos(beam).mean(axis=1), np.sin(beam).mean(axis=1))
        line.set_ydata(b)
        tune = f"νs = {ssmb.standard_map_tune(kick):.3f}" if abs(kick) < 4 else "fixed point unstable (κ > 4)"
        length = ssmb.gaussian_equivalent_length(max(b[-1], 1e-12), 2 * np.pi)
        readout.set_text(f"κ = {kick:.2f}: {tune}\nafter {n_beam_turns} turns |b₁| = {b[-1]:.2f} (σφ ≈ {length:.2f} rad)")

    def alt(kick):
        state = "regular islands" if kick < 0.97 else ("islands in a chaotic sea" if kick < 4 else "mostly chaos")
        return (
            f"Left: phase-space portrait of the one-turn map with kick strength κ = {kick:.2f}, showing "
            f"{state}. Right: bunching factor of a beam over 200 turns; it stays high while the beam "
            f"sits inside a stable island and collapses when the kick makes the motion chaotic."
        )

    kicks = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0]
    controls = {"kick": slider(kicks, kick, "kick κ")}
    return Panel(fig, update, controls, alt, dynamic=[image, line, readout])


def undulator_panel(energy_MeV: float = 400.0, k_value: float = 1.0, wavelength_nm: float = 13.5) -> Panel:
    """Undulator design: the period and peak field that make ``wavelength_nm`` resonant.

    For beam energy ``energy_MeV``, the period λu = 2γ²λ/(1 + K²/2) and the field
    B₀ = 2π mₑc K/(e λu) as functions of K; a marker at the chosen ``k_value``.
    """
    k_grid = np.linspace(0.1, 4.0, 200)
    fig, (ax_period, ax_field) = figure(8.0, 3.4, ncols=2)
    (period_line,) = ax_period.plot(k_grid, np.ones_like(k_grid), color=PALETTE[0])
    (period_dot,) = ax_period.plot([1.0], [1.0], "o", color=PALETTE[1])
    ax_period.set(xlabel="undulator parameter K", ylabel="period λu (mm)", xlim=(0, 4.1), ylim=(1, 200), yscale="log")
    (field_line,) = ax_field.plot(k_grid, np.ones_like(k_grid), color=PALETTE[2])
    (field_dot,) = ax_field.plot([1.0], [1.0], "o", color=PALETTE[1])
    ax_field.set(xlabel="undulator parameter K", ylabel="peak field B₀ (T)", xlim=(0, 4.1), ylim=(0, 3))
    readout = ax_period.text(0.97, 0.95, "", transform=ax_period.transAxes, ha="right", va="top", fontsize=8,
                             bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})

    def design(energy_MeV, k_value):
        gamma = ssmb.lorentz_factor(energy_MeV * 1e6)
        period = ssmb.undulator_period_for(wavelength_nm * 1e-9, gamma, k_value)
        field = k_value / ssmb.undulator_parameter(1.0, period)
        return gamma, period, field

    def update(energy_MeV, k_value):
        gamma = ssmb.lorentz_factor(energy_MeV * 1e6)
        periods = ssmb.undulator_period_for(wavelength_nm * 1e-9, gamma, k_grid)
        period_line.set_ydata(periods * 1e3)
        field_line.set_ydata(k_grid / ssmb.undulator_parameter(1.0, periods))
        gamma, period, field = design(energy_MeV, k_value)
        period_dot.set_data([k_value], [min(period * 1e3, 200)])
        field_dot.set_data([k_value], [min(field, 3)])
        readout.set_text(
            f"E = {energy_MeV:.0f} MeV (γ = {gamma:.0f}), λ = {wavelength_nm:g} nm\n"
            f"K = {k_value:.2f}: λu = {period * 1e3:.1f} mm, B₀ = {field:.2f} T"
        )

    def alt(energy_MeV, k_value):
        _, period, field = design(energy_MeV, k_value)
        return (
            f"Undulator period and peak field needed to radiate {wavelength_nm:g} nm from a "
            f"{energy_MeV:.0f} MeV beam, as functions of K. At K = {k_value:.2f} the period is "
            f"{period * 1e3:.1f} mm and the field {field:.2f} tesla."
        )

    controls = {
        "energy_MeV": slider([200.0, 300.0, 400.0, 500.0, 600.0, 800.0, 1000.0], energy_MeV, "E (MeV)"),
        "k_value": slider([0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0], k_value, "K"),
    }
    return Panel(fig, update, controls, alt, dynamic=[period_line, period_dot, field_line, field_dot, readout])


def power_uncertainty_panel(f_perp: float = 1.0, bunched_fraction: float = 1.0, on_resonance: bool = False) -> Panel:
    """Average coherent power of the reference SSMB case against the RMS microbunch length.

    The reference case of the chapter (1 A, 400 MeV, 1064 nm laser at harmonic 79, 100 periods of
    11 mm) from :func:`physics_lib.ssmb.ssmb_power_estimate`, with the transverse factor ``f_perp``,
    the fraction of electrons in microbunches ``bunched_fraction`` and the undulator tuned either
    for maximum power or on resonance (half the coherent power).  The source's claim of about 1 kW
    is a horizontal line; the two readings of "about 3 nm" (RMS, and full width at half maximum)
    are vertical lines.
    """
    reference = ssmb.ssmb_power_estimate(1.0, 400e6, 1064e-9, 13.5e-9, 3e-9, 0.011, 100)
    wavelength, K = reference.radiated_wavelength, reference.undulator_K
    full = ssmb.coherent_undulator_power(1.0, 1.0, reference.n_periods, K)  # W at |b| = 1
    incoherent = reference.incoherent_peak_power
    k = 2 * np.pi / wavelength
    sigma_nm = np.linspace(0.2, 8.0, 200)
    fwhm_reading = 3.0 / ssmb.GAUSSIAN_FWHM_PER_RMS

    fig, ax = figure(6.4, 3.8)
    ax.axhline(1e3, color="0.4", linestyle="--", linewidth=1)
    ax.text(7.9, 1.3e3, "source's claim: about 1 kW", ha="right", fontsize=8, color="0.3")
    for x, label in ((3.0, "3 nm as RMS"), (fwhm_reading, "3 nm as FWHM")):
        ax.axvline(x, color="0.6", linestyle=":", linewidth=1)
        ax.text(x + 0.08, 2e5, label, fontsize=8, color="0.3", rotation=90, va="top")
    (curve,) = ax.semilogy(sigma_nm, np.ones_like(sigma_nm), color=PALETTE[0], label="average power at the undulator exit")
    readout = ax.text(0.97, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=8,
                      bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set(xlabel="RMS microbunch length σz (nm)", ylabel="average power (W)", xlim=(0, 8.0), ylim=(1.0, 1e6))
    ax.legend(loc="lower left", fontsize=8)

    def power(sigma, f_perp, bunched_fraction, on_resonance):
        tuning = 0.5 if on_resonance else 1.0
        return f_perp * bunched_fraction**2 * tuning * full * np.exp(-((k * sigma * 1e-9) ** 2)) + incoherent

    def numbers(f_perp, bunched_fraction, on_resonance):
        tuning = 0.5 if on_resonance else 1.0
        ratio = f_perp * bunched_fraction**2 * tuning * full / (1e3 - incoherent)
        sigma_kw = np.sqrt(np.log(ratio)) / k * 1e9 if ratio > 1 else 0.0
        p_rms = float(power(3.0, f_perp, bunched_fraction, on_resonance))
        p_fwhm = float(power(fwhm_reading, f_perp, bunched_fraction, on_resonance))
        return sigma_kw, p_rms, p_fwhm

    def update(f_perp, bunched_fraction, on_resonance):
        curve.set_ydata(power(sigma_nm, f_perp, bunched_fraction, on_resonance))
        sigma_kw, p_rms, p_fwhm = numbers(f_perp, bunched_fraction, on_resonance)
        reach = f"1 kW needs σz ≤ {sigma_kw:.2f} nm" if sigma_kw > 0 else "1 kW out of reach at any σz"
        readout.set_text(
            f"F⊥ = {f_perp:g}, fb = {bunched_fraction:g}, {'on resonance' if on_resonance else 'best tuning'}\n"
            f"{reach}\n3 nm RMS: {p_rms:,.0f} W; 3 nm FWHM: {p_fwhm:,.0f} W"
        )

    def alt(f_perp, bunched_fraction, on_resonance):
        sigma_kw, p_rms, p_fwhm = numbers(f_perp, bunched_fraction, on_resonance)
        reach = (f"It reaches the source's claim of about 1 kW for microbunches of {sigma_kw:.2f} nm RMS or "
                 "shorter" if sigma_kw > 0 else "It never reaches the source's claim of about 1 kW")
        return (
            f"Average power of the reference SSMB case against RMS microbunch length, on a log scale, with "
            f"transverse factor F⊥ = {f_perp:g}, bunched fraction {bunched_fraction:g} and the undulator "
            f"{'tuned on resonance' if on_resonance else 'tuned for maximum power'}. The power falls as "
            f"exp(−k²σz²). {reach}. Reading 3 nm as an RMS gives {p_rms:,.0f} W; as a full width at half "
            f"maximum, {p_fwhm:,.0f} W."
        )

    controls = {
        "f_perp": slider([0.1, 0.2, 0.3, 0.5, 0.7, 1.0], f_perp, "F⊥"),
        "bunched_fraction": slider([0.25, 0.5, 0.75, 1.0], bunched_fraction, "bunched fraction fb"),
        "on_resonance": toggle(on_resonance, "undulator tuning", labels=("best", "on resonance")),
    }
    return Panel(fig, update, controls, alt, dynamic=[curve, readout])
