"""One figure, two lives: a live widget panel in a kernel, precomputed frames on the static site.

A chapter writes a single ``update(**values)`` function that moves the artists of one matplotlib
figure (``set_data``, ``set_text``; never a new figure).  :class:`Panel` then offers

* :meth:`Panel.live`: controls wired to ``update``; each change redraws the figure into one
  ``HTML`` widget.  No ``Output`` widget is involved, so nbval compares the cell, and JupyterLab,
  Notebook, VS Code and Colab all show it.
* :meth:`Panel.explorable`: the same ``update`` run at build time for a sweep of one control; the
  frames go into an ``ipywidgets.Stack`` whose ``selected_index`` is ``jslink``-ed to a slider's
  ``index``.  The link lives in the browser, so the slider still switches frames on the static
  site where no Python runs.

Figures are SVG with text kept as text (small, sharp, searchable), on a white background (readable
in the site's dark mode), with the alt text as the SVG's accessible name.

Speed: a live update redraws only the ``dynamic`` artists that ``update`` changes (the blitting
idea, in SVG): the axes, ticks and legend are rendered once into a background layer, re-rendered
only when an axis limit moves, and the dynamic layer is stacked on top of it.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from html import escape

import ipywidgets as widgets
import matplotlib
import matplotlib.ticker
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure

__all__ = ["Panel", "FigureBox", "figure", "svg_markup", "PALETTE"]

# Okabe & Ito (2008) colour-blind-safe palette, used by every chapter.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "physics-ai-compute",  # stable ids, so a re-run gives the same markup
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 10,
    "lines.linewidth": 2.0,
}
matplotlib.rcParams.update(STYLE)  # the book's one style, for every figure made after import

_OVERLAY_STYLE = "position:absolute;left:0;top:0;width:100%;height:100%"
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def figure(width: float = 6.4, height: float = 3.6, **subplot_kw):
    """Return ``(fig, axes)`` in the book's style.

    The figure is not registered with pyplot, so an inline backend never prints it a second time.
    Use Unicode (σ, λ, N²) rather than ``$...$`` mathtext in its labels: mathtext costs ~15 ms per
    label on every redraw, which alone breaks the 50 ms budget of a live update.
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(**subplot_kw)


def _power_of_ten(value, _position) -> str:
    exponent = math.log10(value) if value > 0 else math.nan
    if not math.isfinite(exponent) or abs(exponent - round(exponent)) > 1e-9:
        return ""
    return "10" + str(round(exponent)).translate(_SUPERSCRIPT)


