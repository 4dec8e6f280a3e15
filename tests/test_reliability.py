"""Reliability sweep: every public function of physics_lib rejects bad input with a clear error.

``VALID`` holds one good call per public function. The sweep replaces one argument at a time with
NaN, inf, a string and None (a wrong shape for 1-D arrays; zero and a negative number for arguments
that must be positive; a negative number for those that must be non-negative) and expects a
``ValueError`` or ``TypeError`` whose message names that argument. A public function missing from
``VALID`` fails ``test_every_public_function_is_swept``, so new code cannot dodge the sweep.
"""

from __future__ import annotations

import importlib
import inspect
import math

import numpy as np
import pytest

_SIGNAL = np.exp(2j * np.pi * np.linspace(0.0, 4.0, 64)) * np.linspace(0.2, 1.0, 64)
_RUNS = importlib.import_module("physics_lib.scaling").load_porian_runs("fully_corrected")

MODULES = ["physics_lib.ssmb", "physics_lib.interconnect", "physics_lib.dpd", "physics_lib.scaling", "physics_lib.cim"]

# function -> (keyword arguments of a valid call, arguments that must be > 0[, that must be >= 0])
VALID = {
    # ssmb
    "physics_lib.ssmb.lorentz_factor": ({"energy_eV": 400e6}, {"energy_eV"}),
    "physics_lib.ssmb.undulator_parameter": ({"peak_field": 1.0, "period": 0.011}, {"period"}, {"peak_field"}),
    "physics_lib.ssmb.resonant_wavelength": ({"period": 0.011, "gamma": 783.0, "K": 1.0, "theta": 1e-4, "harmonic": 1}, {"period", "gamma", "harmonic"}, {"K"}),
    "physics_lib.ssmb.undulator_period_for": ({"wavelength": 13.5e-9, "gamma": 783.0, "K": 1.0}, {"wavelength", "gamma"}, {"K"}),
    "physics_lib.ssmb.undulator_k_for": ({"wavelength": 13.5e-9, "period": 0.011, "gamma": 783.0}, {"wavelength", "period", "gamma"}),
    "physics_lib.ssmb.bessel_coupling_factor": ({"K": 1.0}, set(), {"K"}),
    "physics_lib.ssmb.central_cone_divergence": ({"wavelength": 13.5e-9, "length": 1.1}, {"wavelength", "length"}),
    "physics_lib.ssmb.synchrotron_energy_loss": ({"energy_eV": 400e6, "bending_radius": 1.5}, {"energy_eV", "bending_radius"}),
    "physics_lib.ssmb.equilibrium_energy_spread": ({"energy_eV": 400e6, "bending_radius": 1.0, "damping_partition": 2.0}, {"energy_eV", "bending_radius", "damping_partition"}),
    "physics_lib.ssmb.longitudinal_damping_time": ({"energy_eV": 400e6, "bending_radius": 1.0, "circumference": 50.0, "damping_partition": 2.0}, {"energy_eV", "bending_radius", "circumference", "damping_partition"}),
    "physics_lib.ssmb.zero_current_bunch_length": ({"energy_spread": 3.4e-4, "momentum_compaction": 1e-3, "circumference": 50.0, "synchrotron_tune": 0.005}, {"circumference", "synchrotron_tune"}, {"energy_spread"}),
    "physics_lib.ssmb.momentum_compaction_for_bunch_length": ({"bunch_length": 50e-9, "energy_spread": 3.4e-4, "circumference": 50.0, "synchrotron_tune": 0.005}, {"bunch_length", "energy_spread", "circumference", "synchrotron_tune"}),
    "physics_lib.ssmb.laser_energy_modulation": ({"laser_power": 1e6, "waist": 0.8e-3, "K": 4.907, "period": 0.1, "n_periods": 10, "energy_eV": 400e6}, {"waist", "period", "n_periods", "energy_eV"}, {"laser_power", "K"}),
    "physics_lib.ssmb.transverse_coherence_emittance": ({"wavelength": 13.5e-9}, {"wavelength"}),
    "physics_lib.ssmb.natural_source_size": ({"wavelength": 13.5e-9, "length": 1.1}, {"wavelength", "length"}),
    "physics_lib.ssmb.transverse_form_factor": ({"beam_size_x": 10e-6, "beam_size_y": 3e-6, "wavelength": 13.5e-9, "length": 1.1}, {"wavelength", "length"}, {"beam_size_x", "beam_size_y"}),
    "physics_lib.ssmb.eehg_bunching": ({"n": -1, "m": 80, "modulation_1": 3.0, "modulation_2": 3.0, "dispersion_1": 27.0, "dispersion_2": 0.35, "wavenumber_ratio": 1.0}, {"wavenumber_ratio"}, {"modulation_1", "modulation_2"}),
    "physics_lib.ssmb.eehg_optimal_bunching": ({"harmonic": 79, "modulation_1": 3.0, "modulation_2": 3.0}, {"harmonic", "modulation_1", "modulation_2"}),
    "physics_lib.ssmb.eehg_beam": ({"n_particles": 64, "modulation_1": 3.0, "modulation_2": 3.0, "dispersion_1": 10.0, "dispersion_2": 1.0, "rng": np.random.default_rng(0)}, {"n_particles"}, {"modulation_1", "modulation_2"}),
    "physics_lib.ssmb.modulation_for_tune": ({"synchrotron_tune": 0.005, "r56": 4.6e-6, "laser_wavelength": 1064e-9, "energy_eV": 400e6}, {"synchrotron_tune", "r56", "laser_wavelength", "energy_eV"}),
    "physics_lib.ssmb.bunching_factor": ({"z": np.linspace(0.0, 1e-6, 64), "wavelength": 13.5e-9}, {"wavelength"}),
    "physics_lib.ssmb.gaussian_bunching_factor": ({"sigma_z": 1e-9, "wavelength": 13.5e-9}, {"wavelength"}, {"sigma_z"}),
    "physics_lib.ssmb.gaussian_equivalent_length": ({"bunching": 0.5, "wavelength": 13.5e-9}, {"wavelength"}, {"bunching"}),
    "physics_lib.ssmb.coherent_power_factor": ({"n_electrons": 100.0, "bunching": 0.5}, {"n_electrons"}, {"bunching"}),
    "physics_lib.ssmb.harmonic_bunching": ({"harmonic": 3, "modulation_amplitude": 3.0, "dispersion": 0.2}, {"harmonic"}, {"modulation_amplitude", "dispersion"}),
    "physics_lib.ssmb.optimal_dispersion": ({"harmonic": 3, "modulation_amplitude": 3.0}, {"harmonic", "modulation_amplitude"}),
    "physics_lib.ssmb.nearest_harmonic": ({"seed_wavelength": 1064e-9, "target_wavelength": 13.5e-9}, {"seed_wavelength", "target_wavelength"}),
    "physics_lib.ssmb.laser_modulation": ({"z": np.linspace(0.0, 1e-6, 64), "delta": np.zeros(64), "amplitude": 1e-3, "wavelength": 1064e-9}, {"wavelength"}),
    "physics_lib.ssmb.apply_dispersion": ({"z": np.linspace(0.0, 1e-6, 64), "delta": np.zeros(64), "r56": 1e-4}, set()),
    "physics_lib.ssmb.modulated_beam": ({"n_particles": 64, "modulation_amplitude": 3.0, "dispersion": 0.2, "rng": np.random.default_rng(0)}, {"n_particles"}, {"modulation_amplitude"}),
    "physics_lib.ssmb.track_one_turn_map": ({"phase": np.zeros(16), "momentum": np.zeros(16), "kick": 0.5, "n_turns": 3}, set(), {"n_turns"}),
    "physics_lib.ssmb.one_turn_map_orbits": ({"phase": np.zeros(4), "momentum": np.linspace(0, 1, 4), "kick": 0.5, "n_turns": 3}, set(), {"n_turns"}),
    "physics_lib.ssmb.standard_map_tune": ({"kick": 0.5}, set()),
    "physics_lib.ssmb.coherent_undulator_power": ({"current": 1.0, "bunching": 0.1, "n_periods": 100, "K": 1.0}, {"n_periods"}, {"current", "bunching", "K"}),
    "physics_lib.ssmb.incoherent_undulator_power": ({"current": 1.0, "wavelength": 13.5e-9, "K": 1.0}, {"wavelength"}, {"current", "K"}),
    "physics_lib.ssmb.coherent_detuning_factor": ({"relative_detuning": -0.01, "n_periods": 100}, {"n_periods"}),
    "physics_lib.ssmb.beamline_transmission": ({"reflectivities": np.array([0.85, 0.85, 0.70])}, {"reflectivities"}),
    "physics_lib.ssmb.ssmb_power_estimate": (
        {"average_current": 1.0, "beam_energy_eV": 400e6, "modulation_wavelength": 1064e-9, "target_wavelength": 13.5e-9,
         "microbunch_length": 3e-9, "undulator_period": 0.011, "n_periods": 100, "duty_factor": 1.0, "bunched_fraction": 1.0, "transverse_factor": 1.0},
        {"average_current", "beam_energy_eV", "modulation_wavelength", "target_wavelength", "undulator_period", "n_periods"},
        {"microbunch_length"},
    ),
    # dpd
    "physics_lib.dpd.saleh": ({"x": _SIGNAL}, set()),
    "physics_lib.dpd.rapp": ({"x": _SIGNAL, "gain": 1.0, "saturation": 1.0, "smoothness": 2.0}, {"saturation", "smoothness"}),
    "physics_lib.dpd.qam_constellation": ({"order": 16}, {"order"}),
    "physics_lib.dpd.ofdm_signal": ({"n_symbols": 1, "n_subcarriers": 64, "oversampling": 2, "qam_order": 16, "bandwidth": 20e6, "seed": 0}, {"n_symbols", "n_subcarriers", "oversampling", "qam_order", "bandwidth"}),
    "physics_lib.dpd.ofdm_demodulate": ({"samples": _SIGNAL, "n_subcarriers": 32, "oversampling": 2}, {"n_subcarriers", "oversampling"}),
    "physics_lib.dpd.papr_db": ({"x": _SIGNAL}, set()),
    "physics_lib.dpd.papr_ccdf": ({"x": _SIGNAL, "thresholds_db": [3.0, 6.0], "block_length": 16}, {"block_length"}),
    "physics_lib.dpd.papr_ccdf_theory": ({"thresholds_db": [3.0, 6.0], "n_subcarriers": 64}, {"n_subcarriers"}),
    "physics_lib.dpd.nmse_db": ({"reference": _SIGNAL, "estimate": 0.9 * _SIGNAL}, set()),
    "physics_lib.dpd.evm_db": ({"reference": _SIGNAL, "measured": 0.9 * _SIGNAL}, set()),
    "physics_lib.dpd.power_spectrum": ({"x": _SIGNAL, "sample_rate": 80e6, "nperseg": 16}, {"sample_rate", "nperseg"}),
    "physics_lib.dpd.aclr_db": ({"x": _SIGNAL, "sample_rate": 80e6, "channel_bandwidth": 20e6, "nperseg": 32}, {"sample_rate", "channel_bandwidth", "nperseg"}),
    "physics_lib.dpd.aclr_opendpd": ({"x": _SIGNAL, "sample_rate": 80e6, "bw_main_ch": 20e6, "n_sub_ch": 1, "nperseg": 32}, {"sample_rate", "bw_main_ch", "n_sub_ch", "nperseg"}),
    "physics_lib.dpd.cubic_aclr_theory": ({"a3": 0.1, "power": 1.0, "occupied_fraction": 0.5}, {"power", "occupied_fraction"}),
    "physics_lib.dpd.mp_basis": ({"x": _SIGNAL, "order": 3, "memory_depth": 2}, {"order"}, {"memory_depth"}),
    "physics_lib.dpd.gmp_basis": ({"x": _SIGNAL, "ka": 3, "la": 2, "kb": 2, "lb": 1, "mb": 1}, {"ka", "la"}, {"kb", "lb", "mb"}),
    "physics_lib.dpd.least_squares": ({"basis": np.stack([_SIGNAL, _SIGNAL**2], axis=1), "target": _SIGNAL}, set()),
    "physics_lib.dpd.fit_memory_polynomial": ({"x": _SIGNAL, "y": 2 * _SIGNAL, "order": 3, "memory_depth": 1}, {"order"}, {"memory_depth"}),
    "physics_lib.dpd.fit_gmp": ({"x": _SIGNAL, "y": 2 * _SIGNAL, "ka": 3, "la": 2, "kb": 1, "lb": 1, "mb": 1, "kc": 1, "lc": 1, "mc": 1}, {"ka", "la"}, {"kb", "lb", "mb", "kc", "lc", "mc"}),
    "physics_lib.dpd.memory_polynomial_sweep": ({"x_train": _SIGNAL, "y_train": 2 * _SIGNAL, "x_test": _SIGNAL, "y_test": 2 * _SIGNAL, "max_order": 2, "max_memory_depth": 1}, {"max_order"}, {"max_memory_depth"}),
    "physics_lib.dpd.fit_rvtdnn": ({"x": _SIGNAL, "y": 2 * _SIGNAL, "memory_depth": 1, "hidden": 2, "seed": 0, "max_iterations": 2}, {"hidden", "max_iterations"}, {"memory_depth", "seed"}),
    "physics_lib.dpd.ila_predistorter": ({"pa": np.tanh, "x": 0.3 * _SIGNAL, "order": 3, "memory_depth": 1, "iterations": 1}, {"order", "iterations"}, {"memory_depth"}),
    "physics_lib.dpd.class_a_efficiency": ({"backoff_db": 6.0}, set(), {"backoff_db"}),
    "physics_lib.dpd.class_b_efficiency": ({"backoff_db": 6.0}, set(), {"backoff_db"}),
    "physics_lib.dpd.class_b_average_efficiency": ({"y": _SIGNAL, "saturation": 1.0}, {"saturation"}),
    "physics_lib.dpd.output_backoff_db": ({"y": _SIGNAL, "saturation": 1.0}, {"saturation"}),
    "physics_lib.dpd.doherty_efficiency": ({"backoff_db": 6.0}, set(), {"backoff_db"}),
    "physics_lib.dpd.average_efficiency": ({"x": _SIGNAL, "architecture": "doherty", "peak": 1.0}, {"peak"}),
    "physics_lib.dpd.clip_and_filter": ({"x": _SIGNAL, "target_papr_db": 3.0, "n_subcarriers": 16, "oversampling": 4, "iterations": 2}, {"target_papr_db", "n_subcarriers", "oversampling", "iterations"}),
    "physics_lib.dpd.ofdm_aclr_db": ({"x": _SIGNAL, "n_subcarriers": 16, "oversampling": 4}, {"n_subcarriers", "oversampling"}),
    "physics_lib.dpd.load_opendpd": ({"name": "DPA_200MHz", "split": "test"}, set()),
    "physics_lib.dpd.model_complexity": ({"model": importlib.import_module("physics_lib.dpd").BehavioralModel("mp", (5, 4), np.zeros(25, complex)), "sample_rate": 800e6}, {"sample_rate"}),
    # scaling.laws
    "physics_lib.scaling.training_flops": ({"n_params": 175e9, "n_tokens": 300e9}, {"n_params", "n_tokens"}),
    "physics_lib.scaling.attention_flops_per_token": ({"n_layers": 3, "d_model": 96, "context": 2048, "convention": "kaplan"}, {"n_layers", "d_model", "context"}),
    "physics_lib.scaling.kaplan_loss": ({"n_params": 1e9}, {"n_params"}),
    "physics_lib.scaling.kaplan_loss_params": ({"n_params": 1e9, "n_c": 8.8e13, "alpha_n": 0.076}, {"n_params", "n_c", "alpha_n"}),
    "physics_lib.scaling.kaplan_loss_tokens": ({"n_tokens": 1e10, "d_c": 5.4e13, "alpha_d": 0.095}, {"n_tokens", "d_c", "alpha_d"}),
    "physics_lib.scaling.kaplan_loss_compute": ({"compute": 1e3, "c_c_pf_days": 3.1e8, "alpha_c": 0.05}, {"compute", "c_c_pf_days", "alpha_c"}),
    "physics_lib.scaling.kaplan_loss_joint": ({"n_params": 1e9, "n_tokens": 1e10}, {"n_params", "n_tokens"}),
    "physics_lib.scaling.kaplan_optimal_params": ({"compute": 1e3, "coefficient": 1.3e9, "exponent": 0.73}, {"compute", "coefficient"}),
    "physics_lib.scaling.chinchilla_loss": ({"n_params": 70e9, "n_tokens": 1.4e12}, {"n_params", "n_tokens"}),
    "physics_lib.scaling.compute_optimal": ({"compute": 5.76e23}, {"compute"}),
    "physics_lib.scaling.near_optimal_range": ({"compute": 5.76e23, "tolerance": 0.01}, {"compute", "tolerance"}),
    "physics_lib.scaling.inference_aware_optimal": ({"loss": 2.0, "inference_tokens": 2e12}, {"loss"}, {"inference_tokens"}),
    "physics_lib.scaling.implied_inference_tokens": ({"n_params": 8e9, "n_tokens": 15e12}, {"n_params", "n_tokens"}),
    "physics_lib.scaling.effective_data": ({"unique_tokens": 1e12, "epochs": 4.0, "r_star": 15.4}, {"unique_tokens", "epochs", "r_star"}),
    "physics_lib.scaling.fit_chinchilla": (
        {"n_params": _RUNS["n_params"], "n_tokens": _RUNS["tokens"], "loss": _RUNS["loss"], "n_refine": 1, "grid": {"alpha": [0.3], "beta": [0.3], "e": [0.5], "a": [6.0], "b": [6.0]}},
        {"n_params", "n_tokens", "loss"},
    ),
    "physics_lib.scaling.isoflop_minimum": ({"n_params": np.array([1e7, 2e7, 4e7, 8e7, 1.6e8]), "loss": np.array([4.0, 3.8, 3.7, 3.75, 3.9])}, {"n_params", "loss"}),
    "physics_lib.scaling.isoflop_analysis": ({"flops": _RUNS["flops"], "n_params": _RUNS["n_params"], "loss": _RUNS["loss"]}, {"flops", "n_params", "loss"}),
    "physics_lib.scaling.fit_power_law": ({"x": np.array([1e18, 1e19, 1e20]), "y": np.array([1e8, 3e8, 1e9])}, {"x", "y"}),
    "physics_lib.scaling.exponent_std": ({"x": np.array([1e18, 1e19, 1e20]), "sigma_log_y": np.array([0.1, 0.1, 0.1])}, {"x"}, {"sigma_log_y"}),
    "physics_lib.scaling.load_porian_runs": ({"configuration": "fully_corrected", "dataset": "rw"}, set()),
    "physics_lib.scaling.load_porian_reference": ({"configuration": "fully_corrected", "dataset": "rw"}, set()),
    # interconnect
    "physics_lib.interconnect.wiring_density": ({"line_width": 2e-6, "spacing": 2e-6, "layers": 2}, {"line_width", "spacing", "layers"}),
    "physics_lib.interconnect.bump_density": ({"pitch": 40e-6, "lattice": "square"}, {"pitch"}),
    "physics_lib.interconnect.shoreline_bandwidth": ({"wires_per_metre": 2.5e5, "bit_rate_per_wire": 8e9}, set(), {"wires_per_metre", "bit_rate_per_wire"}),
    "physics_lib.interconnect.areal_bandwidth": ({"bumps_per_square_metre": 6.25e8, "bit_rate_per_bump": 8e9, "signal_fraction": 0.5}, set(), {"bumps_per_square_metre", "bit_rate_per_bump"}),
    "physics_lib.interconnect.max_wire_pitch": ({"bandwidth_per_metre": 1e15, "bit_rate_per_wire": 8e9, "layers": 2}, {"bandwidth_per_metre", "bit_rate_per_wire", "layers"}),
    "physics_lib.interconnect.pitch_for_density_gain": ({"pitch": 130e-6, "gain": 10.0, "dimensions": 2}, {"pitch", "gain", "dimensions"}),
    "physics_lib.interconnect.mismatch_strain": ({"cte_a": 2.6e-6, "cte_b": 17e-6, "delta_t": 100.0}, set()),
    "physics_lib.interconnect.biaxial_modulus": ({"modulus": 130e9, "poisson_ratio": 0.28}, {"modulus"}),
    "physics_lib.interconnect.bilayer_curvature": (
        {"cte_1": 2.6e-6, "cte_2": 17e-6, "delta_t": 100.0, "thickness_1": 7.75e-4, "thickness_2": 1e-3, "modulus_1": 130e9, "modulus_2": 25e9},
        {"thickness_1", "thickness_2", "modulus_1", "modulus_2"},
    ),
    "physics_lib.interconnect.warpage": ({"curvature": 0.1, "side": 0.1, "measure": "diagonal"}, {"side"}),
    "physics_lib.interconnect.warpage_in_linear_range": ({"warpage": 1e-4, "thickness": 1.8e-3, "max_ratio": 0.5}, {"thickness", "max_ratio"}),
    "physics_lib.interconnect.laminate_properties": (
        {"ctes": np.array([3e-6, 30e-6, 17e-6]), "moduli": np.array([9.6e10, 1.2e10, 1.8e11]), "thicknesses": np.array([1e-3, 1.5e-4, 5e-5])},
        {"moduli", "thicknesses"},
    ),
    "physics_lib.interconnect.core_with_buildup": (
        {"core_cte": 3e-6, "core_modulus": 9.6e10, "core_thickness": 1e-3, "buildup_per_side": 1e-4, "copper_fraction": 0.25},
        {"core_modulus", "core_thickness"},
        {"buildup_per_side", "copper_fraction"},
    ),
    "physics_lib.interconnect.max_package_side": ({"curvature": 0.1, "warpage_limit": 1e-4, "measure": "edge"}, {"warpage_limit"}),
    "physics_lib.interconnect.dies_per_package": ({"package_side": 0.24, "die_width": 0.026, "die_height": 0.033, "spacing": 1e-3}, {"package_side", "die_width", "die_height"}),
    "physics_lib.interconnect.silicon_area_for_transistors": ({"n_transistors": 1e12, "density": 9.8e13}, {"n_transistors", "density"}),
    "physics_lib.interconnect.technology": ({"name": "glass core"}, set()),
    "physics_lib.interconnect.wire_resistance_per_length": ({"width": 1e-6, "thickness": 1e-6, "resistivity": 1.7e-8}, {"width", "thickness", "resistivity"}),
    "physics_lib.interconnect.wire_capacitance_per_length": ({"width": 1e-6, "thickness": 1e-6, "spacing": 1e-6, "relative_permittivity": 3.9, "dielectric_thickness": 1e-6}, {"width", "thickness", "spacing", "relative_permittivity", "dielectric_thickness"}),
    "physics_lib.interconnect.wire_rc_delay": ({"length": 2e-3, "width": 1e-6, "thickness": 1e-6, "spacing": 1e-6, "resistivity": 1.7e-8, "relative_permittivity": 3.9, "dielectric_thickness": 1e-6}, {"length", "width", "thickness", "spacing", "resistivity", "relative_permittivity", "dielectric_thickness"}),
    "physics_lib.interconnect.solder_joint_shear_strain": ({"dnp": 35e-3, "cte_mismatch": 12e-6, "delta_t": 100.0, "joint_height": 0.4e-3}, {"joint_height"}, {"dnp"}),
    "physics_lib.interconnect.engelmaier_fatigue_exponent": ({"mean_temperature": 50.0, "cycles_per_day": 2.0}, {"cycles_per_day"}),
    "physics_lib.interconnect.solder_fatigue_life": ({"shear_strain_range": 0.01, "mean_temperature": 50.0, "cycles_per_day": 2.0, "ductility": 0.325}, {"shear_strain_range", "cycles_per_day", "ductility"}),
    "physics_lib.interconnect.wire_energy_per_bit": ({"capacitance": 0.4e-12, "voltage": 0.5, "activity": 0.5}, set(), {"capacitance", "voltage", "activity"}),
    # scaling.cluster
    "physics_lib.scaling.training_time": ({"flops": 3.14e23, "n_gpus": 1024, "peak_flops": 312e12, "mfu": 0.4}, {"flops", "n_gpus", "peak_flops", "mfu"}),
    "physics_lib.scaling.model_flops_utilization": ({"tokens_per_second_per_gpu": 380.0, "n_params": 65e9, "peak_flops": 312e12}, {"tokens_per_second_per_gpu", "n_params", "peak_flops"}),
    "physics_lib.scaling.sustained_flops_needed": ({"flops": 3.14e23, "n_gpus": 1024, "duration": 3e6}, {"flops", "n_gpus", "duration"}),
    "physics_lib.scaling.gigabits_to_bytes_per_second": ({"gigabits_per_second": 400.0}, {"gigabits_per_second"}),
    "physics_lib.scaling.ring_allreduce_time": ({"n_bytes": 3.5e11, "n_gpus": 1024, "bandwidth": 5e10, "latency": 1e-6}, {"n_bytes", "n_gpus", "bandwidth"}),
    "physics_lib.scaling.in_network_allreduce_time": ({"n_bytes": 3.5e11, "n_gpus": 1024, "bandwidth": 5e10, "latency": 1e-6, "fan_in": 2}, {"n_bytes", "n_gpus", "bandwidth", "fan_in"}, {"latency"}),
    "physics_lib.scaling.model_state_bytes": (
        {"n_params": 175e9, "model_parallel": 8, "data_parallel": 128, "zero_stage": 3, "optimizer_bytes_per_param": 12.0},
        {"n_params", "model_parallel", "data_parallel"},
        {"zero_stage", "optimizer_bytes_per_param"},
    ),
    "physics_lib.scaling.pipeline_bubble_fraction": ({"stages": 16, "micro_batches": 195.0}, {"stages", "micro_batches"}),
    "physics_lib.scaling.data_parallel_step": (
        {"n_gpus": 1024, "n_params": 175e9, "batch_tokens": 3.2e6, "peak_flops": 312e12, "mfu": 0.4, "bandwidth": 5e10, "latency": 1e-6, "overlap": 0.5, "model_parallel": 8},
        {"n_gpus", "n_params", "batch_tokens", "peak_flops", "mfu", "bandwidth", "model_parallel"},
    ),
    "physics_lib.scaling.training_energy": ({"n_gpus": 2048, "gpu_power": 400.0, "duration": 1.8e6, "pue": 1.1}, {"n_gpus", "gpu_power"}),
    "physics_lib.scaling.energy_cost": ({"energy": 3.6e12, "price_per_kwh": 0.08}, set()),
    "physics_lib.scaling.roofline": ({"intensity": 100.0, "peak_flops": 989e12, "bandwidth": 3.35e12}, {"intensity", "peak_flops", "bandwidth"}),
    "physics_lib.scaling.ridge_intensity": ({"peak_flops": 989e12, "bandwidth": 3.35e12}, {"peak_flops", "bandwidth"}),
    "physics_lib.scaling.prefill_arithmetic_intensity": ({"n_tokens": 2048, "bytes_per_param": 2.0}, {"n_tokens", "bytes_per_param"}),
    "physics_lib.scaling.decode_arithmetic_intensity": ({"batch": 8, "n_params": 70e9, "bytes_per_param": 2.0}, {"batch", "n_params", "bytes_per_param"}),
    "physics_lib.scaling.decode_throughput": ({"batch": 8, "n_params": 70e9, "peak_flops": 989e12, "bandwidth": 3.35e12}, {"batch", "n_params", "peak_flops", "bandwidth"}),
    "physics_lib.scaling.sharded_decode_throughput": (
        {"batch": 420, "n_cards": 9, "n_params": 37e9, "peak_flops": 1e15, "bandwidth": 1.6e12, "kv_bytes_per_sequence": 1e6, "weight_bytes": 6.71e11},
        {"batch", "n_cards", "n_params", "peak_flops", "bandwidth", "weight_bytes"},
        {"kv_bytes_per_sequence"},
    ),
    "physics_lib.scaling.decode_bandwidth_needed": ({"tokens_per_second": 1000.0, "batch": 1, "weight_bytes": 3.7e10}, {"tokens_per_second", "batch", "weight_bytes"}),
    "physics_lib.scaling.moe_weight_bytes": (
        {"batch": 4, "total_params": 671e9, "active_params": 37e9, "n_experts": 256, "experts_per_token": 8, "bytes_per_param": 1.0},
        {"batch", "total_params", "active_params", "n_experts", "experts_per_token", "bytes_per_param"},
    ),
    # scaling.at_scale
    "physics_lib.scaling.cluster_mtbf": ({"n_components": 16384, "component_mtbf": 1.8e8}, {"n_components", "component_mtbf"}),
    "physics_lib.scaling.checkpoint_interval": ({"checkpoint_cost": 60.0, "mtbf": 1.1e4, "model": "daly"}, {"checkpoint_cost", "mtbf"}),
    "physics_lib.scaling.goodput": (
        {"checkpoint_cost": 60.0, "restart_cost": 600.0, "mtbf": 1.1e4, "interval": 1200.0, "model": "daly"},
        {"checkpoint_cost", "mtbf", "interval"},
        {"restart_cost"},
    ),
    "physics_lib.scaling.activation_bytes_per_layer": (
        {"seq_len": 2048, "micro_batch": 1, "hidden": 12288, "heads": 96, "tensor_parallel": 8, "recompute": "selective", "sequence_parallel": "yes"},
        {"seq_len", "micro_batch", "hidden", "heads", "tensor_parallel"},
    ),
    "physics_lib.scaling.tensor_parallel_bytes_per_layer": (
        {"seq_len": 2048, "micro_batch": 1, "hidden": 12288, "tensor_parallel": 8, "bytes_per_value": 2.0},
        {"seq_len", "micro_batch", "hidden", "tensor_parallel", "bytes_per_value"},
    ),
    "physics_lib.scaling.parallel_layout": (
        {"n_params": 175e9, "n_layers": 96, "hidden": 12288, "heads": 96, "seq_len": 2048, "global_batch": 1536, "tensor_parallel": 8,
         "pipeline_parallel": 16, "data_parallel": 8, "peak_flops": 312e12, "mfu": 0.5, "intra_bandwidth": 3e11, "inter_bandwidth": 2.5e10,
         "micro_batch": 1, "gpus_per_node": 8, "recompute": "full", "zero_stage": 1},
        {"n_params", "n_layers", "hidden", "heads", "seq_len", "global_batch", "tensor_parallel", "pipeline_parallel", "data_parallel",
         "peak_flops", "mfu", "intra_bandwidth", "inter_bandwidth", "micro_batch", "gpus_per_node"},
        {"zero_stage"},
    ),
    "physics_lib.scaling.tree_allreduce_time": ({"n_bytes": 1e6, "n_gpus": 1024, "bandwidth": 5e10, "latency": 1e-6}, {"n_bytes", "n_gpus", "bandwidth"}, {"latency"}),
    "physics_lib.scaling.hierarchical_allreduce_time": (
        {"n_bytes": 2e9, "gpus_per_node": 8, "n_nodes": 128, "intra_bandwidth": 3e11, "inter_bandwidth": 5e10, "intra_latency": 1e-6, "inter_latency": 5e-6},
        {"n_bytes", "gpus_per_node", "n_nodes", "intra_bandwidth", "inter_bandwidth"},
        {"intra_latency", "inter_latency"},
    ),
    "physics_lib.scaling.fat_tree": ({"radix": 48, "tiers": 3}, {"radix", "tiers"}),
    "physics_lib.scaling.fat_tree_radix_for": ({"n_hosts": 100000, "tiers": 3}, {"n_hosts", "tiers"}),
    "physics_lib.scaling.kv_cache_bytes": (
        {"n_layers": 126, "n_kv_heads": 8, "head_dim": 128, "n_tokens": 8192, "batch": 4, "bytes_per_value": 2.0},
        {"n_layers", "n_kv_heads", "head_dim", "n_tokens", "batch", "bytes_per_value"},
    ),
    "physics_lib.scaling.latent_kv_cache_bytes": (
        {"n_layers": 61, "latent_dim": 512, "rope_dim": 64, "n_tokens": 8192, "batch": 4, "bytes_per_value": 2.0},
        {"n_layers", "latent_dim", "rope_dim", "n_tokens", "batch", "bytes_per_value"},
    ),
    "physics_lib.scaling.max_concurrent_sequences": (
        {"memory_bytes": 80e9, "weight_bytes": 16e9, "kv_bytes_per_token": 131072, "context": 8192},
        {"memory_bytes", "kv_bytes_per_token", "context"},
        {"weight_bytes"},
    ),
    "physics_lib.scaling.rack_power": (
        {"n_accelerators": 72, "accelerator_power": 1200.0, "host_power": 18e3, "network_power": 1e4, "conversion_efficiency": 0.95},
        {"n_accelerators", "accelerator_power", "conversion_efficiency"},
        {"host_power", "network_power"},
    ),
    "physics_lib.scaling.coolant_flow": ({"power": 4e4, "delta_t": 15.0, "density": 1.2, "specific_heat": 1005.0}, {"power", "delta_t", "density", "specific_heat"}),
    "physics_lib.scaling.cooling_cop_required": ({"pue": 1.04, "other_overhead": 0.01}, {"pue"}, {"other_overhead"}),
    # cim
    "physics_lib.cim.operation_energy": ({"operation": "int8_mult"}, set()),
    "physics_lib.cim.mac_energy": ({"bits": 8.0}, {"bits"}),
    "physics_lib.cim.memory_energy_per_bit": ({"memory": "dram"}, set()),
    "physics_lib.cim.mvm_energy": ({"rows": 64, "cols": 32, "bits": 8.0, "memory": "sram_1mb", "batch": 4}, {"rows", "cols", "bits", "batch"}),
    "physics_lib.cim.crossover_reuse": ({"bits": 8.0, "memory": "dram"}, {"bits"}),
    "physics_lib.cim.scale_to_node": ({"energy": 1e-13, "node_from": 45.0, "node_to": 7.0, "vdd_from": 0.9, "vdd_to": 0.75}, {"energy", "node_from", "node_to", "vdd_from", "vdd_to"}),
    "physics_lib.cim.growth_factor": ({"factor_per_period": 3.0, "years": 20.0, "period": 2.0}, {"factor_per_period", "period"}, {"years"}),
    "physics_lib.cim.doubling_time": ({"factor": 4e5, "years": 10.0}, {"factor", "years"}),
    "physics_lib.cim.crossbar_mvm": ({"conductances": np.full((3, 2), 1e-6), "voltages": np.array([0.1, 0.2, 0.0]), "wire_resistance": 1.0}, set(), {"conductances", "wire_resistance"}),
    "physics_lib.cim.ir_drop_error_estimate": ({"rows": 64, "cols": 64, "conductance": 1e-6, "wire_resistance": 1.0}, {"rows", "cols", "conductance"}, {"wire_resistance"}),
    "physics_lib.cim.weights_to_conductances": ({"weights": np.array([[1.0, -0.5], [0.2, 0.0]]), "levels": 4, "g_max": 1e-5, "g_min": 0.0}, {"levels", "g_max"}, {"g_min"}),
    "physics_lib.cim.analog_matvec": (
        {"weights": np.array([[1.0, -0.5], [0.2, 0.3]]), "inputs": np.array([[0.5, 1.0]]), "levels": 8, "variation": 0.05, "read_noise": 0.01, "adc_bits": 6, "g_max": 1e-5, "read_voltage": 0.2, "seed": 1},
        {"levels", "adc_bits", "g_max", "read_voltage"},
        {"variation", "read_noise", "seed"},
    ),
    "physics_lib.cim.adc_energy": ({"enob": 8.0, "walden_fom": 5e-15}, {"enob", "walden_fom"}),
    "physics_lib.cim.adc_thermal_limit": ({"enob": 8.0, "temperature": 300.0}, {"enob", "temperature"}),
    "physics_lib.cim.cim_mac_energy": (
        {"rows": 256, "adc_bits": 8.0, "walden_fom": 5e-15, "cell_energy": 1e-15, "driver_energy": 5e-14, "temperature": 300.0},
        {"rows", "adc_bits", "walden_fom", "temperature"},
        {"cell_energy", "driver_energy"},
    ),
    "physics_lib.cim.lossless_rows": ({"adc_bits": 8, "input_bits": 1, "weight_bits": 1}, {"adc_bits", "input_bits", "weight_bits"}),
    "physics_lib.cim.max_rows_for_ir_drop": ({"adc_bits": 8.0, "conductance": 1e-6, "wire_resistance": 1.0}, {"adc_bits", "conductance", "wire_resistance"}),
    "physics_lib.cim.optimal_array_size": ({"adc_bits": 7, "conductance": 1e-6, "wire_resistance": 1.0, "input_bits": 1, "weight_bits": 1}, {"adc_bits", "conductance", "wire_resistance", "input_bits", "weight_bits"}),
    "physics_lib.cim.crossbar_arrays_needed": (
        {"n_params": 7e9, "rows": 256, "cols": 256, "devices_per_weight": 2, "weight_bits": 8, "bits_per_device": 4},
        {"n_params", "rows", "cols", "devices_per_weight", "weight_bits", "bits_per_device"},
    ),
    "physics_lib.cim.energy_per_operation": ({"tops_per_watt": 12.4}, {"tops_per_watt"}),
}


