"""Panels for the chapter "Training and serving at scale" (physics in :mod:`physics_lib.scaling.at_scale`)."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from ..scaling import at_scale
from .panel import PALETTE, Panel, choice, figure, slider

__all__ = ["goodput_panel", "parallel_layout_panel"]

HOUR = 3600.0
# Per-GPU MTBF implied by the Llama 3 report: 419 unexpected interruptions in 54 days on 16,384
# GPUs (Grattafiori et al. 2024, Sec. 3.3.4), counting every cause against the GPU slots.
GPU_MTBF = 16384 * 54 * 86400.0 / 419
GOODPUT_SIZES = [1024, 4096, 16384, 32768, 65536, 131072]

# GPT-3 175B (Brown et al. 2020) on 1,024 A100 80GB as in Narayanan et al. 2021: 96 layers,
# hidden 12,288, 96 heads, 2,048-token sequences, 1,536 sequences per batch; NVLink 300 GB/s per
# GPU per direction inside a DGX A100, 200 Gb/s HDR InfiniBand (25 GB/s) per GPU between them.
GPT3 = dict(n_params=175e9, n_layers=96, hidden=12288, heads=96, seq_len=2048, global_batch=1536)
N_GPUS, A100_PEAK, ARITHMETIC_MFU, NVLINK, INFINIBAND, MEMORY_GB = 1024, 312e12, 0.5, 300e9, 25e9, 80.0


def _layout_text(fig, top):
    fig.get_layout_engine().set(rect=(0, 0, 1, top))


def goodput_panel(n_gpus: int = 16384, checkpoint_s: float = 60.0, restart_min: float = 10.0) -> Panel:
    """Goodput against cluster size (left) and against the checkpoint interval (right).

    Controls: cluster size ``n_gpus``, time to write a checkpoint ``checkpoint_s`` (s) and time to
    restart after a failure ``restart_min`` (min). Failures at the Llama 3 rate per GPU.
    """
    sizes = np.geomspace(512, 262144, 120)
    taus = np.geomspace(60.0, 10 * HOUR, 160)
    fig, (ax_n, ax_tau) = figure(8.0, 3.9, ncols=2)
    (first_n,) = ax_n.semilogx(sizes, sizes * 0, color=PALETTE[0], label="first order, Young's τ*")
    (daly_n,) = ax_n.semilogx(sizes, sizes * 0, "--", color=PALETTE[1], label="Daly, Daly's τ*")
    (marker_n,) = ax_n.plot([16384], [0.5], "o", color="black", markersize=6)
    ax_n.axvline(16384, color="0.6", linewidth=1, linestyle=":")
    ax_n.text(17500, 0.04, "Llama 3", fontsize=8, color="0.35")
    ax_n.set(xlabel="GPUs in the job", ylabel="goodput (useful fraction of wall time)", xlim=(512, 262144), ylim=(0, 1.02))
    ax_n.legend(loc="lower left", fontsize=8)
    (first_tau,) = ax_tau.semilogx(taus / 60, taus * 0, color=PALETTE[0], label="first order")
    (daly_tau,) = ax_tau.semilogx(taus / 60, taus * 0, "--", color=PALETTE[1], label="Daly")
    (marker_tau,) = ax_tau.plot([20], [0.5], "o", color="black", markersize=6, label="Young's τ*")
    ax_tau.set(xlabel="compute time between checkpoints τ (min)", ylabel="goodput", xlim=(1, 600), ylim=(0, 1.02))
    ax_tau.legend(loc="lower left", fontsize=8)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8.5, family="monospace")
    _layout_text(fig, 0.83)

    def state(n_gpus, checkpoint_s, restart_min):
        m = at_scale.cluster_mtbf(n_gpus, GPU_MTBF)
        r = restart_min * 60.0
        tau = at_scale.checkpoint_interval(checkpoint_s, m)
        tau_daly = at_scale.checkpoint_interval(checkpoint_s, m, model="daly")
        g = at_scale.goodput(checkpoint_s, r, m, tau)
        g_daly = at_scale.goodput(checkpoint_s, r, m, tau_daly, model="daly")
        return m, r, tau, g, g_daly

    def update(n_gpus, checkpoint_s, restart_min):
        m_curve = at_scale.cluster_mtbf(np.round(sizes), GPU_MTBF)
        r = restart_min * 60.0
        first_n.set_ydata(at_scale.goodput(checkpoint_s, r, m_curve, at_scale.checkpoint_interval(checkpoint_s, m_curve)))
        tau_d = at_scale.checkpoint_interval(checkpoint_s, m_curve, model="daly")
        daly_n.set_ydata(at_scale.goodput(checkpoint_s, r, m_curve, tau_d, model="daly"))
        m, r, tau, g, g_daly = state(n_gpus, checkpoint_s, restart_min)
        marker_n.set_data([n_gpus], [g])
        first_tau.set_ydata(at_scale.goodput(checkpoint_s, r, m, taus))
        daly_tau.set_ydata(at_scale.goodput(checkpoint_s, r, m, taus, model="daly"))
        marker_tau.set_data([tau / 60], [g])
        readout.set_text(
            f"per-GPU MTBF {GPU_MTBF / HOUR / 8766:.2f} years (Llama 3 rate); checkpoint {checkpoint_s:g} s, restart {restart_min:g} min\n"
            f"{n_gpus:,} GPUs: a failure every {m / 60:,.1f} min; checkpoint every τ* = {tau / 60:.1f} min\n"
            f"goodput {g:.1%} (first order), {g_daly:.1%} (Daly)"
        )

    def alt(n_gpus, checkpoint_s, restart_min):
        m, r, tau, g, g_daly = state(n_gpus, checkpoint_s, restart_min)
        return (
            f"Left: goodput against the number of GPUs in a synchronous job, from 512 to 262,144, with failures at "
            f"the Llama 3 rate per GPU, {checkpoint_s:g} s checkpoints and {restart_min:g} minute restarts; it falls as "
            f"the job grows. Right: goodput against the checkpoint interval at {n_gpus:,} GPUs, peaking at "
            f"{tau / 60:.1f} minutes. The job fails every {m / 60:,.1f} minutes and keeps {g:.1%} of its time "
            f"to first order ({g_daly:.1%} in Daly's model)."
        )

    controls = {
        "n_gpus": slider(GOODPUT_SIZES, n_gpus, "GPUs", fmt="{:,}"),
        "checkpoint_s": slider([10.0, 30.0, 60.0, 300.0, 1200.0], checkpoint_s, "checkpoint (s)"),
        "restart_min": slider([2.0, 10.0, 30.0], restart_min, "restart (min)"),
    }
    return Panel(fig, update, controls, alt, dynamic=[first_n, daly_n, marker_n, first_tau, daly_tau, marker_tau, readout])


def parallel_layout_panel(tensor: int = 8, pipeline: int = 16, recompute: str = "full") -> Panel:
    """Memory per GPU and time per step of GPT-3 175B on 1,024 A100s for a chosen (t, p, d).

    Controls: tensor-parallel degree ``tensor``, pipeline stages ``pipeline`` (data parallelism
    takes the rest, d = 1024 / (t p)) and activation ``recompute`` ("full", "selective", "none").
    """
    fig, (ax_mem, ax_time) = figure(8.0, 3.9, ncols=2)
    width = 46
    mem_limit, time_limit = 200.0, 120.0
    (states_bar,) = ax_mem.plot([0, 0], [0, 1], color=PALETTE[0], linewidth=width, solid_capstyle="butt", label="model states")
    (act_bar,) = ax_mem.plot([0, 0], [1, 2], color=PALETTE[4], linewidth=width, solid_capstyle="butt", label="activations")
    ax_mem.axhline(MEMORY_GB, color="black", linewidth=1.2, linestyle="--")
    ax_mem.text(-0.95, MEMORY_GB + 3, "80 GB per A100", fontsize=8)
    mem_label = ax_mem.text(0, 5, "", ha="center", fontsize=8.5)
    ax_mem.set(xlim=(-1, 1), ylim=(0, mem_limit), ylabel="memory per GPU (GB)", xticks=[])
    ax_mem.legend(handles=[Patch(color=PALETTE[0], label="model states"), Patch(color=PALETTE[4], label="activations")],
                  loc="upper right", fontsize=8)
    names = ["compute", "pipeline bubble", "tensor-parallel comm.", "data-parallel comm."]
    colours = [PALETTE[2], PALETTE[5], PALETTE[3], PALETTE[1]]
    time_bars = [ax_time.plot([0, 0], [0, 1], color=c, linewidth=width, solid_capstyle="butt", label=n)[0] for n, c in zip(names, colours)]
    time_label = ax_time.text(0, 5, "", ha="center", fontsize=8.5)
    ax_time.set(xlim=(-1, 1), ylim=(0, time_limit), ylabel="time per optimiser step (s)", xticks=[])
    ax_time.legend(handles=[Patch(color=c, label=n) for n, c in zip(names, colours)], loc="upper right", fontsize=8)
    readout = fig.text(0.01, 0.995, "", va="top", fontsize=8.5, family="monospace")
    _layout_text(fig, 0.83)

    def state(tensor, pipeline, recompute):
        d = N_GPUS // (tensor * pipeline)
        r = at_scale.parallel_layout(**GPT3, tensor_parallel=tensor, pipeline_parallel=pipeline, data_parallel=d,
                                     peak_flops=A100_PEAK, mfu=ARITHMETIC_MFU, intra_bandwidth=NVLINK,
                                     inter_bandwidth=INFINIBAND, recompute=recompute)
        flops = (8.0 if recompute == "full" else 6.0) * GPT3["n_params"] * GPT3["global_batch"] * GPT3["seq_len"] / (N_GPUS * r.step)
        return d, r, flops

    def stack(bars, values, limit):
        bottom = 0.0
        for bar, value in zip(bars, values):
            top = bottom + value
            bar.set_data([0, 0], [min(bottom, limit), min(top, limit)])
            bottom = top
        return bottom

    def update(tensor, pipeline, recompute):
        d, r, flops = state(tensor, pipeline, recompute)
        total_mem = stack([states_bar, act_bar], [r.state_bytes / 1e9, r.activation_bytes / 1e9], mem_limit)
        mem_label.set_text(f"{total_mem:,.1f} GB" + (" (off scale)" if total_mem > mem_limit else ""))
        mem_label.set_y(min(total_mem, mem_limit) + 3 if total_mem < mem_limit - 20 else mem_limit - 15)
        waiting = (r.compute + r.tensor_comm) * (r.micro_batches + pipeline - 1) / r.micro_batches - r.compute - r.tensor_comm
        step = stack(time_bars, [r.compute, waiting, r.tensor_comm, r.data_comm], time_limit)
        time_label.set_text(f"{step:.1f} s" + (" (off scale)" if step > time_limit else ""))
        time_label.set_y(min(step, time_limit) + 3 if step < time_limit - 20 else time_limit - 15)
        fits = "fits" if r.memory_bytes <= MEMORY_GB * 1e9 else "does NOT fit"
        readout.set_text(
            f"GPT-3 175B, 1,024 A100 80GB, batch 1,536 × 2,048 tokens; t = {tensor}, p = {pipeline}, d = {d}; recompute {recompute}\n"
            f"memory {r.memory_bytes / 1e9:,.1f} GB per GPU ({fits}); {r.micro_batches:g} micro-batches, bubble {r.bubble:.1%}\n"
            f"step {r.step:.1f} s, efficiency {r.efficiency:.0%}; {flops / 1e12:.0f} TFLOP/s per GPU (Megatron-LM measured 140)"
        )

    def alt(tensor, pipeline, recompute):
        d, r, flops = state(tensor, pipeline, recompute)
        fits = "fits in" if r.memory_bytes <= MEMORY_GB * 1e9 else "exceeds"
        return (
            f"Two stacked bars for GPT-3 175B on 1,024 A100s split as tensor {tensor}, pipeline {pipeline}, data {d}, "
            f"with {recompute} activation recomputation. Left: memory per GPU, {r.state_bytes / 1e9:,.1f} GB of model states "
            f"and {r.activation_bytes / 1e9:,.1f} GB of activations, which {fits} the 80 GB of an A100. Right: time per step, "
            f"{r.step:.1f} s: compute {r.compute:.1f} s, pipeline bubble {r.bubble:.1%}, tensor-parallel communication "
            f"{r.tensor_comm:.1f} s and gradient all-reduce {r.data_comm:.2f} s; efficiency {r.efficiency:.0%}, "
            f"{flops / 1e12:.0f} TFLOP/s per GPU."
        )

    degrees = [1, 2, 4, 8, 16, 32]
    controls = {
        "tensor": slider(degrees, tensor, "tensor t"),
        "pipeline": slider(degrees, pipeline, "pipeline p"),
        "recompute": choice(["full", "selective", "none"], recompute, "recompute"),
    }
    return Panel(fig, update, controls, alt, dynamic=[states_bar, act_bar, mem_label, *time_bars, time_label, readout])