def _prepare_for_redraws(fig) -> None:
    """Plain-text 10ⁿ log ticks (mathtext ones are slow), and a layout solved once then frozen."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "log":
                axis.set_major_formatter(matplotlib.ticker.FuncFormatter(_power_of_ten))
                axis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    fig.draw_without_rendering()  # runs the constrained layout once (a bare Figure's canvas.draw is a no-op)
    fig.set_layout_engine(None)  # "none" would keep a placeholder engine that costs a second draw


def _clean_svg(svg: str, token: str) -> str:
    """Strip the XML prologue (invalid inline in HTML) and make element ids unique to ``token``.

    Many frames share one HTML page; without unique ids a ``clip-path: url(#id)`` in a visible
    frame could resolve to the definition inside a hidden one.
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    return re.sub(r'(id="|url\(#|href="#)', rf"\g<1>{token}-", svg)


def _token(*parts: str) -> str:
    return "f" + hashlib.sha1("\0".join(parts).encode()).hexdigest()[:10]


def svg_markup(fig, alt: str, key: str = "") -> str:
    """Render ``fig`` to inline SVG whose accessible name is ``alt``; ``key`` salts element ids."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _clean_svg(buffer.getvalue(), _token(alt, key))
    # no alt: a decorative layer (the live panel's background), hidden from assistive technology
    name = f'role="img" aria-label="{escape(alt, quote=True)}"' if alt else 'aria-hidden="true"'
    svg = svg.replace("<svg ", f"<svg {name} ", 1)
    return f'<div class="physics-figure">{svg}</div>'


def _artists_svg(fig, artists: Iterable) -> str:
    """SVG of just ``artists``, drawn at the geometry ``savefig`` uses (72 dpi), nothing else."""
    dpi = fig.dpi
    fig.dpi = 72  # the SVG backend's own convention; transforms depend on it
    try:
        width, height = fig.get_size_inches() * 72
        buffer = io.StringIO()
        renderer = RendererSVG(width, height, buffer)
        for artist in artists:
            artist.draw(renderer)
        renderer.finalize()
    finally:
        fig.dpi = dpi
    return buffer.getvalue()


class FigureBox(widgets.VBox):
    """A ``VBox`` of controls and figures whose plain-text form is the figures' alt text.

    A notebook stores that text beside the widget, and nbval compares it when it re-executes the
    notebook (it skips widget state, whose model ids change on every run): a re-run that changes a
    number any figure reports fails the test. Viewers that cannot render widgets show the text.
    """

    def __init__(self, children, describe: Callable[[], str]):
        super().__init__(children)
        self._describe = describe

    def _repr_mimebundle_(self, **kwargs):
        return {**super()._repr_mimebundle_(**kwargs), "text/plain": self._describe()}


class Panel:
    """A figure driven by named controls.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, created once (see :func:`figure`).
    update : callable
        ``update(**values)`` moves the figure's artists for one set of control values.
    controls : mapping of str to ipywidgets.ValueWidget
        A slider (or dropdown) per keyword of ``update``; their current values are the defaults.
    alt : callable
        ``alt(**values)`` returns alt text describing the figure for those values.
    dynamic : iterable of matplotlib artists, optional
        Every artist that ``update`` changes.  Given, live updates redraw only these over a cached
        background; omitted, each update redraws the whole figure.
    """

    def __init__(
        self,
        fig,
        update: Callable[..., None],
        controls: Mapping[str, widgets.ValueWidget],
        alt: Callable[..., str],
        dynamic: Iterable | None = None,
    ):
        self.fig = fig
        self.update = update
        self.controls = dict(controls)
        self.alt = alt
        self.dynamic = list(dynamic or [])
        self._background: tuple | None = None  # (axis limits, markup) of the static layer
        self.view = widgets.HTML()
        update(**self.values())
        _prepare_for_redraws(fig)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def values(self) -> dict:
        """Current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def render(self, **values) -> str:
        """Update the figure for ``values`` (others at their current value); return its SVG."""
        return self._draw(values)[0]

    def _draw(self, values: dict) -> tuple[str, str]:
        merged = {**self.values(), **values}
        self.update(**merged)
        alt = self.alt(**merged)
        return svg_markup(self.fig, alt, key=repr(sorted(merged.items()))), alt

    def refresh(self) -> None:
        """Redraw the live view from the controls' current values."""
        if not self.dynamic:
            self.view.value = self.render()
            return
        values = self.values()
        self.update(**values)
        alt = escape(self.alt(**values), quote=True)
        limits = tuple(ax.get_xlim() + ax.get_ylim() for ax in self.fig.axes)
        if self._background is None or self._background[0] != limits:
            hidden = [artist for artist in self.dynamic if artist.get_visible()]
            for artist in hidden:
                artist.set_visible(False)
            try:
                self._background = (limits, svg_markup(self.fig, "", key=f"background{limits}"))
            finally:
                for artist in hidden:
                    artist.set_visible(True)
        overlay = _clean_svg(_artists_svg(self.fig, self.dynamic), _token("overlay"))
        overlay = overlay.replace(
            "<svg ", f'<svg role="img" aria-label="{alt}" style="{_OVERLAY_STYLE}" ', 1
        )
        self.view.value = (
            '<div class="physics-layers" style="position:relative;display:inline-block">'
            f"{self._background[1]}{overlay}</div>"
        )

    def _on_change(self, _change) -> None:
        self.refresh()

    def live(self) -> FigureBox:
        """Controls above the figure; every change redraws it in a running kernel."""
        return FigureBox([*self.controls.values(), self.view], lambda: f"Figure: {self.alt(**self.values())}")

    def explorable(self, name: str, values, description: str | None = None, fmt: str = "{:g}"):
        """Precompute one frame per value of control ``name``; a slider switches them in the browser.

        Returns a :class:`FigureBox` holding a ``SelectionSlider`` and a ``Stack`` of frames,
        linked in the front end, so the slider works on a static page with no kernel.  The other
        controls stay at their current values.
        """
        if name not in self.controls:
            raise ValueError(f"name must be one of {sorted(self.controls)}, got {name!r}")
        values = list(values)
        if not values:
            raise ValueError("values must hold at least one value")
        saved = self.values()
        drawn = [self._draw({name: value}) for value in values]
        self.update(**saved)  # leave the figure as the live controls describe it
        start = min(range(len(values)), key=lambda i: _distance(values[i], saved[name]))
        labels = [fmt.format(value) for value in values]
        description = description or self.controls[name].description
        slider = widgets.SelectionSlider(
            options=list(zip(labels, values)),
            index=start,
            description=description,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        stack = widgets.Stack([widgets.HTML(markup) for markup, _ in drawn], selected_index=start)
        stack.add_class("physics-frames")  # the browser tests find explorables by these classes
        widgets.jslink((slider, "index"), (stack, "selected_index"))
        text = "\n".join([f"Figure with {len(values)} frames, one per {description}:"]
                         + [f"{description} = {label}: {alt}" for label, (_, alt) in zip(labels, drawn)])
        box = FigureBox([slider, stack], lambda: text)
        box.add_class("physics-explorable")
        return box


def _distance(a, b) -> float:
    try:
        return abs(math.log(a / b)) if a > 0 and b > 0 else abs(a - b)
    except TypeError:  # non-numeric options: exact match or nothing
        return 0.0 if a == b else 1.0
