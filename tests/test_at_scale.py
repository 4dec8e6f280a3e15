"""Tests of physics_lib.scaling.at_scale: published numbers (source named), limits, invariants, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from physics_lib.scaling import at_scale as sc
from physics_lib.scaling import cluster as cl

HOUR = 3600.0
DAY = 86400.0

# Grattafiori et al. 2024, "The Llama 3 Herd of Models", Sec. 3.3.4 and Table 5 (read in a text
# copy of the paper): a 54-day snapshot of Llama 3 405B pre-training on 16,384 H100s had 466 job
# interruptions, 47 planned and 419 unexpected.
LLAMA3_GPUS, LLAMA3_DAYS, LLAMA3_UNEXPECTED = 16384, 54, 419
LLAMA3_TABLE5 = {  # component: (count, printed percentage)
    "Faulty GPU": (148, 30.1), "GPU HBM3 Memory": (72, 17.2), "Software Bug": (54, 12.9),
    "Network Switch/Cable": (35, 8.4), "Host Maintenance": (32, 7.6), "GPU SRAM Memory": (19, 4.5),
    "GPU System Processor": (17, 4.1), "NIC": (7, 1.7), "NCCL Watchdog Timeouts": (7, 1.7),
    "Silent Data Corruption": (6, 1.4), "GPU Thermal Interface + Sensor": (6, 1.4), "SSD": (3, 0.7),
    "Power Supply": (3, 0.7), "Server Chassis": (2, 0.5), "IO Expansion Board": (2, 0.5),
    "Dependency": (2, 0.5), "CPU": (2, 0.5), "System Memory": (2, 0.5),
}
GPU_ROWS = ["Faulty GPU", "GPU HBM3 Memory", "GPU SRAM Memory", "GPU System Processor", "Silent Data Corruption", "GPU Thermal Interface + Sensor"]


# ---------------------------------------------------------------------------------------------
# Failures and checkpoints
# ---------------------------------------------------------------------------------------------


def test_llama3_table5_counts_add_up_and_all_but_one_percentage_match():
    # Llama 3 report, Table 5: the 18 rows sum to the 419 unexpected interruptions, and every
    # printed percentage is count/419 to 0.05 points except "Faulty GPU": 148/419 = 35.3%, printed 30.1%.
    assert sum(count for count, _ in LLAMA3_TABLE5.values()) == LLAMA3_UNEXPECTED
    mismatched = [name for name, (count, pct) in LLAMA3_TABLE5.items() if abs(100 * count / LLAMA3_UNEXPECTED - pct) > 0.051]
    assert mismatched == ["Faulty GPU"]
    assert 100 * 148 / 419 == pytest.approx(35.3, abs=0.05)


def test_llama3_gpu_share_is_64_percent_by_count_not_the_printed_58_7():
    # The text says "GPU issues ... 58.7% of all unexpected issues"; the GPU-category rows of
    # Table 5 add to 268 of 419 = 64.0% (58.7% is what the rows give with the printed 30.1%).
    gpu = sum(LLAMA3_TABLE5[name][0] for name in GPU_ROWS)
    assert gpu == 268 and 100 * gpu / 419 == pytest.approx(64.0, abs=0.05)
    assert sum(LLAMA3_TABLE5[name][1] for name in GPU_ROWS) == pytest.approx(58.7, abs=0.05)


def test_llama3_job_mtbf_is_about_three_hours():
    # 419 unexpected interruptions in 54 days: one every 3.09 h ("about every three hours" in the press).
    job = LLAMA3_DAYS * 24 / LLAMA3_UNEXPECTED
    assert job == pytest.approx(3.09, abs=0.005)
    gpu_mtbf = LLAMA3_GPUS * job  # hours, per GPU-slot, all causes
    assert gpu_mtbf / (365.25 * 24) == pytest.approx(5.78, abs=0.005)
    assert sc.cluster_mtbf(LLAMA3_GPUS, gpu_mtbf) == pytest.approx(job, rel=1e-12)


def test_llama3_best_checkpoint_interval_and_goodput_above_90_percent_needs_fast_checkpoints():
    # Our derivation: at M = 3.09 h, Young's interval is 7.9 min for a 10 s checkpoint and 19 min for
    # 60 s; with a 10-minute restart the first-order goodput is 90.4% and 84.2%. The report's
    # "higher than 90% effective training time" therefore implies checkpoints of seconds, not minutes.
    m = LLAMA3_DAYS * DAY / LLAMA3_UNEXPECTED
    tau10, tau60 = sc.checkpoint_interval(10.0, m), sc.checkpoint_interval(60.0, m)
    assert tau10 / 60 == pytest.approx(7.87, abs=0.01) and tau60 / 60 == pytest.approx(19.27, abs=0.01)
    assert sc.goodput(10.0, 600.0, m, tau10) == pytest.approx(0.904, abs=5e-4)
    assert sc.goodput(60.0, 600.0, m, tau60) == pytest.approx(0.842, abs=5e-4)


@pytest.mark.parametrize(("mtbf_h", "expected_min"), [(24, 117), (6, 57), (0.25, 9.1)])
def test_daly_2006_optimum_intervals_figs_3_to_5(mtbf_h, expected_min):
    # Daly 2006, Figs. 3-5 (captions read in the publisher's abstract page): R = 10 min, δ = 5 min;
    # M = 24 h -> τ_opt = 117 min, M = 6 h -> 57 min, M = 15 min -> 9.1 min.
    tau = sc.checkpoint_interval(300.0, mtbf_h * HOUR, model="daly") / 60
    digits = 0 if expected_min > 10 else 1
    assert round(tau, digits) == expected_min


def test_young_is_the_minimum_of_the_first_order_goodput():
    m, delta, r = 5 * HOUR, 120.0, 300.0
    taus = np.linspace(60, 7200, 20001)
    best = taus[np.argmax(sc.goodput(delta, r, m, taus))]
    assert best == pytest.approx(sc.checkpoint_interval(delta, m), rel=1e-3)


def test_daly_interval_maximises_daly_goodput():
    m, delta, r = 2 * HOUR, 300.0, 600.0
    taus = np.linspace(60, 7200, 40001)
    best = taus[np.argmax(sc.goodput(delta, r, m, taus, model="daly"))]
    assert best == pytest.approx(sc.checkpoint_interval(delta, m, model="daly"), rel=5e-3)


def test_daly_interval_is_mtbf_when_checkpoint_exceeds_twice_it():
    assert sc.checkpoint_interval(1000.0, 400.0, model="daly") == 400.0


@settings(max_examples=60, deadline=None)
@given(st.floats(1, 1e3), st.floats(0, 1e3), st.floats(1e3, 1e6))
def test_goodput_models_agree_when_everything_is_short_and_stay_in_unit_interval(delta, r, m):
    tau = sc.checkpoint_interval(delta, m)
    first, daly = sc.goodput(delta, r, m, tau), sc.goodput(delta, r, m, tau, model="daly")
    assert 0.0 <= first <= 1.0 and 0.0 <= daly <= 1.0
    if (tau + delta + r) / m < 0.01:
        assert daly == pytest.approx(first, abs=2e-3)


def test_goodput_at_100k_gpus_with_llama3_failure_rate():
    # Claim check "clusters of over 100,000 cards": at Llama 3's per-GPU rate the job MTBF is 30 min.
    gpu_mtbf = LLAMA3_GPUS * LLAMA3_DAYS * DAY / LLAMA3_UNEXPECTED
    m = sc.cluster_mtbf(100_000, gpu_mtbf)
    assert m / 60 == pytest.approx(30.4, abs=0.05)
    tau = sc.checkpoint_interval(60.0, m)
    assert sc.goodput(60.0, 600.0, m, tau) == pytest.approx(0.415, abs=5e-4)
    assert sc.goodput(60.0, 120.0, m, tau) == pytest.approx(0.678, abs=5e-4)


# ---------------------------------------------------------------------------------------------
# Parallel layouts
# ---------------------------------------------------------------------------------------------


def test_korthikanti_table2_rows_for_gpt3():
    # Korthikanti et al. 2022, Table 2, evaluated by hand for s = 2048, b = 1, h = 12288, a = 96, t = 8:
    # sbh = 25,165,824; 5as/h = 80.
    sbh = 2048 * 12288
    f = sc.activation_bytes_per_layer
    assert f(2048, 1, 12288, 96) == sbh * (34 + 80)
    assert f(2048, 1, 12288, 96, 8, sequence_parallel="no") == pytest.approx(sbh * (10 + 24 / 8 + 80 / 8))
    assert f(2048, 1, 12288, 96, 8) == pytest.approx(sbh * (34 + 80) / 8)
    assert f(2048, 1, 12288, 96, 8, recompute="selective") == pytest.approx(sbh * 34 / 8)
    assert f(2048, 1, 12288, 96, 8, recompute="selective", sequence_parallel="no") == pytest.approx(sbh * (10 + 24 / 8))
    assert f(2048, 1, 12288, 96, 8, recompute="full") == 2 * sbh


def test_tensor_parallel_traffic_is_narayanan_8bsh():
    # Narayanan et al. 2021, Sec. 3.2: 8bsh(t-1)/t values per layer per micro-batch per device.
    assert sc.tensor_parallel_bytes_per_layer(2048, 1, 12288, 8, 1.0) == pytest.approx(8 * 2048 * 12288 * 7 / 8)
    assert sc.tensor_parallel_bytes_per_layer(2048, 4, 12288, 1) == 0.0


def _gpt3(t, p, d=None, **kw):
    d = d or 1024 // (t * p)
    return sc.parallel_layout(175e9, 96, 12288, 96, 2048, 1536, t, p, d, 312e12, 0.5, 300e9, 25e9, **kw)


def test_gpt3_megatron_layout_fits_and_matches_the_model_state_function():
    # Narayanan et al. 2021, Table 1: GPT-3 175B on 1,024 A100s as t = 8, p = 16, d = 8, batch 1,536.
    r = _gpt3(8, 16)
    assert r.state_bytes == pytest.approx(cl.model_state_bytes(175e9, model_parallel=128))
    assert r.state_bytes / 1e9 == pytest.approx(21.9, abs=0.05)
    assert r.activation_bytes == 96 * 2 * 2048 * 12288  # full recomputation: each layer's input
    assert r.memory_bytes < 80e9 and r.micro_batches == 192
    assert r.bubble == pytest.approx(cl.pipeline_bubble_fraction(16, 192))


def test_gpt3_layout_sustains_about_140_tflops_per_gpu_at_half_peak_arithmetic():
    # Narayanan et al. 2021 measured 140 TFLOP/s per GPU (8 FLOP per parameter per token). Our
    # first-order model, with the arithmetic itself at 50% of peak (an assumption), gives 137.
    r = _gpt3(8, 16)
    achieved = 8 * 175e9 * 1536 * 2048 / (1024 * r.step)
    assert achieved / 1e12 == pytest.approx(137, abs=1)


def test_tensor_parallelism_beyond_the_server_collapses_and_memory_rules_out_small_model_parallelism():
    # Narayanan et al. 2021, takeaway 1: tensor parallelism up to the GPUs of a server, then pipeline.
    inside, across = _gpt3(8, 16), _gpt3(16, 8)
    assert across.tensor_comm > 20 * inside.tensor_comm and across.efficiency < 0.5 < inside.efficiency
    assert _gpt3(1, 32).memory_bytes > 80e9 > _gpt3(8, 8).memory_bytes  # t*p = 32 does not fit, 64 does


def test_parallel_layout_rejects_layers_not_divisible_and_empty_pipelines():
    with pytest.raises(ValueError, match="n_layers"):
        _gpt3(8, 5, d=2)
    with pytest.raises(ValueError, match="global_batch"):
        _gpt3(1, 1, d=2048)


# ---------------------------------------------------------------------------------------------
# Collectives and topology
# ---------------------------------------------------------------------------------------------


def test_tree_beats_ring_on_latency_and_loses_little_on_bandwidth():
    small = (1e6, 1024, 50e9, 1e-6)
    assert sc.tree_allreduce_time(*small) == pytest.approx(60e-6)
    assert cl.ring_allreduce_time(*small) / sc.tree_allreduce_time(*small) > 30
    big = (1e10, 1024, 50e9, 0.0)
    assert sc.tree_allreduce_time(*big) / cl.ring_allreduce_time(*big) == pytest.approx(1024 / 1023)
    assert sc.tree_allreduce_time(1e6, 1, 50e9, 1e-6) == 0.0


def test_hierarchical_equals_ring_for_one_server_and_for_one_gpu_per_server():
    assert sc.hierarchical_allreduce_time(2e9, 8, 1, 3e11, 5e10, 1e-6, 5e-6) == pytest.approx(cl.ring_allreduce_time(2e9, 8, 3e11, 1e-6))
    assert sc.hierarchical_allreduce_time(2e9, 1, 64, 3e11, 5e10, 1e-6, 5e-6) == pytest.approx(cl.ring_allreduce_time(2e9, 64, 5e10, 5e-6))
    assert sc.hierarchical_allreduce_time(2e9, 8, 128, 3e11, 5e10) < cl.ring_allreduce_time(2e9, 1024, 5e10) / 3


def test_fat_tree_al_fares_48_port():
    # Al-Fares et al. 2008, Sec. 3: k^3/4 hosts and 5k^2/4 switches; 48-port switches give 27,648 hosts.
    tree = sc.fat_tree(48)
    assert tree.hosts == 27648 == 48**3 // 4 and tree.switches == 2880 == 5 * 48**2 // 4 and tree.diameter == 6
    assert sc.fat_tree(48, tiers=2).hosts == 48**2 // 2


@pytest.mark.parametrize("k", [4, 16, 48, 64, 128])
def test_fat_tree_has_full_bisection_and_every_switch_uses_k_ports(k):
    for tiers in (2, 3, 4):
        tree = sc.fat_tree(k, tiers)
        ports = tree.hosts + 2 * tree.links  # each host link and each switch-to-switch link uses ports
        assert ports == tree.switches * k
        assert sc.fat_tree_radix_for(tree.hosts, tiers) == k


def test_scalex_and_100k_card_fabrics():
    # Claim checks: 16 x 640 = 10,240 accelerators need 144-port switches in two tiers, 36 in three;
    # 100,000 need 448 in two tiers, 74 in three: 128-port switches (51.2 Tb/s of 400G) give 524,288.
    assert 16 * 640 == 10240
    assert sc.fat_tree_radix_for(10240, 2) == 144 and sc.fat_tree_radix_for(10240, 3) == 36
    assert sc.fat_tree_radix_for(100_000, 2) == 448 and sc.fat_tree_radix_for(100_000, 3) == 74
    assert sc.fat_tree(64).hosts == 65536 < 100_000 < sc.fat_tree(128).hosts == 524288


# ---------------------------------------------------------------------------------------------
# Inference memory
# ---------------------------------------------------------------------------------------------


def test_deepseek_v2_mla_equals_gqa_with_2_25_groups():
    # DeepSeek-V2 (arXiv:2405.04434), Sec. 2.1.4 / Table 1: d_c = 4 d_h, d_h^R = d_h / 2, so the MLA
    # cache equals GQA with 2.25 groups (d_h = 128, 60 layers).
    mla = sc.latent_kv_cache_bytes(60, 4 * 128, 128 // 2, 1)
    assert mla / sc.kv_cache_bytes(60, 1, 128, 1) == pytest.approx(2.25)


def test_deepseek_v3_and_llama3_405b_cache_per_token():
    # DeepSeek-V3 config: 61 layers, kv_lora_rank 512, qk_rope_head_dim 64 -> 70,272 bytes/token in
    # BF16; Llama 3 405B (Grattafiori et al. 2024, Table 3: 126 layers, 8 KV heads, dim 128) -> 516,096.
    v3, llama = sc.latent_kv_cache_bytes(61, 512, 64, 1), sc.kv_cache_bytes(126, 8, 128, 1)
    assert (v3, llama) == (70272.0, 516096.0)
    assert llama / v3 == pytest.approx(7.34, abs=0.005)
    # A 128k context: 67.6 GB for Llama 3 405B, 9.2 GB for DeepSeek-V3.
    assert sc.kv_cache_bytes(126, 8, 128, 131072) / 1e9 == pytest.approx(67.6, abs=0.05)


def test_kv_cache_scales_linearly_and_bounds_the_batch():
    per_token = sc.kv_cache_bytes(32, 8, 128, 1)
    assert sc.kv_cache_bytes(32, 8, 128, 1000, batch=7) == pytest.approx(7000 * per_token)
    assert sc.max_concurrent_sequences(80e9, 16e9, per_token, 8192) == math.floor(64e9 / (per_token * 8192))
    assert sc.max_concurrent_sequences(80e9, 100e9, per_token, 8192) == 0.0


# ---------------------------------------------------------------------------------------------
# The rack
# ---------------------------------------------------------------------------------------------


def test_scalex640_cooling_capacity_per_card():
    # Sugon (press, via besthub.dev): 1.72 MW of cooling for a 1,280-card unit of two scaleX640
    # cabinets: 1.34 kW per card, 860 kW per cabinet, 7 times a ~120 kW GB200 NVL72 rack.
    assert 1.72e6 / 1280 == pytest.approx(1343.75)
    assert 640 * 1.72e6 / 1280 / 120e3 == pytest.approx(7.17, abs=0.005)


def test_air_flow_for_a_rack_and_water_carries_3500_times_more_per_volume():
    assert sc.coolant_flow(40e3, 15.0) == pytest.approx(2.21, abs=0.005)
    ratio = sc.coolant_flow(1e3, 10.0) / sc.coolant_flow(1e3, 10.0, density=997.0, specific_heat=4180.0)
    assert ratio == pytest.approx(3456, rel=1e-3)


def test_pue_cop_and_rack_power():
    assert sc.cooling_cop_required(1.04) == pytest.approx(25.0)
    assert sc.cooling_cop_required(1.5) == pytest.approx(2.0)
    assert sc.cooling_cop_required(1.01, 0.02) == math.inf
    assert sc.rack_power(8, 700.0, 1000.0, 0.0, 0.5) == pytest.approx(13200.0)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: sc.checkpoint_interval(60.0, 1e4, model="exact"), "model"),
        (lambda: sc.goodput(60.0, 60.0, 1e4, 600.0, model=1), "model"),
        (lambda: sc.activation_bytes_per_layer(2048, 1, 4096, 32, recompute="some"), "recompute"),
        (lambda: sc.fat_tree(47), "radix"),
        (lambda: sc.fat_tree(48, tiers=6), "tiers"),
        (lambda: sc.cooling_cop_required(0.9), "pue"),
        (lambda: sc.kv_cache_bytes(32, 8, 128, [1.0, -1.0]), "n_tokens"),
    ],
)
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises((TypeError, ValueError), match=argument):
        call()
