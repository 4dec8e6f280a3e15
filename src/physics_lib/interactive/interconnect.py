"""Figures and widget panels for the interconnect chapter (physics in :mod:`physics_lib.interconnect`)."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection

from .. import interconnect as ic
from .panel import PALETTE, Panel, figure, slider

__all__ = ["bandwidth_panel", "warpage_panel", "dies_panel", "solder_life_panel"]

_MARKERS = ["o", "s", "D", "^", "v"]


def _wired_technologies():
    """Technologies with a line/space value: (name, wiring pitch in µm)."""
    return [(t.name, 2 * t.line_space.value * 1e6) for t in ic.TECHNOLOGIES if t.line_space.value is not None]


def bandwidth_panel(bit_rate_gbps: float = 8.0, layers: int = 2, target_tbps_per_mm: float = 1.0) -> Panel:
    """Shoreline bandwidth (Tb/s per mm of die edge) against wiring pitch, with each technology marked.

    Controls: bit rate per wire ``bit_rate_gbps`` (Gb/s), routing ``layers``, and a bandwidth
    target ``target_tbps_per_mm`` (Tb/s per mm). The vertical line is the coarsest pitch that
    meets the target; technologies to its right cannot.
    """
    pitch_um = np.logspace(np.log10(0.5), 2, 120)
    techs = _wired_technologies()
    fig, ax = figure(6.4, 3.9)
    fig.get_layout_engine().set(h_pad=0.25, w_pad=0.1)  # room for browser font metrics
    (curve,) = ax.loglog(pitch_um, pitch_um, color=PALETTE[0], label="N·r/p")
    points = []
    for i, (name, pitch) in enumerate(techs):
        (point,) = ax.loglog([pitch], [1.0], _MARKERS[i], color=PALETTE[i + 1], markersize=8,
                             label=f"{name} ({pitch:g} µm)")
        points.append(point)
    target = ax.axhline(1.0, color="0.3", linestyle="--", linewidth=1.2)
    limit = ax.axvline(1.0, color="0.3", linestyle=":", linewidth=1.2)
    readout = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=8.5,
                      bbox={"facecolor": "white", "edgecolor": "0.8", "alpha": 0.9})
    ax.set(xlabel="wiring pitch p = line + space (µm)", ylabel="bandwidth per mm of edge (Tb/s/mm)")
    ax.set_xlim(0.5, 100)
    ax.set_ylim(1e-3, 1e3)
    ax.legend(loc="lower left", fontsize=7.5)

    def bandwidth(pitch, bit_rate_gbps, layers):
        wires = ic.wiring_density(pitch * 1e-6 / 2, pitch * 1e-6 / 2, layers)
        return ic.shoreline_bandwidth(wires, bit_rate_gbps * 1e9) / 1e15  # Tb/s per mm

    def update(bit_rate_gbps, layers, target_tbps_per_mm):
        curve.set_ydata(bandwidth(pitch_um, bit_rate_gbps, layers))
        for point, (_, pitch) in zip(points, techs):
            point.set_ydata([bandwidth(pitch, bit_rate_gbps, layers)])
        p_max = ic.max_wire_pitch(target_tbps_per_mm * 1e15, bit_rate_gbps * 1e9, layers) * 1e6
        target.set_ydata([target_tbps_per_mm] * 2)
        limit.set_xdata([min(max(p_max, 0.5), 100)] * 2)
        able = [name.split(" (")[0] for name, pitch in techs if pitch <= p_max]
        readout.set_text(
            f"{layers} layer{'s' if layers > 1 else ''} × {bit_rate_gbps:g} Gb/s per wire\n"
            f"target {target_tbps_per_mm:g} Tb/s/mm needs p ≤ {p_max:.3g} µm\n"
            f"meets it: {', '.join(able) if able else 'none'}"
        )

    def alt(bit_rate_gbps, layers, target_tbps_per_mm):
        p_max = ic.max_wire_pitch(target_tbps_per_mm * 1e15, bit_rate_gbps * 1e9, layers) * 1e6
        able = [name for name, pitch in techs if pitch <= p_max]
        return (
            f"Log-log plot of bandwidth per millimetre of die edge against wiring pitch, falling as one "
            f"over pitch, for {layers} routing layers at {bit_rate_gbps:g} Gb/s per wire. A target of "
            f"{target_tbps_per_mm:g} Tb/s per mm needs a pitch of {p_max:.3g} µm or finer; "
            f"technologies that meet it: {', '.join(able) if able else 'none'}."
        )

    controls = {
        "bit_rate_gbps": slider([1.0, 2.0, 4.0, 8.0, 16.0, 32.0], bit_rate_gbps, "Gb/s per wire"),
        "layers": slider([1, 2, 4, 8], layers, "layers"),
        "target_tbps_per_mm": slider([0.01, 0.1, 1.0, 10.0, 100.0], target_tbps_per_mm, "target Tb/s/mm"),
    }
    return Panel(fig, update, controls, alt, dynamic=[curve, *points, target, limit, readout])


def warpage_panel(glass_cte_ppm: float = 3.0, delta_t: float = 100.0, limit_um: float = 100.0) -> Panel:
    """Warpage of a silicon-on-core package against its side: organic core versus glass core.

    Controls: the glass core's expansion coefficient ``glass_cte_ppm`` (ppm/K, tunable in glass),
    the cool-down ``delta_t`` (K) from the stress-free temperature, and the allowed warpage
    ``limit_um`` (µm). Vertical lines mark the largest package under the limit for each core.
    The model is Timoshenko's bilayer with biaxial moduli (:data:`physics_lib.interconnect.MATERIALS`).
    """
    si, organic, glass = (ic.MATERIALS[k] for k in ("silicon", "organic", "glass"))
    side_mm = np.linspace(10, 300, 146)
    fig, ax = figure(6.4, 3.8)
    fig.get_layout_engine().set(h_pad=0.25, w_pad=0.1)  # room for browser font metrics
    (org_line,) = ax.semilogy(side_mm, side_mm, color=PALETTE[1], label=f"organic core ({organic.cte.value * 1e6:g} ppm/K)")
    (glass_line,) = ax.semilogy(side_mm, side_mm, color=PALETTE[0], label="glass core")
    limit_line = ax.axhline(1.0, color="0.3", linestyle="--", linewidth=1.2, label="warpage limit")
    org_max = ax.axvline(10, color=PALETTE[1], linestyle=":", linewidth=1.2)
    glass_max = ax.axvline(10, color=PALETTE[0], linestyle=":", linewidth=1.2)
    ax.axvline(240, color="0.6", linewidth=0.8)
    ax.text(236, 3e4, "240 mm", rotation=90, ha="right", va="top", fontsize=8, color="0.4")
    readout = ax.text(0.02, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8.5,
                      bbox={"facecolor": "white", "edgecolor": "0.8", "alpha": 0.9})
    ax.set(xlabel="package side L (mm)", ylabel="corner warpage κL²/4 (µm)")
    ax.set_xlim(10, 300)
    ax.set_ylim(0.1, 1e5)
    ax.legend(loc="lower right", fontsize=8)

    def curvature(core, cte, delta_t):
        return ic.bilayer_curvature(si.cte.value, cte, -delta_t, si.thickness.value, core.thickness.value,
                                    si.biaxial, core.biaxial)

    def update(glass_cte_ppm, delta_t, limit_um):
        k_org = curvature(organic, organic.cte.value, delta_t)
        k_glass = curvature(glass, glass_cte_ppm * 1e-6, delta_t)
        org_line.set_ydata(np.abs(ic.warpage(k_org, side_mm * 1e-3)) * 1e6)
        glass_line.set_ydata(np.maximum(np.abs(ic.warpage(k_glass, side_mm * 1e-3)) * 1e6, 1e-3))
        limit_line.set_ydata([limit_um] * 2)
        l_org = ic.max_package_side(k_org, limit_um * 1e-6) * 1e3
        l_glass = ic.max_package_side(k_glass, limit_um * 1e-6) * 1e3
        org_max.set_xdata([min(l_org, 300)] * 2)
        glass_max.set_xdata([min(l_glass, 300)] * 2)
        glass_text = f"{l_glass:.0f} mm" if np.isfinite(l_glass) and l_glass < 1e4 else "no limit (CTE matched)"
        readout.set_text(
            f"cool-down ΔT = {delta_t:.0f} K, limit {limit_um:.0f} µm\n"
            f"largest package: organic {l_org:.0f} mm, glass {glass_text}"
        )

    def alt(glass_cte_ppm, delta_t, limit_um):
        k_org = curvature(organic, organic.cte.value, delta_t)
        k_glass = curvature(glass, glass_cte_ppm * 1e-6, delta_t)
        l_org = ic.max_package_side(k_org, limit_um * 1e-6) * 1e3
        l_glass = ic.max_package_side(k_glass, limit_um * 1e-6) * 1e3
        glass_text = f"{l_glass:.0f} mm" if np.isfinite(l_glass) and l_glass < 1e4 else "unlimited"
        return (
            f"Plot, logarithmic vertical axis, of corner warpage against package side, rising as the side squared, for a "
            f"silicon layer on an organic core and on a glass core of {glass_cte_ppm:.2g} ppm/K, cooled by "
            f"{delta_t:.0f} K. Under a {limit_um:.0f} µm limit the largest package is {l_org:.0f} mm "
            f"on organic and {glass_text} on glass."
        )

    controls = {
        "glass_cte_ppm": slider([2.6, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0], glass_cte_ppm, "glass α (ppm/K)"),
        "delta_t": slider([25.0, 50.0, 100.0, 150.0, 200.0, 250.0], delta_t, "ΔT (K)"),
        "limit_um": slider([25.0, 50.0, 100.0, 200.0, 300.0], limit_um, "limit (µm)"),
    }
    return Panel(fig, update, controls, alt,
                 dynamic=[org_line, glass_line, limit_line, org_max, glass_max, readout])


def dies_panel(side_mm: float = 240.0, density_mtr_per_mm2: float = 98.3, spacing_mm: float = 1.0) -> Panel:
    """Reticle-sized dies on a square package of growing side, and the transistors they hold.

    Controls: the package side ``side_mm`` (mm), the transistor density ``density_mtr_per_mm2``
    (millions per mm²; the H100 has about 98) and the gap between dies ``spacing_mm`` (mm).
    The left axes draw the die grid on the package; the right axes plot transistors against side
    with the one-trillion line.
    """
    width, height = (v.value * 1e3 for v in ic.RETICLE_FIELD)
    sides = np.linspace(20, 300, 281)
    fig, (ax_grid, ax_count) = figure(7.4, 3.9, ncols=2, width_ratios=[1, 1.4])
    fig.get_layout_engine().set(h_pad=0.25, w_pad=0.1)  # room for browser font metrics
    grid = PolyCollection([], facecolor=PALETTE[5], edgecolor=PALETTE[0], linewidth=0.6)
    ax_grid.add_collection(grid)
    package = ax_grid.add_patch(_rectangle(240, 240, fill=False, edgecolor="0.2", linewidth=1.5))
    ax_grid.set_xlim(-5, 305)
    ax_grid.set_ylim(-5, 305)
    ax_grid.set_aspect("equal")
    ax_grid.set(xlabel="mm", title="reticle dies (26 × 33 mm)")
    ax_grid.title.set_fontsize(9)
    (count_line,) = ax_count.semilogy(sides, sides, color=PALETTE[0], drawstyle="steps-post",
                                      label="transistors on the dies")
    ax_count.axhline(1e12, color=PALETTE[1], linestyle="--", linewidth=1.2, label="1 trillion")
    marker = ax_count.axvline(240, color="0.3", linestyle=":", linewidth=1.2)
    readout = ax_count.text(0.03, 0.97, "", transform=ax_count.transAxes, va="top", fontsize=8.5,
                            bbox={"facecolor": "white", "edgecolor": "0.8", "alpha": 0.9})
    ax_count.set_xlabel("package side (mm)")
    ax_count.set_ylabel("transistors on the package", labelpad=10)
    ax_count.set_xlim(20, 300)
    ax_count.set_ylim(1e10, 1e14)
    ax_count.legend(loc="lower right", fontsize=8)

    def dies(side, spacing_mm):
        return ic.dies_per_package(side * 1e-3, width * 1e-3, height * 1e-3, spacing_mm * 1e-3)

    def update(side_mm, density_mtr_per_mm2, spacing_mm):
        nx = int(np.floor((side_mm + spacing_mm) / (width + spacing_mm) + 1e-9))
        ny = int(np.floor((side_mm + spacing_mm) / (height + spacing_mm) + 1e-9))
        x0 = np.arange(nx) * (width + spacing_mm)
        y0 = np.arange(ny) * (height + spacing_mm)
        grid.set_verts([[(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
                        for x in x0 for y in y0])
        package.set_width(side_mm)
        package.set_height(side_mm)
        per_die = width * height * density_mtr_per_mm2 * 1e6
        counts = np.maximum(dies(sides, spacing_mm) * per_die, 1.0)
        count_line.set_ydata(counts)
        marker.set_xdata([side_mm] * 2)
        n = dies(side_mm, spacing_mm)
        readout.set_text(
            f"{side_mm:.0f} mm package: {n} dies\n"
            f"{n * per_die / 1e12:.2f} trillion transistors\n"
            f"at {density_mtr_per_mm2:.0f} M/mm²"
        )

    def alt(side_mm, density_mtr_per_mm2, spacing_mm):
        n = dies(side_mm, spacing_mm)
        total = n * width * height * density_mtr_per_mm2 * 1e6
        return (
            f"Left: a {side_mm:.0f} mm square package holding {n} reticle-sized dies of 26 by 33 mm with "
            f"{spacing_mm:.1f} mm gaps. Right: transistor count against package side, a staircase on a log "
            f"axis, reaching {total / 1e12:.2f} trillion at this size for {density_mtr_per_mm2:.0f} million "
            f"transistors per square millimetre; a dashed line marks one trillion."
        )

    controls = {
        "side_mm": slider([20.0, 40.0, 80.0, 120.0, 160.0, 200.0, 240.0, 300.0], side_mm, "side (mm)"),
        "density_mtr_per_mm2": slider([30.0, 60.0, 98.3, 150.0, 300.0], density_mtr_per_mm2, "M transistors/mm²"),
        "spacing_mm": slider([0.0, 1.0, 2.0, 5.0], spacing_mm, "gap (mm)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[grid, package, count_line, marker, readout])


def _rectangle(width, height, **kwargs):
    from matplotlib.patches import Rectangle

    style = {"facecolor": PALETTE[5], "edgecolor": PALETTE[0], "linewidth": 0.6, **kwargs}
    return Rectangle((0, 0), width, height, **style)


BOARD_CTE_PPM = 17.0  # FR-4 board, in-plane (the chapter's reference value)


def solder_life_panel(package_cte_ppm: float = 12.0, delta_t: float = 100.0, joint_height_mm: float = 0.4) -> Panel:
    """Thermal-fatigue life of the corner solder joint against package size (Engelmaier's model).

    Controls: the package's effective expansion coefficient ``package_cte_ppm`` (ppm/K; a glass core
    sits near 3–7, an organic package near 12–17), the temperature swing ``delta_t`` (K) and the
    joint height ``joint_height_mm`` (mm). The board is FR-4 at 17 ppm/K; mean joint temperature
    50 °C, two cycles a day. The strain DNP·Δα·ΔT/h assumes rigid package and board without
    underfill, so the lives are lower estimates.
    """
    side_mm = np.linspace(10.0, 120.0, 111)
    fig, ax = figure(6.4, 3.8)
    ax.axhline(1e3, color="0.6", linestyle=":", linewidth=1)
    ax.text(118, 1.25e3, "1,000 cycles", ha="right", fontsize=8, color="0.4")
    (curve,) = ax.semilogy(side_mm, np.ones_like(side_mm), color=PALETTE[0], label="corner joint, median life")
    readout = ax.text(0.97, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=8,
                      bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set(xlabel="package side (mm)", ylabel="cycles to failure", xlim=(10, 120), ylim=(1.0, 1e8))
    ax.legend(loc="lower left", fontsize=8)

    def life(side, package_cte_ppm, delta_t, joint_height_mm):
        mismatch = abs(BOARD_CTE_PPM - package_cte_ppm) * 1e-6
        strain = ic.solder_joint_shear_strain(side * 1e-3 / np.sqrt(2), mismatch, delta_t, joint_height_mm * 1e-3)
        strain = np.clip(strain, 1e-6, 0.6)  # a perfectly matched package has no cyclic strain
        return ic.solder_fatigue_life(strain, 50.0, 2.0)

    def largest_side(package_cte_ppm, delta_t, joint_height_mm):
        lives = life(side_mm, package_cte_ppm, delta_t, joint_height_mm)
        ok = side_mm[lives >= 1e3]
        return float(ok.max()) if ok.size else None

    def update(package_cte_ppm, delta_t, joint_height_mm):
        curve.set_ydata(life(side_mm, package_cte_ppm, delta_t, joint_height_mm))
        n50 = float(life(50.0, package_cte_ppm, delta_t, joint_height_mm))
        side = largest_side(package_cte_ppm, delta_t, joint_height_mm)
        reach = f"1,000 cycles up to {side:.0f} mm" if side else "below 1,000 cycles at any size"
        readout.set_text(
            f"package {package_cte_ppm:g} ppm/K on FR-4 {BOARD_CTE_PPM:g} ppm/K, ΔT = {delta_t:g} K, h = {joint_height_mm:g} mm\n"
            f"50 mm package: {n50:,.0f} cycles; {reach}"
        )

    def alt(package_cte_ppm, delta_t, joint_height_mm):
        n50 = float(life(50.0, package_cte_ppm, delta_t, joint_height_mm))
        side = largest_side(package_cte_ppm, delta_t, joint_height_mm)
        reach = (f"it stays above 1,000 cycles up to a {side:.0f} mm package" if side
                 else "it is below 1,000 cycles at every size shown")
        return (
            f"Median thermal-fatigue life of the corner solder joint against package side, on a log scale, "
            f"for a package of {package_cte_ppm:g} ppm/K on an FR-4 board of {BOARD_CTE_PPM:g} ppm/K, "
            f"a {delta_t:g} K cycle and {joint_height_mm:g} mm joints. Life falls steeply with size; a 50 mm "
            f"package lasts {n50:,.0f} cycles, and {reach}."
        )

    controls = {
        "package_cte_ppm": slider([3.0, 5.0, 7.0, 9.0, 12.0, 14.0, 16.0], package_cte_ppm, "package CTE (ppm/K)"),
        "delta_t": slider([60.0, 100.0, 165.0], delta_t, "ΔT (K)"),
        "joint_height_mm": slider([0.2, 0.3, 0.4, 0.5], joint_height_mm, "joint height h (mm)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[curve, readout])
