"""Figures and widget panels for the cluster chapter (physics in :mod:`physics_lib.scaling.cluster`)."""

from __future__ import annotations

import numpy as np

from ..scaling import cluster
from .panel import Panel, choice, figure, slider

__all__ = ["CLUSTER_SIZES", "communication_wall_panel", "decode_roofline_panel"]

# The run the communication-wall panel trains: GPT-3 175B on 300B tokens with a 3.2M-token batch
# (Brown et al. 2020, Tables 2.1 and D.1) on A100s (312 TFLOP/s BF16 dense) whose compute phase
# runs at 50% of peak, with BF16 gradients and 2,048-token sequences.
GPT3_PARAMS = 175e9
GPT3_TOKENS = 300e9
GPT3_BATCH = 3.2e6
SEQUENCE = 2048
A100_PEAK = 312e12
COMPUTE_MFU = 0.5
DAY = 86400.0
GPU_MEMORY_GB = 80  # A100 80GB

CLUSTER_SIZES = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 10240, 16384, 32768]

# Decode panel models: (label, total parameters, active parameters, experts, experts per token,
# bytes per weight).  The MoE row is DeepSeek-V3/R1 (671B total, 37B active, 256 routed experts,
# 8 per token; DeepSeek-AI 2024) in FP8.
DECODE_MODELS = {
    "dense 70B, BF16": (70e9, 70e9, 1, 1, 2.0),
    "MoE 671B (37B active), FP8": (671e9, 37e9, 256, 8, 1.0),
}


def _solve_layout(fig, top: float) -> None:
    """Leave the top of the figure for the readout text; :class:`Panel` solves and freezes the layout."""
    fig.get_layout_engine().set(rect=(0, 0, 1, top))


def _step(n, bandwidth_gbps, latency_us, model_parallel, overlap):
    return cluster.data_parallel_step(
        n,
        GPT3_PARAMS,
        GPT3_BATCH,
        A100_PEAK,
        COMPUTE_MFU,
        cluster.gigabits_to_bytes_per_second(bandwidth_gbps),
        latency=latency_us * 1e-6,
        overlap=overlap,
        model_parallel=model_parallel,
    )


