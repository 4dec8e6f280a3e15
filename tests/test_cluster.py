"""Tests of physics_lib.scaling.cluster: published runs (source named), claim checks, invariants, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from physics_lib.scaling import cluster as cl
from physics_lib.scaling import training_flops

DAY = 86400.0
YEAR = 365.25 * DAY
A100_PEAK = 312e12  # BF16 dense, FLOP/s (NVIDIA datasheet via Lockwood and PC2 wiki; REFERENCE.md §4, READ-S)
A100_BANDWIDTH = 2.039e12  # bytes/s, A100 80GB SXM HBM2e (NVIDIA datasheet, READ-S)
TRN1_INSTANCE_PEAK = 3040e12  # trn1.32xlarge, 16 Trainium chips x 190 TFLOP/s BF16 (AWS Neuron docs, Trn1 architecture)

# ---------------------------------------------------------------------------------------------
# Published runs recomputed
# ---------------------------------------------------------------------------------------------


def test_llama65b_trains_in_about_21_days_on_2048_a100s():
    # Touvron et al. 2023, Sec. 2.4 "Efficient implementation" (READ-P, LaTeX source): "around 380
    # tokens/sec/GPU on 2048 A100 GPU with 80GB of RAM ... 1.4T tokens takes approximately 21 days".
    mfu = cl.model_flops_utilization(380, 65.2e9, A100_PEAK)
    days = cl.training_time(training_flops(65.2e9, 1.4e12), 2048, A100_PEAK, mfu) / DAY
    assert days == pytest.approx(1.4e12 / (380 * 2048) / DAY, rel=1e-12)  # C = 6ND cancels exactly
    assert days == pytest.approx(20.8, abs=0.05)
    assert round(days) == 21


def test_llama65b_mfu_is_about_48_percent_of_a100_bf16_peak():
    # 6 N x 380 tokens/s = 1.49e14 FLOP/s per GPU against 312 TFLOP/s: MFU 0.476 (our derivation).
    assert cl.model_flops_utilization(380, 65.2e9, A100_PEAK) == pytest.approx(0.4765, abs=5e-4)


def test_llama65b_gpu_hours_agree_with_380_tokens_per_second():
    # Touvron et al. 2023, Table 15 (READ-S): 1,022,362 GPU-hours for LLaMA-65B.  The throughput
    # they imply over 1.4T tokens is 380 tokens/s/GPU to within 0.2%.
    assert 1.4e12 / (1_022_362 * 3600) == pytest.approx(380, rel=2e-3)


def test_gpt3_on_1024_a100s_takes_34_days_megatron():
    # Narayanan et al. 2021, Sec. 5.1, Eq. (4) (READ-P, markdown copy): time = 8TP/(nX); GPT-3,
    # P = 175B, T = 300B, n = 1024, X = 140 teraFLOP/s -> "34 days".
    days = cl.training_time(8 * 175e9 * 300e9, 1024, 140e12, 1.0) / DAY
    assert round(days) == 34


def test_one_trillion_parameter_model_takes_84_days_megatron():
    # Same paragraph: 1T parameters, 450B tokens, 3072 A100s at 163 teraFLOP/s -> "84 days".
    days = cl.training_time(8 * 1.008e12 * 450e9, 3072, 163e12, 1.0) / DAY  # Table 1: 1008B parameters
    assert round(days) == 84


def test_megatron_140_tflops_is_45_percent_of_a100_peak_hardware_flops():
    # 140/312 = 0.449 of peak counts recomputation (8ND); the model FLOPs (6ND) are 3/4 of it.
    assert 140e12 / A100_PEAK == pytest.approx(0.449, abs=5e-4)
    assert 0.75 * 140e12 / A100_PEAK == pytest.approx(0.337, abs=5e-4)


def test_gpt3_compute_is_3_14e23_flop():
    # Brown et al. 2020, Table D.1 (READ-P): 3.64E+03 PF-days = 3.14E+23 FLOP.
    assert f"{training_flops(174.6e9, 300e9):.3g}" == "3.14e+23"
    assert 3.64e3 * 1e15 * DAY == pytest.approx(3.14e23, rel=2e-3)


def test_llama_energy_accounting_400w_pue_1_1():
    # Touvron et al. 2023, carbon-footprint paragraph (READ-S): 400 W per A100, PUE 1.1.  For the
    # 1,022,362 GPU-hours of LLaMA-65B that is 450 MWh.
    energy = cl.training_energy(1, 400.0, 1_022_362 * 3600, pue=1.1)
    assert energy / 3.6e9 == pytest.approx(449.8, abs=0.1)  # MWh


# ---------------------------------------------------------------------------------------------
# Claim checks (REFERENCE.md §5)
# ---------------------------------------------------------------------------------------------


def test_claim_10000_cards_10000_pflops_needs_1_pflops_per_card():
    per_card = 10_000e15 / 10_000
    assert per_card == 1e15
    assert per_card / A100_PEAK == pytest.approx(3.2, abs=0.01)  # 3.2x an A100's BF16 dense peak
    assert per_card < 2 * 989e12  # below an H100's FP8 dense peak (2 x 989 TFLOP/s BF16)
    # Delivered, not peak: at 40% MFU the cluster sustains 4 EFLOP/s.
    assert 10_000 * per_card * 0.4 == pytest.approx(4e18)


def test_claim_130_trainium_instances_gpt3_in_two_weeks_needs_66_percent_mfu():
    # Assumption: trn1.32xlarge, 3,040 TFLOP/s BF16 per instance (AWS Neuron docs), 6ND FLOP.
    needed = cl.sustained_flops_needed(3.14e23, 130, 14 * DAY)
    assert needed == pytest.approx(2.0e15, rel=0.01)
    assert needed / TRN1_INSTANCE_PEAK == pytest.approx(0.654, abs=0.005)
    # At a LLaMA-like 47.6% MFU the same run takes about 19 days.
    days = cl.training_time(3.14e23, 130, TRN1_INSTANCE_PEAK, 0.476) / DAY
    assert days == pytest.approx(19.3, abs=0.05)


def test_claim_pue_1_04_vs_1_58_for_a_10000_gpu_year():
    # Uptime Institute 2023 industry average PUE 1.58 (READ-S).  Assumption: 1 kW IT power per GPU.
    low = cl.training_energy(10_000, 1000.0, YEAR, pue=1.04)
    high = cl.training_energy(10_000, 1000.0, YEAR, pue=1.58)
    assert (high - low) / 3.6e12 == pytest.approx(47.3, abs=0.05)  # GWh
    assert cl.energy_cost(high - low, 0.08) / 1e6 == pytest.approx(3.79, abs=0.01)  # million at 0.08/kWh
    assert low / high == pytest.approx(1.04 / 1.58)


def test_claim_decode_1000_tokens_per_second_for_671b_moe():
    # DeepSeek-V3 report: 671B total, 37B active, 256 routed experts, 8 per token.  FP8 weights.
    one_user = cl.decode_bandwidth_needed(1000, 1, cl.moe_weight_bytes(1, 671e9, 37e9, 256, 8))
    assert one_user == pytest.approx(37e12, rel=1e-9)  # 37 TB/s: ~7x HBM3e's ~5 TB/s
    assert one_user / 5e12 == pytest.approx(7.4)
    # Batched: at batch 64 the step reads ~585 GB, so 1,000 tokens/s in total needs ~9 TB/s.
    w64 = cl.moe_weight_bytes(64, 671e9, 37e9, 256, 8)
    assert w64 / 1e9 == pytest.approx(585.2, abs=0.5)
    assert cl.decode_bandwidth_needed(1000, 64, w64) / 1e12 == pytest.approx(9.14, abs=0.02)
    # The weights alone (671 GB in FP8) exceed one 80 GB card by 8x: "one card" cannot hold the model.
    assert 671e9 / 80e9 > 8


def test_claim_gpt4_on_25000_a100s_for_about_95_days():
    # Reported (UNVERIFIED, press): ~2.15e25 FLOP on ~25,000 A100s for 90-100 days.  Implied MFU:
    mfu = cl.sustained_flops_needed(2.15e25, 25_000, 95 * DAY) / A100_PEAK
    assert mfu == pytest.approx(0.336, abs=0.002)


# ---------------------------------------------------------------------------------------------
# Formulas by hand
# ---------------------------------------------------------------------------------------------


def test_ring_allreduce_matches_formula_and_limits():
    s, b = 4e9, 50e9
    assert cl.ring_allreduce_time(s, 1, b, 1e-6) == 0.0
    assert cl.ring_allreduce_time(s, 2, b) == pytest.approx(s / b)  # 2 (1/2) S/B
    assert cl.ring_allreduce_time(s, 8, b, 2e-6) == pytest.approx(2 * 7 / 8 * s / b + 14 * 2e-6)
    assert cl.ring_allreduce_time(s, 10**7, b) == pytest.approx(2 * s / b, rel=1e-6)


def test_gigabits_conversion_400gbps_is_50_gigabytes():
    assert cl.gigabits_to_bytes_per_second(400) == 50e9


def test_data_parallel_step_by_hand():
    step = cl.data_parallel_step(1024, 175e9, 3.2e6, 312e12, 0.45, 50e9)
    compute = 6 * 175e9 * 3.2e6 / (1024 * 312e12 * 0.45)
    comm = 2 * 1023 / 1024 * 350e9 / 50e9
    assert step.compute == pytest.approx(compute)
    assert step.communication == pytest.approx(comm)
    assert step.total == pytest.approx(compute + comm)
    assert step.efficiency == pytest.approx(compute / (compute + comm))
    hidden = cl.data_parallel_step(1024, 175e9, 3.2e6, 312e12, 0.45, 50e9, overlap=1.0)
    assert hidden.total == pytest.approx(max(compute, comm))


def test_model_parallel_divides_gradient_and_replicas():
    step = cl.data_parallel_step(64, 175e9, 3.2e6, 312e12, 0.5, 50e9, model_parallel=8)
    assert step.communication == pytest.approx(2 * 7 / 8 * (350e9 / 8) / 50e9)
    single = cl.data_parallel_step(8, 175e9, 3.2e6, 312e12, 0.5, 50e9, latency=1e-3, model_parallel=8)
    assert single.communication == 0.0 and single.efficiency == 1.0


def test_communication_wall_efficiency_falls_at_fixed_batch():
    n = np.array([64, 1024, 16384])
    eff = cl.data_parallel_step(n, 175e9, 3.2e6, 312e12, 0.5, 50e9, 1e-6).efficiency
    assert np.all(np.diff(eff) < 0) and eff[-1] < 0.1


def test_roofline_and_ridge_for_a100():
    assert cl.ridge_intensity(A100_PEAK, A100_BANDWIDTH) == pytest.approx(153.0, abs=0.1)
    assert cl.roofline(1.0, A100_PEAK, A100_BANDWIDTH) == A100_BANDWIDTH
    assert cl.roofline(1e4, A100_PEAK, A100_BANDWIDTH) == A100_PEAK


def test_decode_intensity_is_2b_over_bytes_per_weight_and_prefill_is_compute_bound():
    assert cl.decode_arithmetic_intensity(np.array([1, 8, 64]), 7e9) == pytest.approx([1, 8, 64])
    assert cl.decode_arithmetic_intensity(1, 7e9, bytes_per_param=1.0) == 2.0
    # A KV cache as large as the weights halves the intensity at batch 1.
    assert cl.decode_arithmetic_intensity(1, 7e9, kv_bytes_per_sequence=14e9) == pytest.approx(0.5)
    assert cl.prefill_arithmetic_intensity(2048) > cl.ridge_intensity(A100_PEAK, A100_BANDWIDTH)


def test_decode_throughput_memory_and_compute_bound_regimes():
    # Memory-bound: bandwidth / weight bytes per step.
    assert cl.decode_throughput(1, 7e9, A100_PEAK, A100_BANDWIDTH) == pytest.approx(A100_BANDWIDTH / 14e9)
    # Compute-bound at a huge batch: P / (2N) tokens/s.
    assert cl.decode_throughput(10**6, 7e9, A100_PEAK, A100_BANDWIDTH) == pytest.approx(A100_PEAK / 14e9)


def test_moe_weight_bytes_dense_limit_and_shared_split():
    # k = E (every expert used) is a dense model.
    assert cl.moe_weight_bytes(5, 10e9, 10e9, 4, 4, 2.0) == pytest.approx(20e9)
    # DeepSeek-V3 split: shared S = (37 - 671/32)/(1 - 1/32) = 16.54B.
    w2 = cl.moe_weight_bytes(2, 671e9, 37e9, 256, 8)
    shared = (37e9 - 671e9 / 32) / (31 / 32)
    assert w2 == pytest.approx(shared + (671e9 - shared) * (1 - (31 / 32) ** 2))


def test_energy_cost_of_one_kwh():
    assert cl.energy_cost(3.6e6, 0.1) == pytest.approx(0.1)


def test_arrays_broadcast():
    t = cl.training_time(np.array([1e23, 2e23]), 1024, A100_PEAK, 0.5)
    assert t.shape == (2,) and t[1] == pytest.approx(2 * t[0])


# ---------------------------------------------------------------------------------------------
# Physical invariants (hypothesis)
# ---------------------------------------------------------------------------------------------

positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=1, max_value=100_000)
fractions = st.floats(min_value=1e-3, max_value=1.0)


@settings(max_examples=40, deadline=None)
@given(flops=positive, n=counts, peak=positive, mfu=fractions)
def test_gpu_seconds_are_invariant(flops, n, peak, mfu):
    t = cl.training_time(flops * 1e20, n, peak * 1e12, mfu)
    assert n * t == pytest.approx(flops * 1e20 / (peak * 1e12 * mfu), rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(s=positive, p=counts, b=positive, alpha=st.floats(0, 1e-3))
def test_ring_time_bounded_by_2s_over_b_and_grows_with_p(s, p, b, alpha):
    t = cl.ring_allreduce_time(s, p, b)
    assert t <= 2 * s / b * (1 + 1e-12)
    assert cl.ring_allreduce_time(s, p + 1, b, alpha) >= cl.ring_allreduce_time(s, p, b, alpha)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 4096), bw=positive, alpha=st.floats(0, 1e-4), phi=st.floats(0, 1))
def test_step_time_between_max_and_sum_and_efficiency_in_unit_interval(n, bw, alpha, phi):
    step = cl.data_parallel_step(n, 1e9, 1e6, 1e14, 0.5, bw * 1e6, alpha, overlap=phi)
    assert max(step.compute, step.communication) * (1 - 1e-12) <= step.total
    assert step.total <= (step.compute + step.communication) * (1 + 1e-12)
    assert 0 < step.efficiency <= 1 + 1e-12


@settings(max_examples=40, deadline=None)
@given(i=positive, peak=positive, bw=positive)
def test_roofline_never_exceeds_either_roof_and_is_monotone(i, peak, bw):
    f = cl.roofline(i, peak, bw)
    assert f <= peak and f <= i * bw * (1 + 1e-12)
    assert cl.roofline(2 * i, peak, bw) >= f


@settings(max_examples=40, deadline=None)
@given(batch=st.integers(1, 5000))
def test_moe_bytes_between_active_and_total_and_per_token_falls(batch):
    w = cl.moe_weight_bytes(batch, 671e9, 37e9, 256, 8)
    assert 37e9 * (1 - 1e-12) <= w <= 671e9 * (1 + 1e-12)
    assert cl.moe_weight_bytes(batch + 1, 671e9, 37e9, 256, 8) >= w
    rate = cl.decode_throughput(batch, 37e9, 1e15, 5e12, weight_bytes=w)
    w_next = cl.moe_weight_bytes(batch + 1, 671e9, 37e9, 256, 8)
    assert cl.decode_throughput(batch + 1, 37e9, 1e15, 5e12, weight_bytes=w_next) >= rate * (1 - 1e-12)


@settings(max_examples=30, deadline=None)
@given(rate=positive, batch=st.integers(1, 1000), w=positive)
def test_bandwidth_needed_inverts_memory_bound_throughput(rate, batch, w):
    bw = cl.decode_bandwidth_needed(rate, batch, w * 1e9)
    # At that bandwidth, with infinite compute, the throughput is the target rate.
    assert cl.decode_throughput(batch, 1.0, 1e30, bw, weight_bytes=w * 1e9) == pytest.approx(rate, rel=1e-9)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

BAD_REALS = [0.0, -1.0, math.nan, math.inf]


@pytest.mark.parametrize("value", BAD_REALS)
@pytest.mark.parametrize("arg", ["flops", "peak_flops"])
def test_training_time_rejects_bad_reals(arg, value):
    kwargs = {"flops": 1e23, "n_gpus": 8, "peak_flops": 1e14, "mfu": 0.5, arg: value}
    with pytest.raises(ValueError, match=arg):
        cl.training_time(**kwargs)


@pytest.mark.parametrize("mfu", [0.0, -0.1, 1.01, math.nan])
def test_mfu_outside_unit_interval_raises(mfu):
    with pytest.raises(ValueError, match="mfu"):
        cl.training_time(1e23, 8, 1e14, mfu)
    with pytest.raises(ValueError, match="mfu"):
        cl.data_parallel_step(8, 1e9, 1e6, 1e14, mfu, 1e10)


@pytest.mark.parametrize("n", [0, -4, 1.5, math.nan, math.inf])
def test_n_gpus_must_be_a_whole_number_at_least_one(n):
    with pytest.raises(ValueError, match="n_gpus"):
        cl.training_time(1e23, n, 1e14, 0.5)
    with pytest.raises(ValueError, match="n_gpus"):
        cl.ring_allreduce_time(1e9, n, 1e10)


@pytest.mark.parametrize("bad", ["8", None, True, [1, [2, 3]], 1 + 2j])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError):
        cl.ring_allreduce_time(bad, 8, 1e10)


def test_other_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="latency"):
        cl.ring_allreduce_time(1e9, 8, 1e10, latency=-1e-6)
    with pytest.raises(ValueError, match="model_parallel"):
        cl.data_parallel_step(12, 1e9, 1e6, 1e14, 0.5, 1e10, model_parallel=8)
    with pytest.raises(ValueError, match="overlap"):
        cl.data_parallel_step(8, 1e9, 1e6, 1e14, 0.5, 1e10, overlap=1.5)
    with pytest.raises(ValueError, match="pue"):
        cl.training_energy(8, 700.0, 3600.0, pue=0.9)
    with pytest.raises(ValueError, match="price_per_kwh"):
        cl.energy_cost(1e9, -0.1)
    with pytest.raises(ValueError, match="energy"):
        cl.energy_cost(-1e9, 0.1)
    with pytest.raises(ValueError, match="batch"):
        cl.decode_throughput(0, 7e9, 1e14, 1e12)
    with pytest.raises(ValueError, match="kv_bytes_per_sequence"):
        cl.decode_arithmetic_intensity(1, 7e9, kv_bytes_per_sequence=-1.0)
    with pytest.raises(ValueError, match="weight_bytes"):
        cl.decode_throughput(1, 7e9, 1e14, 1e12, weight_bytes=0.0)
    with pytest.raises(ValueError, match="experts_per_token"):
        cl.moe_weight_bytes(1, 671e9, 37e9, 8, 16)
    with pytest.raises(ValueError, match="active_params"):
        cl.moe_weight_bytes(1, 671e9, 700e9, 256, 8)
    with pytest.raises(ValueError, match="active_params"):
        cl.moe_weight_bytes(1, 671e9, 1e9, 256, 8)  # fewer than the routed share alone
    with pytest.raises(ValueError, match="tokens_per_second_per_gpu"):
        cl.model_flops_utilization(-380, 65e9, 312e12)
    with pytest.raises(ValueError, match="gigabits_per_second"):
        cl.gigabits_to_bytes_per_second(math.nan)
    with pytest.raises(ValueError, match="n_tokens"):
        cl.prefill_arithmetic_intensity(0)
    with pytest.raises(ValueError, match="intensity"):
        cl.roofline(-1.0, 1e14, 1e12)
    with pytest.raises(ValueError, match="duration"):
        cl.sustained_flops_needed(1e23, 8, 0.0)
    with pytest.raises(ValueError, match="tokens_per_second"):
        cl.decode_bandwidth_needed(0.0, 1, 1e9)


def test_claim_1000_tokens_per_second_per_card_when_sharded_needs_batch_above_400():
    # Reading "per card" as aggregate throughput / cards with the model sharded over many cards:
    # per-card rate = B x bandwidth / W(B).  MTT S5000 memory bandwidth 1.6 TB/s (press, READ-S);
    # assumed peak 1 PFLOP/s FP8.  Below B ~ 420 sequences the memory roof caps it under 1,000.
    def per_card(batch):
        w = cl.moe_weight_bytes(batch, 671e9, 37e9, 256, 8)
        return cl.decode_throughput(batch, 37e9, 1e15, 1.6e12, weight_bytes=w)

    assert per_card(256) == pytest.approx(610.6, abs=0.5)
    assert per_card(512) == pytest.approx(1220.9, abs=0.5)
    assert per_card(400) < 1000 < per_card(430)


# ---------------------------------------------------------------------------------------------
# Review fixes (issue 12): MFU with attention, model-state memory, pipeline bubble, in-network
# all-reduce, per-sequence decode rate of a sharded model
# ---------------------------------------------------------------------------------------------


def test_palm_attention_term_is_small_for_large_models_at_2k_context():
    """PaLM (Chowdhery et al. 2022, Appendix B): model FLOP per token 6N + 12LHQT.

    Architectures from Brown et al. 2020, Table 2.1 (GPT-3 175B: 96 layers, d_model 12,288,
    context 2,048; GPT-3 Small: 125M, 12 layers, d_model 768) and Touvron et al. 2023, Table 2
    (LLaMA-65B: 80 layers, dimension 8,192; context 2,048).  The ratio 12LHQT/6N = 2LHQT/N.
    """
    from physics_lib.scaling import attention_flops_per_token

    def ratio(n, layers, width, context):
        return attention_flops_per_token(layers, width, context, "palm") / training_flops(n, 1)

    assert ratio(175e9, 96, 12288, 2048) == pytest.approx(0.0276, abs=5e-4)  # chapter: "adds 2.8%"
    assert ratio(65.2e9, 80, 8192, 2048) == pytest.approx(0.041, abs=5e-4)  # chapter: "4.1%"
    assert ratio(175e9, 96, 12288, 2048) == pytest.approx(2 * 96 * 12288 * 2048 / 175e9)
    # LLaMA-65B's MFU with attention counted: 47.6% -> 49.6%
    k = 6 + attention_flops_per_token(80, 8192, 2048, "palm") / 65.2e9
    assert cl.model_flops_utilization(380, 65.2e9, A100_PEAK, flops_per_param_token=k) == pytest.approx(0.496, abs=5e-4)
    # Small model, long context: 30% at T = 2048, 121% at T = 8192
    assert [ratio(125e6, 12, 768, t) for t in (2048, 8192)] == pytest.approx([0.30, 1.21], abs=5e-3)


def test_gpt3_model_states_need_more_than_tensor_parallelism():
    """ZeRO (Rajbhandari et al. 2020, Sec. 3.1): mixed-precision Adam keeps 2 + 2 + 12 bytes per
    parameter.  GPT-3: 2.8 TB; 350 GB per GPU at m = 8 (does not fit 80 GB); tensor 8 x pipeline 16
    (Narayanan et al. 2021, Table 1) gives 21.9 GB; ZeRO-3 with m = 8 over d = 128 gives 2.7 GB."""
    assert cl.model_state_bytes(175e9) == pytest.approx(2.8e12)
    assert cl.model_state_bytes(175e9, model_parallel=8) == pytest.approx(350e9)
    assert cl.model_state_bytes(175e9, model_parallel=8) > 4 * 80e9
    assert cl.model_state_bytes(175e9, model_parallel=128) / 1e9 == pytest.approx(21.9, abs=0.05)
    zero3 = cl.model_state_bytes(175e9, model_parallel=8, data_parallel=128, zero_stage=3)
    assert zero3 / 1e9 == pytest.approx(2.7, abs=0.05)
    assert math.ceil(cl.model_state_bytes(175e9) / 80e9) == 35  # fewest GPUs whose memory holds the states


def test_zero_figure1_model_state_memory():
    """Rajbhandari et al. 2020, Figure 1: Psi = 7.5B, N_d = 64, K = 12: 120 GB, 31.4 GB, 16.6 GB, 1.9 GB."""
    got = [cl.model_state_bytes(7.5e9, data_parallel=64, zero_stage=z) / 1e9 for z in range(4)]
    assert got == pytest.approx([120.0, 31.4, 16.6, 1.9], abs=0.05)


def test_pipeline_bubble_formula():
    """GPipe / Narayanan et al. 2021, Sec. 2.2: bubble fraction (p - 1)/(m + p - 1)."""
    assert cl.pipeline_bubble_fraction(1, 7) == 0.0
    assert cl.pipeline_bubble_fraction(4, 4) == pytest.approx(3 / 7)
    assert cl.pipeline_bubble_fraction(16, np.array([1e9]))[0] < 1e-7


def test_gpt3_scaling_with_tensor8_pipeline16_layout():
    """Chapter, 'Memory decides m first': m = 128 (16 stages), 400 Gb/s, 1 us, u = 0.5, 3.2M-token
    batch (Brown et al. 2020) = 1,562 sequences of 2,048 tokens, one per micro-batch."""
    bw = cl.gigabits_to_bytes_per_second(400)
    n = np.array([1024, 4096, 10240])
    step = cl.data_parallel_step(n, 175e9, 3.2e6, A100_PEAK, 0.5, bw, 1e-6, model_parallel=128)
    assert step.efficiency == pytest.approx([0.995, 0.980, 0.951], abs=5e-4)
    d = n / 128
    bubble = cl.pipeline_bubble_fraction(16, 3.2e6 / 2048 / d)
    assert bubble == pytest.approx([0.071, 0.235, 0.435], abs=0.005)  # chapter: 7%, 24%, 44%
    total = step.efficiency * (1 - bubble)
    assert total == pytest.approx([0.92, 0.75, 0.54], abs=0.005)
    days = 300e9 / 3.2e6 * step.total / (1 - bubble) / DAY
    assert days == pytest.approx([24.7, 7.6, 4.25], abs=0.06)
    # ZeRO stage 3 with m = 8: 1.5x the all-reduce traffic (bytes_per_gradient 2 -> 3), no bubble
    zero3 = cl.data_parallel_step(n, 175e9, 3.2e6, A100_PEAK, 0.5, bw, 1e-6, bytes_per_gradient=3.0, model_parallel=8)
    assert zero3.efficiency == pytest.approx([0.89, 0.67, 0.44], abs=0.005)


def test_ring_is_bandwidth_optimal_and_in_network_reduction_halves_it():
    """Patarasuk & Yuan 2009: 2(p-1)/p S/B is the lower bound for reductions on the ranks; with
    switch-side reduction (NVIDIA SHARP) each rank sends and receives S once: S/B."""
    s, b = 2e9, 50e9
    for p in (2, 8, 1024):
        assert cl.ring_allreduce_time(s, p, b) == pytest.approx(2 * (p - 1) / p * s / b)
    assert cl.in_network_allreduce_time(s, 1024, b) == pytest.approx(s / b)
    ratio = cl.in_network_allreduce_time(s, 10**6, b) / cl.ring_allreduce_time(s, 10**6, b)
    assert ratio == pytest.approx(0.5, rel=1e-5)
    # latency: one hop per tree level, up and down; binary tree over 1,024 ranks has 10 levels
    lat = cl.in_network_allreduce_time(s, 1024, b, latency=1e-6) - s / b
    assert lat == pytest.approx(20e-6)
    assert cl.in_network_allreduce_time(s, 1024, b, latency=1e-6, fan_in=32) - s / b == pytest.approx(4e-6)
    assert cl.in_network_allreduce_time(s, 1, b, latency=1e-6) == 0.0
    # ring latency at p = 10,000 and 1 us: 20 ms (chapter)
    assert 2 * (10_000 - 1) * 1e-6 == pytest.approx(0.020, abs=1e-4)


def test_claim_moe_decode_per_sequence_rate_on_nine_cards():
    """DeepSeek-V3 report (671B total, 37B active, 256 experts, 8 per token), FP8 weights; MTT S5000
    80 GB at 1.6 TB/s (press report).  At least ceil(671/80) = 9 cards hold the weights; at the batch
    where the per-card rate passes 1,000 tokens/s each sequence gets about 21 tokens/s on 9 cards."""
    assert math.ceil(671 / 80) == 9
    w = cl.moe_weight_bytes(420, 671e9, 37e9, 256, 8)
    nine = cl.sharded_decode_throughput(420, 9, 37e9, 1e15, 1.6e12, weight_bytes=w)
    assert nine.per_card == pytest.approx(1001.5, abs=0.5)
    assert nine.per_sequence == pytest.approx(21.46, abs=0.01)
    assert nine.total == pytest.approx(9 * nine.per_card)
    one = cl.sharded_decode_throughput(420, 1, 37e9, 1e15, 1.6e12, weight_bytes=w)
    assert one.per_card == pytest.approx(nine.per_card) and one.per_sequence == pytest.approx(2.4, abs=0.05)
    sixteen = cl.sharded_decode_throughput(420, 16, 37e9, 1e15, 1.6e12, weight_bytes=w)
    assert sixteen.per_sequence == pytest.approx(38, abs=0.5)
    # per card equals the single-card roofline (decode_throughput)
    assert nine.per_card == pytest.approx(cl.decode_throughput(420, 37e9, 1e15, 1.6e12, weight_bytes=w))
    # memory left for KV caches on 9 cards: 49 GB, about 117 MB per sequence
    assert (9 * 80 - 671) / 420 * 1e3 == pytest.approx(117, abs=0.5)


def test_new_cluster_functions_reject_bad_input():
    with pytest.raises(ValueError, match="zero_stage"):
        cl.model_state_bytes(1e9, zero_stage=4)
    with pytest.raises(TypeError, match="zero_stage"):
        cl.model_state_bytes(1e9, zero_stage=1.5)
    with pytest.raises(ValueError, match="fan_in"):
        cl.in_network_allreduce_time(1e9, 8, 1e10, fan_in=1)
    with pytest.raises(ValueError, match="micro_batches"):
        cl.pipeline_bubble_fraction(4, 0.0)
    with pytest.raises(ValueError, match="n_cards"):
        cl.sharded_decode_throughput(8, 0, 7e9, 1e14, 1e12)
