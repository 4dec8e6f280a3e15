"""The widget pattern: live panels redraw in place, explorables hold one linked frame per value."""

import re

import ipywidgets as widgets
import numpy as np
import pytest

from physics_lib.interactive.panel import Panel, figure


def _sine_panel(dynamic=True):
    x = np.linspace(0, 1, 50)
    fig, ax = figure()
    (line,) = ax.plot(x, np.sin(2 * np.pi * x))
    ax.set_ylim(-3, 3)

    def update(amplitude):
        line.set_ydata(amplitude * np.sin(2 * np.pi * x))

    controls = {"amplitude": widgets.FloatSlider(value=1.0, min=0.0, max=2.0, description="A")}
    return Panel(fig, update, controls, lambda amplitude: f"sine of amplitude {amplitude:g}", dynamic=[line] if dynamic else None), line


@pytest.mark.parametrize("dynamic", [True, False])
def test_live_panel_redraws_when_a_control_moves(dynamic):
    panel, line = _sine_panel(dynamic)
    before = panel.view.value
    panel.controls["amplitude"].value = 2.0
    assert np.isclose(np.abs(line.get_ydata()).max(), 2.0, rtol=1e-3)
    assert panel.view.value != before
    assert 'aria-label="sine of amplitude 2"' in panel.view.value
    assert "<?xml" not in panel.view.value  # a prologue is invalid inside HTML


def test_dynamic_redraw_keeps_the_cached_background():
    panel, _ = _sine_panel()
    background = panel._background
    panel.controls["amplitude"].value = 0.5
    assert panel._background is background  # fixed limits: the axes were not re-rendered


def test_explorable_has_one_linked_frame_per_value():
    panel, _ = _sine_panel()
    box = panel.explorable("amplitude", [0.0, 0.5, 1.0, 2.0])
    slider, stack = box.children
    assert isinstance(stack, widgets.Stack) and len(stack.children) == 4
    assert slider.index == stack.selected_index == 2  # starts at the live value, 1.0
    labels = [re.search(r'aria-label="([^"]*)"', frame.value).group(1) for frame in stack.children]
    assert labels == [f"sine of amplitude {a:g}" for a in (0.0, 0.5, 1.0, 2.0)]
    assert panel.values() == {"amplitude": 1.0}


def test_frames_have_unique_element_ids():
    panel, _ = _sine_panel()
    _, stack = panel.explorable("amplitude", [0.5, 1.5]).children
    ids = [set(re.findall(r'id="([^"]+)"', frame.value)) for frame in stack.children]
    assert ids[0] and not ids[0] & ids[1]


def test_plain_text_form_is_the_alt_text_of_every_frame():
    """nbval compares a widget output's text/plain on re-execution: it must carry the numbers."""
    panel, _ = _sine_panel()
    live = panel.live()
    panel.controls["amplitude"].value = 0.5
    assert live._repr_mimebundle_()["text/plain"] == "Figure: sine of amplitude 0.5"
    bundle = panel.explorable("amplitude", [0.0, 2.0])._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].splitlines() == [
        "Figure with 2 frames, one per A:",
        "A = 0: sine of amplitude 0",
        "A = 2: sine of amplitude 2",
    ]


def test_explorable_rejects_unknown_control_and_empty_sweep():
    panel, _ = _sine_panel()
    with pytest.raises(ValueError, match="name must be one of"):
        panel.explorable("frequency", [1.0])
    with pytest.raises(ValueError, match="values must hold at least one value"):
        panel.explorable("amplitude", [])


def test_physics_modules_do_not_import_plotting_or_widgets():
    import subprocess
    import sys

    code = (
        "import sys, physics_lib.ssmb, physics_lib.dpd, physics_lib.interconnect, physics_lib.scaling;"
        "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