def communication_wall_panel(
    n_gpus: int = 1024, bandwidth_gbps: float = 400.0, latency_us: float = 1.0, model_parallel: int = 8
) -> Panel:
    """Step time and scaling efficiency of GPT-3 training against cluster size.

    Controls: cluster size ``n_gpus`` (one of :data:`CLUSTER_SIZES`), per-GPU link rate
    ``bandwidth_gbps`` (Gb/s), per-step latency ``latency_us`` (µs) and the number of GPUs
    ``model_parallel`` that share one model replica.
    """
    sizes = np.array(CLUSTER_SIZES, dtype=float)
    n_curve = np.geomspace(sizes[0], sizes[-1], 120)
    fig, (ax_time, ax_eff) = figure(8.0, 3.9, ncols=2)

    compute_curve = 6.0 * GPT3_PARAMS * GPT3_BATCH / (n_curve * A100_PEAK * COMPUTE_MFU)
    ax_time.loglog(n_curve, compute_curve, color="0.3", label="compute")
    (comm_line,) = ax_time.loglog(n_curve, compute_curve, "--", label="ring all-reduce")
    (total_line,) = ax_time.loglog(n_curve, compute_curve, label="step, no overlap")
    (time_marker,) = ax_time.plot([1024], [1.0], "o", color="black", markersize=6, clip_on=False)
    ax_time.set(xlabel="GPUs in the cluster, n", ylabel="time per optimiser step (s)")
    ax_time.set_xlim(sizes[0], sizes[-1])
    ax_time.set_ylim(1e-2, 1e3)
    ax_time.legend(loc="lower left", fontsize=8)

    (eff_plain,) = ax_eff.semilogx(n_curve, np.ones_like(n_curve), label="no overlap")
    (eff_overlap,) = ax_eff.semilogx(n_curve, np.ones_like(n_curve), ":", label="perfect overlap")
    (eff_marker,) = ax_eff.plot([1024], [1.0], "o", color="black", markersize=6, clip_on=False)
    ax_eff.set(xlabel="GPUs in the cluster, n", ylabel="scaling efficiency")
    ax_eff.set_xlim(sizes[0], sizes[-1])
    ax_eff.set_ylim(0.0, 1.05)
    ax_eff.legend(loc="lower left", fontsize=8)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8.5, family="monospace")
    _solve_layout(fig, top=0.78)  # four lines of readout

    def state(n_gpus, bandwidth_gbps, latency_us, model_parallel):
        m = int(model_parallel)
        n = max(int(n_gpus), m)
        plain = _step(n, bandwidth_gbps, latency_us, m, 0.0)
        hidden = _step(n, bandwidth_gbps, latency_us, m, 1.0)
        steps = GPT3_TOKENS / GPT3_BATCH
        return n, m, plain, hidden, steps * plain.total / DAY, steps * hidden.total / DAY

    def update(n_gpus, bandwidth_gbps, latency_us, model_parallel):
        m = int(model_parallel)
        valid = n_curve >= m
        n_valid = np.where(valid, np.round(n_curve / m) * m, m)
        curve_plain = _step(n_valid, bandwidth_gbps, latency_us, m, 0.0)
        curve_hidden = _step(n_valid, bandwidth_gbps, latency_us, m, 1.0)
        comm_line.set_ydata(np.maximum(curve_plain.communication, 1e-6))
        total_line.set_ydata(compute_curve + curve_plain.communication)
        eff_plain.set_ydata(compute_curve / (compute_curve + curve_plain.communication))
        eff_overlap.set_ydata(compute_curve / np.maximum(compute_curve, curve_hidden.communication))
        n, m, plain, hidden, days_plain, days_hidden = state(n_gpus, bandwidth_gbps, latency_us, model_parallel)
        time_marker.set_data([n], [plain.total])
        eff_marker.set_data([n], [plain.efficiency])
        per_replica = GPT3_BATCH / SEQUENCE / (n / m)
        warning = "  (< 1 sequence per replica!)" if per_replica < 1 else ""
        states = cluster.model_state_bytes(GPT3_PARAMS, model_parallel=m) / 1e9
        readout.set_text(
            f"GPT-3 175B on 300B tokens, batch 3.2M; A100 at 50% of peak; "
            f"{bandwidth_gbps:.3g} Gb/s, {latency_us:.3g} µs, {m} GPUs/replica\n"
            f"n = {n:,}: step = compute {plain.compute:.3g} s + all-reduce {plain.communication:.3g} s; "
            f"efficiency {plain.efficiency:.0%} (overlapped {hidden.efficiency:.0%})\n"
            f"days to train {days_plain:.3g} (overlapped {days_hidden:.3g}); "
            f"{per_replica:.3g} sequences per replica{warning}\n"
            f"model states {states:,.3g} GB per GPU: {'fits' if states <= GPU_MEMORY_GB else 'does not fit'} in {GPU_MEMORY_GB} GB"
        )

    def alt(n_gpus, bandwidth_gbps, latency_us, model_parallel):
        n, m, plain, hidden, days_plain, days_hidden = state(n_gpus, bandwidth_gbps, latency_us, model_parallel)
        return (
            f"Two panels against cluster size from 64 to 32,768 GPUs for training GPT-3 with "
            f"{bandwidth_gbps:.3g} Gb/s links, {latency_us:.3g} microsecond latency and {m} GPUs per "
            f"model replica. Left: compute time per step falls as one over n while the ring "
            f"all-reduce time levels off. Right: scaling efficiency. At {n} GPUs a step takes "
            f"{plain.total:.3g} s, efficiency is {plain.efficiency:.0%} without overlap and "
            f"{hidden.efficiency:.0%} with perfect overlap, and training takes {days_plain:.3g} days. "
            f"Model states take {cluster.model_state_bytes(GPT3_PARAMS, model_parallel=m) / 1e9:,.3g} GB per GPU."
        )

    controls = {
        "n_gpus": slider(CLUSTER_SIZES, n_gpus, "GPUs", fmt="{:,}"),
        "bandwidth_gbps": slider([100.0, 400.0, 1600.0], bandwidth_gbps, "link (Gb/s)"),
        "latency_us": slider([0.1, 1.0, 10.0], latency_us, "latency (µs)"),
        "model_parallel": choice([1, 8, 128], model_parallel, "GPUs/replica"),
    }
    return Panel(
        fig,
        update,
        controls,
        alt,
        dynamic=[comm_line, total_line, time_marker, eff_plain, eff_overlap, eff_marker, readout],
    )


