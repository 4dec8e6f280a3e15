"""The widget pattern: one figure, live in a kernel, precomputed layers linked to every control."""

import re

import ipywidgets as widgets
import numpy as np
import pytest

from physics_lib.interactive.panel import Panel, _artists_svg, _clean_svg, choice, figure, slider, toggle
from conftest import frame_leaves

X = np.linspace(0, 1, 50)


def _sine_panel(dynamic=True):
    """Amplitude moves the curve and the label; the phase moves only the marker; 'flip' moves all."""
    fig, ax = figure()
    (line,) = ax.plot(X, np.sin(2 * np.pi * X))
    (marker,) = ax.plot([0.0], [0.0], "o")
    label = ax.text(0.02, 0.9, "", transform=ax.transAxes)
    ax.set_ylim(-3, 3)

    def update(amplitude, phase, flip):
        sign = -1 if flip else 1
        line.set_ydata(sign * amplitude * np.sin(2 * np.pi * X))
        marker.set_data([phase], [sign * amplitude * np.sin(2 * np.pi * phase)])
        label.set_text(f"A = {amplitude:g}")

    controls = {
        "amplitude": slider([0.0, 0.5, 1.0, 2.0], 1.0, "A"),
        "phase": slider([0.1, 0.2, 0.3], 0.2, "phase"),
        "flip": toggle(False, "flip"),
    }
    alt = lambda amplitude, phase, flip: f"sine of amplitude {amplitude:g}, marker at {phase:g}"  # noqa: E731
    return Panel(fig, update, controls, alt, dynamic=[line, marker, label] if dynamic else None), (line, marker, label)


@pytest.mark.parametrize("dynamic", [True, False])
def test_live_panel_redraws_when_a_control_moves(dynamic):
    panel, (line, _, _) = _sine_panel(dynamic)
    before = panel.view.value
    panel.controls["amplitude"].value = 2.0
    assert np.isclose(np.abs(line.get_ydata()).max(), 2.0, rtol=1e-3)
    assert panel.view.value != before
    assert "sine of amplitude 2, marker at 0.2" in panel.view.value
    assert "<?xml" not in panel.view.value  # a prologue is invalid inside HTML


def test_alt_text_names_every_control_value():
    panel, _ = _sine_panel()
    assert panel.alt(amplitude=0.5, flip=True) == "A = 0.5; phase = 0.2; flip = on. sine of amplitude 0.5, marker at 0.2"


def test_dynamic_redraw_keeps_the_cached_background():
    panel, _ = _sine_panel()
    panel.view  # noqa: B018  (draws the live view once)
    background = panel._background
    panel.controls["amplitude"].value = 0.5
    assert panel._background is background  # fixed limits: the axes were not re-rendered


def test_controls_snap_to_their_grid_and_reject_other_widgets():
    assert slider([1.0, 2.0, 4.0], 3.5, "x").value == 4.0
    assert choice(["a", "b"], "b", "y").index == 1
    assert toggle(True, "z").index == 1
    with pytest.raises(ValueError, match="values must hold at least one value"):
        slider([], 1.0, "x")
    fig, _ = figure()
    with pytest.raises(TypeError, match="control 'x' must be a slider"):
        Panel(fig, lambda x: None, {"x": widgets.FloatSlider()}, lambda x: "")


def _shown(layer, panel):
    """The frame a layer shows for the controls' current indices (what the browser links select)."""
    while isinstance(layer, widgets.Stack):
        layer = layer.children[layer.selected_index]
    return layer.value


def _follow_links(panel):
    """What jsdlink does in the browser: copy each control's index to every Stack linked to it."""
    from ipywidgets.widgets.widget import _instances

    for link in [w for w in _instances.values() if isinstance(w, widgets.widget_link.DirectionalLink)]:
        source, target = link.source, link.target
        if source[0] in panel.controls.values():
            setattr(target[0], target[1], getattr(source[0], source[1]))


