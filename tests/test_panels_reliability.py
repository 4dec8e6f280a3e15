"""Every widget panel of the book survives the whole range of every control.

Drives each panel's controls at their minimum, maximum and seeded random values and checks that the
callback raises nothing and that no NaN or inf reaches the figure's text; and that building a panel
twice draws the same markup, in colours a colour-blind reader can tell apart.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import matplotlib
import numpy as np
import pytest

from physics_lib.interactive import panel_factories
from physics_lib.interactive.panel import PALETTE
from conftest import svg_text

FACTORIES = panel_factories()


def control_values(control, rng, n_random=3):
    """Minimum, maximum and a few random values a reader could pick with this control."""
    if isinstance(control, (widgets.SelectionSlider, widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        options = [option[1] if isinstance(option, tuple) else option for option in control.options]
        picks = rng.choice(len(options), size=min(n_random, len(options)), replace=False)
        return [options[0], options[-1], *(options[i] for i in picks)]
    if isinstance(control, widgets.FloatLogSlider):
        exponents = rng.uniform(control.min, control.max, n_random)
        return [control.base**control.min, control.base**control.max, *(control.base**exponents)]
    if isinstance(control, (widgets.FloatSlider, widgets.FloatText, widgets.BoundedFloatText)):
        return [control.min, control.max, *rng.uniform(control.min, control.max, n_random)]
    if isinstance(control, (widgets.IntSlider, widgets.BoundedIntText)):
        return [control.min, control.max, *rng.integers(control.min, control.max + 1, n_random)]
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [False, True]
    raise TypeError(f"no value generator for control {type(control).__name__}")


def test_the_book_has_panels():
    assert "ssmb.coherence_panel" in FACTORIES


@pytest.mark.parametrize("name", FACTORIES)
def test_panel_survives_every_control_range(name):
    rng = np.random.default_rng(20261126)
    panel = FACTORIES[name]()
    # Seeded and free of hidden state: a second build draws byte-identical markup, so a notebook
    # executed twice stores the same widget state (of which nbval compares only the text form).
    assert FACTORIES[name]().view.value == panel.view.value, f"{name} drew different markup when built twice"
    settings = [{control_name: value} for control_name, control in panel.controls.items() for value in control_values(control, rng)]
    for corner in (0, 1):  # every control at its minimum together, then at its maximum
        settings.append({n: control_values(c, rng, n_random=0)[corner] for n, c in panel.controls.items()})
    for setting in settings:
        for control_name, value in setting.items():
            panel.controls[control_name].value = value
        text = svg_text(panel.view.value)
        assert not re.search(r"\b(nan|NaN|inf)\b", text), f"{name}: {panel.values()} put NaN/inf on screen: {text[:300]}"


VIRIDIS = matplotlib.colormaps["viridis"](np.linspace(0, 1, 256))[:, :3]
SAFE_COLOURMAPS = {"viridis", "cividis", "Blues", "Greys"}  # perceptually ordered, one hue or CVD-safe


def _colour_blind_safe(hex_colour: str) -> bool:
    """Okabe & Ito's palette, a grey, or a viridis shade (within rounding)."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return (
        hex_colour.upper() in PALETTE
        or np.ptp(rgb) == 0
        or np.abs(VIRIDIS - rgb).max(axis=1).min() < 2 / 255
    )


@pytest.mark.parametrize("name", FACTORIES)
def test_panel_draws_in_colour_blind_safe_colours(name):
    panel = FACTORIES[name]()
    colours = set(re.findall(r"#[0-9a-fA-F]{6}\b", panel.view.value))
    assert colours, f"{name}: no colour found in the markup"
    assert sorted(c for c in colours if not _colour_blind_safe(c)) == []
    colourmaps = {image.get_cmap().name for ax in panel.fig.axes for image in ax.get_images()}
    assert colourmaps <= SAFE_COLOURMAPS