def _public_functions():
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj) and not isinstance(obj, type):
                yield f"{module_name}.{name}", obj


PUBLIC = dict(_public_functions())


def test_every_public_function_is_swept():
    missing = sorted(set(PUBLIC) - set(VALID))
    assert missing == [], f"add a valid call to VALID for: {missing}"


def test_valid_calls_succeed():
    for name, (kwargs, *_) in VALID.items():
        PUBLIC[name](**kwargs)


def _bad_values(name, good, positive, nonnegative=frozenset()):
    if isinstance(good, str):
        return ["no-such-option", None, 3.0]
    bad = [math.nan, math.inf, "abc", None]
    if isinstance(good, np.ndarray) and good.ndim == 1:
        bad.append(np.stack([good, good]))  # wrong shape
    if name in positive:
        bad += [0.0, -1.0]
    if name in nonnegative:
        bad.append(-1.0)
    return bad


def _default(function, argument):
    parameter = inspect.signature(PUBLIC[function]).parameters[argument]
    return parameter.default


CASES = [
    (function, argument, bad)
    for function, (kwargs, *limits) in VALID.items()
    for argument, good in kwargs.items()
    for bad in _bad_values(argument, good, *limits)
    if not (bad is None and _default(function, argument) is None)  # None means "the default" there
]


@pytest.mark.parametrize(("function", "argument", "bad"), CASES, ids=[f"{f.split('.')[-1]}-{a}-{b!r:.12}" for f, a, b in CASES])
def test_bad_argument_raises_an_error_naming_it(function, argument, bad):
    kwargs = dict(VALID[function][0])
    kwargs[argument] = bad
    with pytest.raises((ValueError, TypeError)) as error:
        PUBLIC[function](**kwargs)
    assert argument in str(error.value), f"{function}({argument}={bad!r}) error does not name it: {error.value}"
