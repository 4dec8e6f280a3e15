"""One figure, one call, two lives: recomputed in a kernel, precomputed frames on the static site.

A chapter writes a single ``update(**values)`` function that moves the artists of one matplotlib
figure (``set_data``, ``set_text``; never a new figure), and gives each keyword a control with a
finite list of values (:func:`slider`, :func:`choice`, :func:`toggle`). A notebook cell shows the
:class:`Panel` once; what it shows depends on where it runs:

* **In a kernel** (JupyterLab, Notebook, VS Code, Colab, a JupyterHub): :meth:`Panel.live`. Every
  control change calls ``update`` and redraws the figure into one ``HTML`` widget. No ``Output``
  widget is involved, so nbval compares the cell.
* **When the book's notebooks are executed for the site** (``PHYSICS_LIB_FRAMES=1``, set by
  ``make notebooks`` and by the nbval run that checks them): :meth:`Panel.frames`. The same
  ``update`` runs over the whole grid of control values at build time, and each control switches
  the precomputed frames in the browser through front-end links (``jsdlink`` of its ``index`` to a
  ``Stack``'s ``selected_index``), so every control works on a static page with no Python.

Frames stay light because they carry only what changes. Each dynamic artist's rendering is
computed over the grid to find the controls it really depends on; artists with the same
dependencies form one layer, a tree of nested ``Stack``s over just those controls, and all layers
are stacked in one CSS grid cell over a background drawn once. A curve that depends on one control
of four costs one frame per value of that control, not one per grid point; identical frames share
one widget.

Figures are SVG with text kept as text (small, sharp, searchable), on a white background (readable
in the site's dark mode), with alt text naming every control's value and what the figure shows.

Speed in a kernel: a live update redraws only the ``dynamic`` artists (the blitting idea, in SVG):
the axes, ticks and legend are rendered once into a background layer, re-rendered only when an
axis limit moves, and the dynamic layer is stacked on top of it.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle
import matplotlib
import matplotlib.ticker
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

__all__ = ["Panel", "FigureBox", "figure", "svg_markup", "slider", "choice", "toggle", "frames_wanted", "PALETTE"]

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
    # one font per family: SVG text names these, and the default fallback lists cost ~300 bytes a line
    "font.sans-serif": ["DejaVu Sans"],
    "font.monospace": ["DejaVu Sans Mono"],
}
matplotlib.rcParams.update(STYLE)  # the book's one style, for every figure made after import

FRAMES_ENV = "PHYSICS_LIB_FRAMES"
_OVERLAY_STYLE = "position:absolute;left:0;top:0;width:100%;height:100%"
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_INDEXED = (widgets.SelectionSlider, widgets.Dropdown, widgets.ToggleButtons)


def frames_wanted() -> bool:
    """True when panels should precompute frames for the static site (``PHYSICS_LIB_FRAMES=1``)."""
    return os.environ.get(FRAMES_ENV) == "1"


# ------------------------------------------------------------------------------------------------
# Controls: each holds a finite list of values and exposes the chosen one's ``index``, which the
# browser links to the frames.


def _nearest(values: Sequence, value):
    return min(range(len(values)), key=lambda i: _distance(values[i], value))


def slider(values, value, description: str, fmt: str = "{:g}") -> widgets.SelectionSlider:
    """A slider over ``values`` (labelled with ``fmt``), starting at the one nearest ``value``."""
    values = list(values)
    if not values:
        raise ValueError("values must hold at least one value")
    return widgets.SelectionSlider(
        options=[(fmt.format(v), v) for v in values],
        index=_nearest(values, value),
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="min(95%, 36em)"),
    )


def choice(options, value, description: str) -> widgets.Dropdown:
    """A dropdown over ``options`` (values, or ``(label, value)`` pairs)."""
    return widgets.Dropdown(options=list(options), value=value, description=description,
                            style={"description_width": "initial"})


def toggle(value: bool, description: str, labels: tuple[str, str] = ("off", "on")) -> widgets.ToggleButtons:
    """An off/on switch: two toggle buttons (unlike a checkbox, it carries an index to link)."""
    return widgets.ToggleButtons(options=[(labels[0], False), (labels[1], True)], value=bool(value),
                                 description=description, style={"description_width": "initial", "button_width": "auto"})


def _options(control) -> list:
    return [option[1] if isinstance(option, tuple) else option for option in control.options]


# ------------------------------------------------------------------------------------------------
# SVG rendering


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


def _round_path(match: re.Match) -> str:
    # 0.1 pt is below a screen pixel; six decimals and line breaks made frames twice as large
    rounded = re.sub(r"-?\d+\.\d+", lambda number: f"{float(number.group()):.1f}", match.group())
    return re.sub(r"\s+", " ", rounded)


def _clean_svg(svg: str, token: str) -> str:
    """Strip the XML prologue (invalid inline in HTML), round path coordinates, and make element
    ids unique to ``token``.

    Many frames share one HTML page; without unique ids a ``clip-path: url(#id)`` in a visible
    frame could resolve to the definition inside a hidden one.
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r' d="[^"]*"', _round_path, svg)
    svg = re.sub(r">\s+<", "><", svg)  # indentation between elements
    return re.sub(r'(id="|url\(#|href="#)', rf"\g<1>{token}-", svg)


