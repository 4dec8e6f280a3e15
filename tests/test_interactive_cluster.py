"""The cluster chapter's panels: every control at min, max and random values; frames; update speed."""

from __future__ import annotations

import re

import pytest

from physics_lib.interactive.cluster import CLUSTER_SIZES, communication_wall_panel, decode_roofline_panel
from conftest import frame_leaves, svg_text

FACTORIES = [communication_wall_panel, decode_roofline_panel]


@pytest.fixture(scope="module")
def panels():
    """Each panel built once (building costs more than updating); tests set the controls they need."""
    return {factory.__name__: factory() for factory in FACTORIES}


def test_communication_wall_readout_and_alt_text(panels):
    panel = panels["communication_wall_panel"]
    for name, value in dict(n_gpus=1024, bandwidth_gbps=400.0, latency_us=1.0, model_parallel=8).items():
        panel.controls[name].value = value
    text = svg_text(panel.view.value)
    assert "n = 1,024" in text and "days to train" in text
    panel.controls["n_gpus"].value = 32768
    assert "sequence per replica" in svg_text(panel.view.value)  # batch too small to split further


def test_frames_give_the_cluster_size_its_own_marker_and_readout(panels):
    """The curves do not depend on the cluster size; the markers, readout and alt text do."""
    area = panels["communication_wall_panel"].frames().children[-1]
    _, curves, markers = area.children
    assert curves.layout.grid_area == markers.layout.grid_area == "1 / 1"  # stacked in one cell
    sizes = len(CLUSTER_SIZES)
    assert len(frame_leaves(curves)) == 3 * 3 * 3  # link × latency × GPUs per replica
    labels = {re.search(r'aria-label="([^"]*)"', leaf.value).group(1) for leaf in frame_leaves(markers)}
    assert len(labels) == sizes * 27 and all(label.startswith("GPUs = ") for label in labels)


def test_decode_panel_memory_bound_at_batch_one(panels):
    panel = panels["decode_roofline_panel"]
    for name, value in dict(batch=1.0, bandwidth_tbs=3.35, peak_tflops=989.0, model="dense 70B, BF16").items():
        panel.controls[name].value = value
    text = svg_text(panel.view.value)
    assert "memory-bound" in text and "23.9 tokens/s per sequence" in text  # 3.35e12 / 140e9