def decode_roofline_panel(
    batch: float = 1.0,
    bandwidth_tbs: float = 3.35,
    peak_tflops: float = 989.0,
    model: str = "dense 70B, BF16",
) -> Panel:
    """Decode on the roofline: arithmetic intensity and tokens/s against batch size.

    Controls: batch size ``batch`` (sequences decoded together), memory bandwidth
    ``bandwidth_tbs`` (TB/s), peak ``peak_tflops`` (TFLOP/s) and the ``model`` (a key of
    ``DECODE_MODELS``).  The key-value cache is neglected (short contexts).
    """
    intensity = np.geomspace(0.1, 1e5, 200)
    batches = 2.0 ** np.arange(13)
    fig, (ax_roof, ax_rate) = figure(8.0, 3.9, ncols=2)

    (roof_line,) = ax_roof.loglog(intensity, intensity, color="0.3", label="roofline min(P, I·B)")
    (decode_point,) = ax_roof.plot([1], [1e12], "o", markersize=8, clip_on=False, label="decode step")
    (prefill_point,) = ax_roof.plot([1e3], [1e14], "s", markersize=7, label="prefill, 2,048 tokens")
    ridge_line = ax_roof.axvline(100, color="0.5", linewidth=1, linestyle=":")
    ax_roof.set(xlabel="arithmetic intensity (FLOP/byte)", ylabel="attainable FLOP/s")
    ax_roof.set_xlim(0.1, 1e5)
    ax_roof.set_ylim(1e11, 1e17)
    ax_roof.legend(loc="lower right", fontsize=8)

    (rate_line,) = ax_rate.loglog(batches, batches, label="all sequences (tokens/s)")
    (user_line,) = ax_rate.loglog(batches, batches, "--", label="per sequence (tokens/s)")
    ax_rate.axhline(1000, color="0.5", linewidth=1, linestyle=":")
    ax_rate.text(1.2, 1150, "1,000 tokens/s", fontsize=8, color="0.35")
    (rate_marker,) = ax_rate.plot([2], [10], "o", color="black", markersize=6, clip_on=False)
    ax_rate.set(xlabel="batch size (sequences)", ylabel="decode rate (tokens/s)")
    ax_rate.set_xlim(1, 4096)
    ax_rate.set_ylim(1, 1e6)
    ax_rate.legend(loc="upper left", fontsize=8)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8.5, family="monospace")
    _solve_layout(fig, top=0.83)

    def state(batch, bandwidth_tbs, peak_tflops, model):
        total, active, experts, k, b = DECODE_MODELS[model]
        bsz = float(max(1, round(batch)))
        bw, peak = bandwidth_tbs * 1e12, peak_tflops * 1e12
        weights = cluster.moe_weight_bytes(bsz, total, active, experts, k, b)
        i_decode = 2.0 * active * bsz / weights
        rate = cluster.decode_throughput(bsz, active, peak, bw, weight_bytes=weights)
        return bsz, bw, peak, weights, i_decode, rate, active, total, experts, k, b

    def update(batch, bandwidth_tbs, peak_tflops, model):
        bsz, bw, peak, weights, i_decode, rate, active, total, experts, k, b = state(
            batch, bandwidth_tbs, peak_tflops, model
        )
        roof_line.set_ydata(cluster.roofline(intensity, peak, bw))
        ridge_line.set_xdata([peak / bw] * 2)
        decode_point.set_data([i_decode], [cluster.roofline(i_decode, peak, bw)])
        i_prefill = cluster.prefill_arithmetic_intensity(SEQUENCE, b)
        prefill_point.set_data([i_prefill], [cluster.roofline(i_prefill, peak, bw)])
        curve_weights = cluster.moe_weight_bytes(batches, total, active, experts, k, b)
        curve = cluster.decode_throughput(batches, active, peak, bw, weight_bytes=curve_weights)
        rate_line.set_ydata(curve)
        user_line.set_ydata(curve / batches)
        rate_marker.set_data([bsz], [rate])
        bound = "memory-bound" if i_decode < peak / bw else "compute-bound"
        readout.set_text(
            f"{model}; {bandwidth_tbs:.3g} TB/s, {peak_tflops:.4g} TFLOP/s; ridge {peak / bw:.3g} FLOP/byte\n"
            f"batch {bsz:.0f}: reads {weights / 1e9:.4g} GB per step, intensity {i_decode:.3g} FLOP/byte "
            f"({bound})\n"
            f"{rate:,.0f} tokens/s in total, {rate / bsz:,.1f} tokens/s per sequence"
        )

    def alt(batch, bandwidth_tbs, peak_tflops, model):
        bsz, bw, peak, weights, i_decode, rate, *_ = state(batch, bandwidth_tbs, peak_tflops, model)
        return (
            f"Left: roofline of an accelerator with {peak_tflops:.4g} TFLOP/s peak and "
            f"{bandwidth_tbs:.3g} TB/s memory bandwidth, with the decode step of a {model} model at "
            f"batch {bsz:.0f} at {i_decode:.3g} FLOP per byte and a 2,048-token prefill far to the "
            f"right. Right: decode rate against batch size; at batch {bsz:.0f} the accelerator "
            f"generates {rate:,.0f} tokens per second in total and {rate / bsz:,.1f} per sequence."
        )

    controls = {
        "batch": slider([float(2**k) for k in range(13)], batch, "batch"),
        "bandwidth_tbs": slider([1.0, 3.35, 8.0], bandwidth_tbs, "HBM (TB/s)"),
        "peak_tflops": slider([312.0, 989.0, 2500.0], peak_tflops, "peak (TFLOP/s)"),
        "model": choice(list(DECODE_MODELS), model, "model"),
    }
    return Panel(
        fig,
        update,
        controls,
        alt,
        dynamic=[roof_line, ridge_line, decode_point, prefill_point, rate_line, user_line, rate_marker, readout],
    )