def _token(*parts: str) -> str:
    return "f" + hashlib.sha1("\0".join(parts).encode()).hexdigest()[:10]


def _name(alt: str) -> str:
    """The SVG attributes that name a figure (``alt``) or hide a decorative layer (no ``alt``)."""
    return f'role="img" aria-label="{escape(alt, quote=True)}"' if alt else 'aria-hidden="true"'


def svg_markup(fig, alt: str, key: str = "") -> str:
    """Render ``fig`` to inline SVG whose accessible name is ``alt``; ``key`` salts element ids."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _clean_svg(buffer.getvalue(), _token(alt, key)).replace("<svg ", f"<svg {_name(alt)} ", 1)
    return f'<div class="physics-figure">{svg}</div>'


def _artists_svg(fig, artists: Iterable) -> str:
    """SVG of just ``artists``, drawn at the geometry ``savefig`` uses (72 dpi), nothing else."""
    dpi = fig.dpi
    if dpi != 72:
        fig.dpi = 72  # the SVG backend's own convention; transforms depend on it
    try:
        width, height = fig.get_size_inches() * 72
        buffer = io.StringIO()
        renderer = RendererSVG(width, height, buffer, metadata={"Date": None})
        for artist in artists:
            artist.draw(renderer)
        renderer.finalize()
    finally:
        if dpi != 72:
            fig.dpi = dpi
    return buffer.getvalue()


def _drawn_state(artist):
    """What ``artist`` would draw, cheaply: data and text for lines and labels, else its SVG.

    Panels move lines (``set_data``) and labels (``set_text``) and never restyle them, so these
    decide a redraw; laying out text costs milliseconds, which over a grid of hundreds of states
    was most of a panel's build time.
    """
    if isinstance(artist, Line2D):
        return artist.get_visible(), artist.get_xydata().tobytes()
    if isinstance(artist, Text):
        return artist.get_visible(), artist.get_text(), artist.get_position()
    return _artists_svg(artist.figure, [artist])


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


# ------------------------------------------------------------------------------------------------


class Panel:
    """A figure driven by named controls, shown by displaying the panel (or :meth:`show`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, created once (see :func:`figure`).
    update : callable
        ``update(**values)`` moves the figure's artists for one set of control values.
    controls : mapping of str to ipywidgets widget
        A control per keyword of ``update``, made by :func:`slider`, :func:`choice` or
        :func:`toggle` (each holds a finite list of values, the grid the static site precomputes);
        their current values are the defaults.
    alt : callable
        ``alt(**values)`` describes what the figure shows for those values; the panel prefixes it
        with every control's value.
    dynamic : iterable of matplotlib artists, optional
        Every artist that ``update`` changes. Given, live updates redraw only these over a cached
        background, and frames hold only these; omitted, every frame is the whole figure.
    """

    def __init__(
        self,
        fig,
        update: Callable[..., None],
        controls: Mapping[str, widgets.ValueWidget],
        alt: Callable[..., str],
        dynamic: Iterable | None = None,
    ):
        for name, control in controls.items():
            if not isinstance(control, _INDEXED):
                raise TypeError(f"control {name!r} must be a slider(), choice() or toggle(), got {type(control).__name__}")
        self.fig = fig
        self.update = update
        self.controls = dict(controls)
        self._alt = alt
        self.dynamic = list(dynamic or [])
        self._background: tuple | None = None  # (axis limits, markup) of the static layer
        self._view: widgets.HTML | None = None  # made on first use: a frames-only page stores no live copy
        update(**self.values())
        _prepare_for_redraws(fig)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    # -- values and text -------------------------------------------------------------------------

    def values(self) -> dict:
        """Current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def _labels(self, values: dict) -> str:
        parts = []
        for name, control in self.controls.items():
            options = _options(control)
            label = control._options_labels[options.index(values[name])] if values[name] in options else str(values[name])
            parts.append(f"{control.description} = {label}")
        return "; ".join(parts)

    def alt(self, **values) -> str:
        """Alt text for ``values`` (others at their current value): each control's value, then the figure."""
        merged = {**self.values(), **values}
        return f"{self._labels(merged)}. {self._alt(**merged)}"

    # -- the live view ---------------------------------------------------------------------------

    @property
    def view(self) -> widgets.HTML:
        """The live figure (an ``HTML`` widget), redrawn whenever a control changes."""
        if self._view is None:
            self._view = widgets.HTML()
            self.refresh()
        return self._view

    def render(self, **values) -> str:
        """Update the figure for ``values`` (others at their current value); return its SVG."""
        merged = {**self.values(), **values}
        self.update(**merged)
        return svg_markup(self.fig, self.alt(**merged), key=repr(sorted(merged.items())))

    def _limits(self) -> tuple:
        return tuple(ax.get_xlim() + ax.get_ylim() for ax in self.fig.axes)

    def _background_markup(self) -> str:
        """The figure without its dynamic artists, re-rendered only when an axis limit moved."""
        limits = self._limits()
        if self._background is None or self._background[0] != limits:
            shown = [artist for artist in self.dynamic if artist.get_visible()]
            for artist in shown:
                artist.set_visible(False)
            try:
                self._background = (limits, svg_markup(self.fig, "", key=f"background{limits}"))
            finally:
                for artist in shown:
                    artist.set_visible(True)
        return self._background[1]

    def refresh(self) -> None:
        """Redraw the live view from the controls' current values."""
        if not self.dynamic:
            self._view.value = self.render()
            return
        values = self.values()
        self.update(**values)
        background = self._background_markup()
        overlay = _clean_svg(_artists_svg(self.fig, self.dynamic), _token("overlay"))
        overlay = overlay.replace("<svg ", f'<svg {_name(self.alt(**values))} style="{_OVERLAY_STYLE}" ', 1)
        self._view.value = (
            '<div class="physics-layers" style="position:relative;display:inline-block">'
            f"{background}{overlay}</div>"
        )

    def _on_change(self, _change) -> None:
        if self._view is not None:
            self.refresh()

    def live(self) -> FigureBox:
        """Controls above the figure; every change recomputes and redraws it in a running kernel."""
        return FigureBox([*self.controls.values(), self.view], lambda: f"Figure: {self.alt()}")

    # -- frames for the static site --------------------------------------------------------------

    def frames(self) -> FigureBox:
        """Controls above precomputed layers that the controls switch in the browser, no kernel needed.

        Every point of the grid of control values is drawn once to find what each dynamic artist,
        the axis limits and the alt text depend on; then each layer holds one frame per value
        combination of the controls it depends on. The figure is left at the controls' values.
        """
        if not self.dynamic:
            raise ValueError("frames need the dynamic artists: pass dynamic=[...] to Panel")
        names = list(self.controls)
        grids = [_options(self.controls[name]) for name in names]
        points = list(itertools.product(*(range(len(grid)) for grid in grids)))
        saved = self.values()

        def at(point) -> dict:
            values = {name: grid[i] for name, grid, i in zip(names, grids, point)}
            self.update(**values)
            return values

        dpi, self.fig.dpi = self.fig.dpi, 72  # the SVG geometry, set once for every frame
        try:
            trees, alts = self._layers(names, grids, points, saved, at)
        finally:
            self.fig.dpi = dpi
            self.update(**saved)

        area = widgets.GridBox([child for child, _ in trees],
                               layout=widgets.Layout(grid_template_columns="auto", overflow="visible"))
        area.add_class("physics-frames")
        digest = hashlib.sha1("\n".join(alts[p] for p in points).encode()).hexdigest()[:12]
        sizes = " × ".join(f"{len(grid)} {self.controls[name].description}" for name, grid in zip(names, grids))
        text = (f"Figure with {len(points)} states ({sizes}) drawn as {sum(n for _, n in trees)} frames "
                f"in {len(trees)} layers; alt texts of all states: sha1 {digest}\nFigure: {self.alt()}")
        box = FigureBox([*self.controls.values(), area], lambda: text)
        box.add_class("physics-panel")
        return box

    def _layers(self, names, grids, points, saved, at):
        """The background and one layer per dependency set, as (widget, frames) pairs; the alt texts."""
        prints = [{} for _ in self.dynamic]
        limits, alts = {}, {}
        for point in points:
            alts[point] = self.alt(**at(point))
            limits[point] = self._limits()
            for artist, fingerprint in zip(self.dynamic, prints):
                fingerprint[point] = hash(_drawn_state(artist))

        # artists that depend on the same controls share a layer; the alt text goes with its own
        groups: dict[tuple, list] = {}
        for artist, fingerprint in zip(self.dynamic, prints):
            groups.setdefault(_dependencies(fingerprint, names), []).append(artist)
        alt_dependencies = _dependencies(alts, names)
        groups.setdefault(alt_dependencies, [])

        flat = widgets.Layout(margin="0", padding="0", overflow="visible")
        style = HTMLStyle()  # one style model for every frame, not one each
        shared: dict[str, widgets.HTML] = {}  # identical frames share one widget

        def tree(dependencies, markup):
            def drawn(point):
                at(point)
                return markup(point)
            return self._layer_tree(dependencies, names, grids, saved, drawn, shared, flat, style)

        def background(_point):
            return self._background_markup()

        def layer(artists, with_alt):
            def markup(point):
                svg = _artists_svg(self.fig, artists)
                svg = _clean_svg(svg, _token(svg))  # ids as unique as the drawing: equal frames stay equal
                name = _name(alts[point] if with_alt else "")
                return '<div class="physics-layer">' + svg.replace("<svg ", f"<svg {name} ", 1) + "</div>"
            return markup

        trees = [tree(_dependencies(limits, names), background)]
        in_drawing_order = sorted(groups, key=lambda d: min((self.dynamic.index(a) for a in groups[d]), default=len(self.dynamic)))
        for dependencies in in_drawing_order:
            trees.append(tree(dependencies, layer(groups[dependencies], dependencies == alt_dependencies)))
        stacked = widgets.Layout(grid_area="1 / 1", margin="0", padding="0", overflow="visible")
        for child, _ in trees:
            child.layout = stacked  # every layer in the grid's one cell, over the background
        return trees, alts

    def _layer_tree(self, dependencies, names, grids, saved, markup, shared, layout, style):
        """Nested ``Stack``s over ``dependencies`` (fewest values outermost), each linked to its control.

        Returns (widget, number of distinct frames). The controls not in ``dependencies`` stay at
        their current values when a frame is drawn (the layer does not change with them).
        """
        order = sorted(dependencies, key=lambda name: len(grids[names.index(name)]))
        start = [_options(self.controls[name]).index(saved[name]) for name in names]
        used = set()

        def build(prefix: tuple):
            if len(prefix) == len(order):
                point = list(start)
                for name, i in zip(order, prefix):
                    point[names.index(name)] = i
                html = markup(tuple(point))
                if html not in shared:
                    shared[html] = widgets.HTML(html, layout=layout, style=style)
                used.add(html)
                return shared[html]
            control = self.controls[order[len(prefix)]]
            stack = widgets.Stack([build(prefix + (i,)) for i in range(len(control.options))],
                                  selected_index=control.index, layout=layout)
            widgets.jsdlink((control, "index"), (stack, "selected_index"))
            return stack

        return build(()), len(used)

    def show(self) -> FigureBox:
        """The panel as one widget: frames for the static site when they are wanted, else live."""
        return self.frames() if frames_wanted() else self.live()

    def _repr_mimebundle_(self, **kwargs):
        return self.show()._repr_mimebundle_(**kwargs)


def _dependencies(fingerprint: Mapping[tuple, object], names: list) -> tuple:
    """The controls (by name, in order) on which a function of the grid point really changes."""
    dependent = []
    for j, name in enumerate(names):
        seen: dict[tuple, object] = {}
        for point, value in fingerprint.items():
            rest = point[:j] + point[j + 1 :]
            if seen.setdefault(rest, value) != value:
                dependent.append(name)
                break
    return tuple(dependent)


def _distance(a, b) -> float:
    try:
        return abs(math.log(a / b)) if a > 0 and b > 0 else abs(a - b)
    except TypeError:  # non-numeric options: exact match or nothing
        return 0.0 if a == b else 1.0