def test_frames_hold_one_layer_per_dependency_set():
    panel, _ = _sine_panel()
    box = panel.frames()
    *controls, area = box.children
    assert controls == list(panel.controls.values())
    background, *layers = area.children
    assert isinstance(background, widgets.HTML)  # fixed axes: one background for every state
    # the label depends on the amplitude (4 frames), the curve on it and the flip (8 states, 7
    # frames: a flat curve flipped is the same curve), the marker and the alt text on all three
    counts = sorted(len({id(leaf) for leaf in frame_leaves(layer)}) for layer in layers)
    assert counts == [4, 7, 24]
    assert box._repr_mimebundle_()["text/plain"].startswith(
        "Figure with 24 states (4 A × 3 phase × 2 flip) drawn as 36 frames in 4 layers"
    )


def test_every_frame_is_what_the_kernel_draws_for_its_state():
    """Switching the stacks by control index shows, for every state, the same artists the live
    update draws for it (compared without the layer-specific element ids)."""
    panel, artists = _sine_panel()
    area = panel.frames().children[-1]
    def strip(svg):  # element ids are numbered per rendering; names are checked above
        return re.sub(r' (id|role|aria-label|clip-path|xlink:href)="[^"]*"', "", svg)

    for amplitude in (0.0, 2.0):
        for phase in (0.1, 0.3):
            for flip in (False, True):
                panel.controls["amplitude"].value, panel.controls["phase"].value = amplitude, phase
                panel.controls["flip"].value = flip
                _follow_links(panel)
                shown = [_shown(layer, panel) for layer in area.children[1:]]
                assert f'aria-label="A = {amplitude:g}; phase = {phase:g}; flip = {"on" if flip else "off"}.' in "".join(shown)
                panel.update(amplitude=amplitude, phase=phase, flip=flip)
                drawn = [strip(_clean_svg(_artists_svg(panel.fig, [a]), "x")) for a in artists]
                for svg in drawn:
                    body = re.search(r"<g>.*</g>", svg, re.S).group()
                    assert any(body in strip(frame) for frame in shown)


def test_identical_frames_share_one_widget():
    fig, ax = figure()
    (line,) = ax.plot([0, 1], [0, 1])

    def update(level, unused):
        line.set_ydata([0, min(level, 1.0)])  # every level from 1 up draws the same line

    controls = {"level": slider([0.5, 1.0, 2.0, 3.0], 1.0, "level"), "unused": toggle(False, "unused")}
    panel = Panel(fig, update, controls, lambda level, unused: "a line", dynamic=[line])
    _, line_layer, alt_layer = panel.frames().children[-1].children
    assert len(line_layer.children) == 4 and len({id(frame) for frame in line_layer.children}) == 2
    assert len(frame_leaves(alt_layer)) == 8  # the alt text names both controls: one empty named frame per state


def test_frames_leave_the_figure_at_the_controls_values():
    panel, (line, _, _) = _sine_panel()
    panel.frames()
    assert np.isclose(np.abs(line.get_ydata()).max(), 1.0, rtol=1e-3)


def test_frames_need_dynamic_artists():
    panel, _ = _sine_panel(dynamic=False)
    with pytest.raises(ValueError, match="dynamic"):
        panel.frames()


def test_show_chooses_frames_only_when_asked(monkeypatch):
    panel, _ = _sine_panel()
    monkeypatch.delenv("PHYSICS_LIB_FRAMES", raising=False)
    assert panel.show()._repr_mimebundle_()["text/plain"].startswith("Figure: A = 1;")
    monkeypatch.setenv("PHYSICS_LIB_FRAMES", "1")
    assert "physics-panel" in panel.show()._dom_classes


def test_frames_have_unique_element_ids():
    panel, _ = _sine_panel()
    frames = frame_leaves(panel.frames().children[-1])
    ids = [set(re.findall(r'id="([^"]+)"', frame.value)) for frame in frames[1:3]]
    assert ids[0] and not ids[0] & ids[1]


def test_physics_modules_do_not_import_plotting_or_widgets():
    import subprocess
    import sys

    code = (
        "import sys, physics_lib.ssmb, physics_lib.dpd, physics_lib.interconnect, physics_lib.scaling;"
        "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
