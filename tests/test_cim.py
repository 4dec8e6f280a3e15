"""Tests of physics_lib.cim: published numbers (source named), claim checks, crossbar physics, properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from physics_lib import cim

PJ = 1e-12

# ---------------------------------------------------------------------------------------------
# Horowitz's 45 nm table (ISSCC 2014), as transcribed in secondary sources (a code transcription
# of the full table, and Han et al. NeurIPS 2015 Fig. 1 for the 32-bit rows); primary not read.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "picojoules"),
    [("int8_add", 0.03), ("int32_add", 0.1), ("int8_mult", 0.2), ("int32_mult", 3.1), ("fp16_add", 0.4),
     ("fp32_add", 0.9), ("fp16_mult", 1.1), ("fp32_mult", 3.7), ("sram32_8kb_read", 5.0), ("cache64_8kb", 10.0),
     ("cache64_32kb", 20.0), ("cache64_1mb", 100.0), ("dram32_read", 640.0), ("dram64_low", 1300.0), ("dram64_high", 2600.0)],
)
def test_horowitz_45nm_table(operation, picojoules):
    assert cim.operation_energy(operation) == pytest.approx(picojoules * PJ, rel=1e-12)


def test_han_2015_relative_costs_of_the_horowitz_table():
    # Han et al. 2015, Fig. 1: relative cost 1 (32-bit add), 31 (mult), 50 (SRAM), 6400 (DRAM).
    add = cim.operation_energy("int32_add")
    for op, relative in (("int32_mult", 31), ("fp32_mult", 37), ("sram32_8kb_read", 50), ("dram32_read", 6400)):
        assert cim.operation_energy(op) / add == pytest.approx(relative, rel=1e-9)


def test_the_two_dram_rows_agree_per_bit():
    # 640 pJ per 32 bits (Han) = 20 pJ/bit is the low end of Horowitz's 1.3-2.6 nJ per 64 bits.
    assert cim.operation_energy("dram32_read") / 32 == pytest.approx(cim.operation_energy("dram64_low") / 64, rel=0.02)
    assert cim.operation_energy("sram32_8kb_read") / 32 == pytest.approx(cim.operation_energy("cache64_8kb") / 64, rel=1e-12)


def test_mac_energy_reproduces_the_table_at_8_and_32_bits_and_grows_between():
    assert cim.mac_energy(8) == pytest.approx((0.2 + 0.03) * PJ, rel=1e-12)
    assert cim.mac_energy(32) == pytest.approx((3.1 + 0.1) * PJ, rel=1e-12)
    bits = np.arange(1, 65)
    assert np.all(np.diff(cim.mac_energy(bits)) > 0)


def test_moving_a_weight_from_dram_costs_about_a_thousand_macs():
    # The chapter's headline number: 8 bits at 30.5 pJ/bit against a 0.23 pJ MAC.
    assert cim.crossover_reuse(8, "dram") == pytest.approx(8 * 1950 / 64 / 0.23, rel=1e-9)
    assert 1000 < cim.crossover_reuse(8, "dram") < 1100
    assert cim.crossover_reuse(8, "sram_8kb") == pytest.approx(5.43, abs=0.01)


def test_mvm_energy_parts_and_batch_amortisation():
    one = cim.mvm_energy(1024, 1024, 8, "dram", batch=1)
    many = cim.mvm_energy(1024, 1024, 8, "dram", batch=1060)
    assert one.total == pytest.approx(one.arithmetic + one.weights + one.activations)
    assert many.weights == one.weights  # fetched once per batch
    assert many.arithmetic == pytest.approx(1060 * one.arithmetic)
    assert many.arithmetic == pytest.approx(many.weights, rel=0.01)  # the crossover batch


# ---------------------------------------------------------------------------------------------
# The memory wall and compute growth
# ---------------------------------------------------------------------------------------------


def test_gholami_2024_memory_wall_growth_over_twenty_years():
    # Gholami et al., IEEE Micro 2024, abstract and Fig. 1: peak FLOPS 3.0x/2 yrs (60,000x in 20
    # years), DRAM bandwidth 1.6x/2 yrs (100x), interconnect 1.4x/2 yrs (30x).
    assert cim.growth_factor(3.0, 20) == pytest.approx(6e4, rel=0.02)
    assert cim.growth_factor(1.6, 20) == pytest.approx(100, rel=0.1)
    assert cim.growth_factor(1.4, 20) == pytest.approx(30, rel=0.04)
    gap = cim.growth_factor(3.0 / 1.6, 20)  # the ridge point moves right by this
    assert gap == pytest.approx(cim.growth_factor(3.0, 20) / cim.growth_factor(1.6, 20))


def test_amodei_hernandez_2018_300000x_at_a_3_4_month_doubling():
    # "AI and Compute" (OpenAI 2018): >300,000x since 2012, 3.4-month doubling; a 2-year doubling
    # "would yield only a 7x increase" over the same span.
    span = 3.4 / 12 * math.log2(3e5)  # years the 300,000x took at that doubling time
    assert 5.0 < span < 5.3
    assert cim.growth_factor(2.0, span, period=2.0) == pytest.approx(6.1, abs=0.2)  # "only 7x" (rounded up)
    assert 12 * cim.doubling_time(3e5, span) == pytest.approx(3.4, rel=1e-9)


def test_claim_400000x_in_ten_years_against_sevilla_2022():
    # Sevilla et al. 2022: deep-learning era doubling of about 6 months -> 2^20 ~ 1e6 in ten years.
    assert 12 * cim.doubling_time(4e5, 10) == pytest.approx(6.4, abs=0.05)
    assert cim.growth_factor(2.0, 10, period=0.5) == pytest.approx(1.05e6, rel=0.01)


def test_scale_to_node_is_constant_field_scaling():
    assert cim.scale_to_node(1.0, 45, 45, 0.9, 0.9) == pytest.approx(1.0)
    assert cim.scale_to_node(1.0, 45, 22.5, 0.9, 0.45) == pytest.approx(0.5 * 0.25)


# ---------------------------------------------------------------------------------------------
# The crossbar: Ohm, Kirchhoff, nodal analysis
# ---------------------------------------------------------------------------------------------

conductance_matrices = hnp.arrays(float, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=st.floats(0.0, 1e-4))


@settings(max_examples=40, deadline=None)
@given(g=conductance_matrices, data=st.data())
def test_ideal_crossbar_is_g_transpose_v(g, data):
    v = data.draw(hnp.arrays(float, g.shape[0], elements=st.floats(-1.0, 1.0)))
    np.testing.assert_allclose(cim.crossbar_mvm(g, v), g.T @ v, rtol=1e-12, atol=1e-20)


@settings(max_examples=25, deadline=None)
@given(g=conductance_matrices, data=st.data(), r=st.floats(0.1, 1e3))
def test_crossbar_currents_are_linear_in_v_with_wire_resistance(g, data, r):
    v1 = data.draw(hnp.arrays(float, g.shape[0], elements=st.floats(-1.0, 1.0)))
    v2 = data.draw(hnp.arrays(float, g.shape[0], elements=st.floats(-1.0, 1.0)))
    a, b = 0.7, -1.3
    left = cim.crossbar_mvm(g, a * v1 + b * v2, r)
    right = a * cim.crossbar_mvm(g, v1, r) + b * cim.crossbar_mvm(g, v2, r)
    np.testing.assert_allclose(left, right, rtol=1e-9, atol=1e-15)


def test_single_device_with_two_series_segments():
    # One device G between a row segment r and a column segment r: I = V / (2r + 1/G).
    g, r, v = 1e-3, 10.0, 0.5
    assert cim.crossbar_mvm([[g]], [v], r)[0] == pytest.approx(v / (2 * r + 1 / g), rel=1e-12)


def test_small_wire_resistance_tends_to_the_ideal_currents():
    rng = np.random.default_rng(0)
    g, v = rng.uniform(0, 1e-5, (12, 7)), rng.uniform(0, 0.2, 12)
    np.testing.assert_allclose(cim.crossbar_mvm(g, v, 1e-6), g.T @ v, rtol=1e-9)


@pytest.mark.parametrize(("rows", "cols"), [(8, 8), (32, 32), (16, 48)])
def test_ir_drop_matches_the_first_order_estimate(rows, cols):
    g, r = 1e-6, 1.0
    currents = cim.crossbar_mvm(np.full((rows, cols), g), np.full(rows, 0.2), r)
    error = 1 - currents.sum() / (rows * cols * g * 0.2)
    assert error == pytest.approx(cim.ir_drop_error_estimate(rows, cols, g, r), rel=0.02)


def test_ir_drop_grows_with_array_size():
    errors = [1 - cim.crossbar_mvm(np.full((n, n), 1e-5), np.full(n, 0.2), 2.0).sum() / (n * n * 2e-6) for n in (4, 8, 16)]
    assert errors[0] < errors[1] < errors[2]


# ---------------------------------------------------------------------------------------------
# Non-idealities
# ---------------------------------------------------------------------------------------------


def test_differential_pairs_represent_signed_weights_and_levels_quantise():
    w = np.array([[0.9, -0.3], [0.0, -1.0]])
    gp, gm = cim.weights_to_conductances(w, g_max=1.0)
    np.testing.assert_allclose(gp - gm, w / 1.0)
    assert np.all(gp >= 0) and np.all(gm >= 0)
    gp, gm = cim.weights_to_conductances(w, levels=2, g_max=1.0)
    assert set(np.unique(gp - gm)) <= {-1.0, 0.0, 1.0}


@settings(max_examples=30, deadline=None)
@given(w=hnp.arrays(float, st.tuples(st.integers(1, 5), st.integers(1, 5)), elements=st.floats(-2, 2)).filter(lambda a: np.abs(a).max() > 1e-3),
       data=st.data())
def test_ideal_analog_matvec_is_exact(w, data):
    x = data.draw(hnp.arrays(float, (3, w.shape[0]), elements=st.floats(0, 1)).filter(lambda a: a.max() > 1e-3))
    np.testing.assert_allclose(cim.analog_matvec(w, x), x @ w, rtol=1e-9, atol=1e-9)


def test_analog_matvec_error_grows_with_noise_and_shrinks_with_levels():
    rng = np.random.default_rng(1)
    w, x = rng.standard_normal((64, 10)), rng.uniform(0, 1, (200, 64))
    exact = x @ w

    def error(**kw):
        return np.sqrt(np.mean((cim.analog_matvec(w, x, seed=3, **kw) - exact) ** 2))

    assert error(variation=0.2) > error(variation=0.05) > 0
    assert error(read_noise=0.1) > error(read_noise=0.01) > 0
    assert error(levels=4) > error(levels=16) > error(levels=256) > 0
    assert error(adc_bits=4) > error(adc_bits=8)


def test_analog_matvec_is_seeded():
    rng = np.random.default_rng(2)
    w, x = rng.standard_normal((8, 3)), rng.uniform(0, 1, (5, 8))
    a = cim.analog_matvec(w, x, levels=8, variation=0.1, read_noise=0.05, seed=7)
    np.testing.assert_array_equal(a, cim.analog_matvec(w, x, levels=8, variation=0.1, read_noise=0.05, seed=7))


# ---------------------------------------------------------------------------------------------
# Converters, array size, deployment, published efficiencies
# ---------------------------------------------------------------------------------------------


def test_walden_record_van_elzakker_2008():
    # Walden FOM record 4.4 fJ/conversion-step (van Elzakker et al., ISSCC 2008), as reported in
    # B. Jonsson's survey blog (2011-2012): an 8-bit conversion then costs 4.4 fJ x 256.
    assert cim.adc_energy(8, 4.4e-15) == pytest.approx(4.4e-15 * 256)
    assert cim.adc_energy(9, 4.4e-15) == pytest.approx(2 * cim.adc_energy(8, 4.4e-15))


def test_thermal_floor_quadruples_per_bit_and_meets_walden_above_ten_bits():
    assert cim.adc_thermal_limit(10) / cim.adc_thermal_limit(9) == pytest.approx(4.0)
    # 12 kT 4^B = FOM 2^B at 2^B = FOM / (12 kT): for 1 fJ/step about 14 bits.
    crossing = math.log2(1e-15 / (12 * 1.380649e-23 * 300))
    assert 14 < crossing < 15


def test_adc_dominates_a_256_array_and_energy_falls_as_one_over_n():
    e = cim.cim_mac_energy(np.array([64, 128, 256]), 8, 20e-15)
    assert np.all(e.adc / e.total > 0.8)
    assert e.adc[0] / e.adc[1] == pytest.approx(2.0)


def test_optimal_array_size_is_set_by_the_adc_then_by_ir_drop():
    assert cim.lossless_rows(8) == 255 and cim.lossless_rows(4, 1, 2) == 5
    sizes = {b: cim.optimal_array_size(b, 1e-6, 1.0) for b in range(3, 11)}
    assert sizes[5] == cim.lossless_rows(5)  # small ADC: its codes limit the array
    assert sizes[8] == math.floor(cim.max_rows_for_ir_drop(8, 1e-6, 1.0))  # large ADC: the IR drop does
    assert max(sizes, key=sizes.get) == 7
    n = cim.max_rows_for_ir_drop(8, 1e-6, 1.0)
    assert cim.ir_drop_error_estimate(n, n, 1e-6, 1.0) == pytest.approx(2.0**-9, rel=1e-9)


def test_ambrogio_2023_weights_per_chip_and_deployment_of_large_models():
    # Ambrogio et al., Nature 620 (2023), abstract: 35 million PCM devices per chip; the RNNT's
    # >45 million weights on >140 million devices across five chips.
    devices_per_weight = 140e6 / 45e6
    assert 3.0 < devices_per_weight < 3.2
    weights_per_chip = 45e6 / 5
    assert math.ceil(7e9 / weights_per_chip) == 778
    assert math.ceil(70e9 / weights_per_chip) == 7778
    # 256 x 256 arrays, differential pairs, 8-bit weights in two 4-bit slices:
    assert cim.crossbar_arrays_needed(7e9) == math.ceil(7e9 * 4 / 65536)
    assert cim.crossbar_arrays_needed(70e9) == pytest.approx(10 * cim.crossbar_arrays_needed(7e9), rel=1e-5)


def test_published_efficiencies_and_the_gpu():
    # Ambrogio 2023 abstract: 12.4 TOPS/W; Chih (ISSCC 2021) title: 89 TOPS/W; Fujiwara (ISSCC 2022)
    # title: 254 TOPS/W; H100 SXM 989 TFLOP/s BF16 dense at 700 W (NVIDIA datasheet).
    by_source = {m["source"]: m["tops_per_watt"] for m in cim.CIM_MACROS}
    assert by_source["ambrogio2023"] == 12.4 and by_source["chih2021"] == 89.0 and by_source["fujiwara2022"] == 254.0
    assert cim.energy_per_operation(12.4) == pytest.approx(80.6e-15, rel=1e-3)
    gpu = cim.energy_per_operation(989 / 700)
    assert gpu == pytest.approx(0.708e-12, rel=1e-3)
    assert gpu / cim.energy_per_operation(12.4) == pytest.approx(8.78, rel=1e-2)
    assert {m["family"] for m in cim.CIM_MACROS} == {"analog", "digital", "gpu"}


@pytest.mark.parametrize("bad", ["fp64_mult", "DRAM"])
def test_unknown_table_keys_raise_naming_the_argument(bad):
    with pytest.raises(ValueError, match="operation"):
        cim.operation_energy(bad)
    with pytest.raises(ValueError, match="memory"):
        cim.memory_energy_per_bit(bad)


def test_bad_shapes_raise():
    with pytest.raises(ValueError, match="voltages"):
        cim.crossbar_mvm(np.ones((3, 2)), np.ones(2))
    with pytest.raises(ValueError, match="conductances"):
        cim.crossbar_mvm(-np.ones((3, 2)), np.ones(3))
    with pytest.raises(ValueError, match="inputs"):
        cim.analog_matvec(np.ones((3, 2)), np.ones((4, 2)))
    with pytest.raises(ValueError, match="weights"):
        cim.weights_to_conductances(np.zeros((2, 2)))
