"""Drawing a figure again after a few of its artists changed, without drawing the rest again.

An explorer calls ``Redrawer(fig).draw()`` after each move. You never need this module to
use the course; it is here because a full matplotlib draw spends most of its time on what
did not move (tick labels, legends), and an explorer should follow the hand.

Matplotlib draws a figure as a sequence of *steps*: the figure's background; each Axes (its
background, then its artists by zorder); then the figure's own texts and legends. A step
that changed must be drawn again, and so must every later step that overlaps it (it was
drawn on top of it). The Redrawer keeps the pixels of all the other steps (drawn once with
the redrawn ones hidden), puts them back and draws the redrawn steps on top, in order. When
no redrawn step overlaps a later kept one, that is exactly the pixels of a full draw. The
artists' boxes are checked on every draw: a kept step that a redrawn one has grown over is
drawn again from then on (the whole figure is drawn that once), and so is everything after
a change this cannot follow (the figure's size, an animated artist).

What counts as a change: what matplotlib's setters mark (set_data, set_offsets, set_array,
set_text, ax.set_xlim …), new and removed artists, an Axes' limits and tick labels, and where
a text or an annotation stands (``annotation.xy = …`` included). A value changed in place
without a setter (an array's contents, a transform, ``axis.labelpad``) is not seen: use the
setter. Figures it cannot follow are drawn in full every time: a layout engine that still
runs (call ``fig.set_layout_engine("none")`` once laid out, as the explorers do), insets,
aligned labels, subfigures, rasterized artists. Draw the figure only through the Redrawer.
"""

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.image import AxesImage
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.legend import Legend
from matplotlib.spines import Spine
from matplotlib.table import Table
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["Redrawer"]


class Redrawer:
    """Draws ``fig`` as it is now, drawing again only the steps that changed and those on top of them.

    ``draw()`` returns how many steps it drew (all of them on a full draw).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(layout="none")  # a layout engine that still runs means full draws
    >>> line, = ax.plot([0, 1], [0, 1])
    >>> redrawer = Redrawer(fig)
    >>> everything = redrawer.draw()        # the first draw is a full one
    >>> line.set_ydata([1, 0])
    >>> redrawer.draw() == everything       # keeps the pixels of everything but the line: a full draw once
    True
    >>> line.set_ydata([0.5, 0.5])
    >>> redrawer.draw() < everything        # then the line and what lies on it (the frame), no more
    True
    >>> plt.close(fig)
    """

    def __init__(self, fig):
        self.fig = fig
        self.steps, self.layout = None, None    # what the last draw drew: [(Axes or None, artist)], sizes
        self.kept = None                         # the pixels without the redrawn steps: _Kept
        self.changing = set()                    # the artists that have changed since the first draw
        self.draws, self.last_change = 0, {}     # draws so far; the draw each artist last changed in
        self.signatures = {}                     # each text's _signature at the last draw
        self.covered = set()                     # artists a changing one has grown over: always drawn again

    def draw(self):
        steps, layout = _drawing_steps(self.fig), _layout_of(self.fig)
        changed = self._changed_artists(steps, layout)
        renderer = self.fig.canvas.get_renderer()
        if changed is None:
            self.fig.canvas.draw()
            self.kept, drawn = None, range(len(steps))
        else:
            self.draws += 1
            self.last_change.update(dict.fromkeys(changed, self.draws))
            # an axis or a legend (slow to draw) that has stopped changing goes back into the kept pixels
            settled = {artist for artist in self.changing if isinstance(artist, (mpl.axis.Axis, Legend))
                       and self.last_change[artist] <= self.draws - 8}
            self.changing = ((self.changing | changed) - settled) & {artist for _, artist in steps}
            if (self.kept is None or self.kept.renderer is not renderer or not self.kept.holds(steps, changed)
                    or settled):
                self.kept = _Kept(self.fig, steps, self.changing | self.covered)   # a full draw, in effect
                drawn = range(len(steps))
            else:
                renderer.restore_region(self.kept.pixels)
                drawn = self.kept.draw_the_rest(steps, renderer)
            covered = self.kept.covered_by(steps, renderer)
            while covered:                       # a step drawn again grew over a kept one: from now on, draw
                self.covered |= covered          # that one again too (each time round keeps fewer)
                self.kept = _Kept(self.fig, steps, self.changing | self.covered)
                covered, drawn = self.kept.covered_by(steps, renderer), range(len(steps))
        for index in drawn:                      # artists that draw nothing (invisible, empty) stay stale
            _mark_drawn(steps[index][1])
        self.steps, self.layout = steps, layout
        self.signatures = {artist: _signature(artist) for _, artist in steps if isinstance(artist, Text)}
        return len(drawn)

    def remember(self):
        """The figure was just laid out and drawn in full elsewhere: take that as the last draw, and keep
        its pixels without what has changed so far (the next moves are likely to change the same)."""
        self.steps, self.layout, self.kept = _drawing_steps(self.fig), _layout_of(self.fig), None
        self.signatures = {artist: _signature(artist) for _, artist in self.steps if isinstance(artist, Text)}
        if self.layout is not None and self.changing:
            self.kept = _Kept(self.fig, self.steps, self.changing | self.covered)
        for _, artist in self.steps:
            _mark_drawn(artist)

    def _changed_artists(self, steps, layout):
        """The artists that changed (or are new) since the last draw; None: draw everything."""
        if (self.steps is None or layout is None or self.layout is None or layout[0] != self.layout[0]
                or steps[0] != self.steps[0] or _changed(steps[0][1])
                or any(artist.get_animated() for _, artist in steps)):
            return None
        before = {artist for _, artist in self.steps}
        axis_changed = {axis: any(map(_changed, _axis_parts(axis)))
                        for ax in layout[1] for axis in (ax.xaxis, ax.yaxis)}
        signatures = {artist: _signature(artist) for _, artist in steps if isinstance(artist, Text)}
        changed = {artist for _, artist in steps if artist not in before or isinstance(artist, Table)
                   or (axis_changed[artist] if artist in axis_changed else _changed(artist))   # (Axis: _layout_of)
                   or artist in signatures and signatures[artist] != self.signatures.get(artist)}
        for ax, now in layout[1].items():
            then = self.layout[1].get(ax)
            moved_axes = [axis for axis in (ax.xaxis, ax.yaxis)
                          if then is None or now[axis] != then[axis] or axis_changed[axis]]
            frame_moved = (then is None or now["frame"] != then["frame"]
                           or ax.axison and ax.get_frame_on() and _changed(ax.patch))
            if not moved_axes and not frame_moved:
                continue
            everything = {artist for owner, artist in steps if owner is ax}
            if frame_moved or not _titles_stay(ax) or _spines_follow_data(ax):
                changed |= everything            # Axes.draw places its titles again: draw all of it
            else:                                # its limits or ticks changed: what is drawn in data coordinates
                legend = now["legend"]           # moves, not its background, the other axis, or a fixed legend
                stays = {ax.patch, *({ax.xaxis, ax.yaxis} - set(moved_axes))}
                if legend[0] is not None and legend == then["legend"] and legend[1] is not None:
                    stays.add(legend[0])
                changed |= everything - stays
        touched = {owner for owner, artist in steps if artist in changed}
        for ax in layout[1]:
            legend = ax.get_legend()             # a legend placed "best" moves with whatever else changes
            if ax in touched and legend is not None and layout[1][ax]["legend"][1] is None:
                changed.add(legend)
            if touched & set(ax._twinned_axes.get_siblings(ax)) and _titles_may_move(ax, layout[1]):
                changed |= _titles_moved(ax, self.fig.canvas.get_renderer())
        return changed


def _signature(text):
    """What a text shows and where, including what setters do not announce (``annotation.xy = …``);
    an annotation placed relative to another artist or transform is taken as moved every time."""
    anchored = getattr(text, "xycoords", "data")
    return (text.get_text(), text.get_position(), tuple(getattr(text, "xy", ())), text.get_rotation(),
            hash(text.get_fontproperties()),
            anchored if isinstance(anchored, (str, tuple)) else object())


def _titles_may_move(ax, layouts):
    """Whether Axes.draw may place ax's titles anywhere but just above it (or back there): over tick labels
    or an axis label at the top, or over the y axis' offset text ("1e6"), its own or a twin's."""
    axes = ax._twinned_axes.get_siblings(ax)
    return (any(title.get_position()[1] != 1.0 for title in (ax.title, ax._left_title, ax._right_title))
            or any(not _titles_stay(other) or other in layouts and layouts[other][other.yaxis][-1] for other in axes))


def _titles_moved(ax, renderer):
    """The titles that Axes.draw would now put elsewhere: placed there, and returned (drawn on their own,
    they would stay where they were). Placing them lays out the ticks again, which is not a change."""
    titles = [ax.title, ax._left_title, ax._right_title]
    before = [(title.get_position(), title.stale) for title in titles]
    ticks = [(part, part.stale) for other in ax._twinned_axes.get_siblings(ax) for axis in (other.xaxis, other.yaxis)
             for tick in _axis_parts(axis) for part in [tick, *tick.get_children()]]
    ax._update_title_position(renderer)
    for part, stale in ticks:
        part.stale = stale
    moved = set()
    for title, (position, stale) in zip(titles, before):
        if title.get_position() != position:
            moved.add(title)
        else:
            title.stale = stale                  # set to the same place: not a change
    return moved


def _spines_follow_data(ax):
    """Whether a spine is placed in data coordinates ("zero", ("data", x)): it moves with the limits."""
    for spine in ax.spines.values():
        try:
            position = spine.get_position()
        except ValueError:                       # a colorbar's outline has no position
            continue
        if position == "zero" or isinstance(position, tuple) and position[0] == "data":
            return True
    return False


def _titles_stay(ax):
    """Whether Axes.draw leaves the titles where they are when the limits change: it moves them up only
    over tick labels or an axis label at the top."""
    return ax.xaxis.get_ticks_position() in ("bottom", "default") and ax.xaxis.get_label_position() == "bottom"


class _Kept:
    """The figure's pixels drawn without the changed steps and those on top of them, and the boxes of
    the steps they hold."""

    def __init__(self, fig, steps, changing):
        self.renderer = fig.canvas.get_renderer()
        redrawn = _on_top(steps, changing, self.renderer)
        parts = _parts_to_draw(steps, redrawn)
        for artist in parts:
            artist.set_animated(True)            # Figure.draw and Axes.draw leave animated artists out
        images = [artist for artist in parts if isinstance(artist, AxesImage) and artist.get_visible()]
        for image in images:                     # but matplotlib 3.10 draws animated images all the same
            image.set_visible(False)
        try:
            fig.canvas.draw()
        finally:
            for artist in parts:
                artist.set_animated(False)
            for image in images:
                image.set_visible(True)
        self.pixels = self.renderer.copy_from_bbox(Bbox([[0, 0], [self.renderer.width, self.renderer.height]]))
        for artist in parts:
            artist.draw(self.renderer)
        self.boxes = {artist: _box(artist, self.renderer, drawn=True) for index, (_, artist) in enumerate(steps)
                      if index not in redrawn}

    def holds(self, steps, changed):
        """Whether every step in the pixels is still there, unchanged."""
        return not (changed & self.boxes.keys()) and self.boxes.keys() <= {artist for _, artist in steps}

    def draw_the_rest(self, steps, renderer):
        """Draw, on the kept pixels, the steps not in them, in order; return their indices."""
        rest = {index for index, (_, artist) in enumerate(steps) if artist not in self.boxes}
        for artist in _parts_to_draw(steps, rest):
            artist.draw(renderer)
        return sorted(rest)

    def covered_by(self, steps, renderer):
        """The kept steps that a step drawn on top of the pixels overlaps and should have been drawn before
        (none: the order they were drawn in does not matter, and the pixels are those of a full draw)."""
        kept_at = [(index, artist) for index, (_, artist) in enumerate(steps) if artist in self.boxes]
        covered = set()
        for index, (_, artist) in enumerate(steps):
            later = [other for kept_index, other in kept_at if kept_index > index]
            if artist in self.boxes or not later:
                continue
            reach = _box(artist, renderer, drawn=True, reach=True)    # its clip box, if it has one: found at once
            touched = [other for other in later if _overlap(reach, self.boxes[other])]
            if touched:
                box = _box(artist, renderer, drawn=True)              # then where it did draw
                covered |= {other for other in touched if _overlap(box, self.boxes[other])}
        return covered


def _on_top(steps, changed, renderer):
    """Indices of the changed steps and of every later step that overlaps one of them (found in order).
    A changed artist counts as reaching all of its clip box: where it may move next (fewer new pixels kept);
    the others are where they were last drawn."""
    redrawn, boxes = set(), []
    first_of = {}
    for index, (ax, artist) in enumerate(steps):
        first_of.setdefault(ax, index)
        box = _box(artist, renderer, drawn=artist not in changed, reach=artist in changed) if index else None
        if artist in changed or index and any(_overlap(box, other) for other in boxes):
            redrawn.add(index)
            boxes.append(box)
    for ax, first in first_of.items():          # an Axes whose background is drawn again, is drawn again whole
        if ax is not None and first in redrawn:
            redrawn |= {index for index, (owner, _) in enumerate(steps) if owner is ax}
    return redrawn


def _parts_to_draw(steps, indices):
    """What drawing steps[i] for i in indices takes, in order: an Axes all of whose steps are
    among them (Axes.draw also places its title), else single artists."""
    whole = {ax for ax, _ in steps if ax is not None and all(i in indices for i, (owner, _) in enumerate(steps)
                                                               if owner is ax)}
    parts = []
    for index in sorted(indices):
        ax, artist = steps[index]
        if ax not in whole:
            parts.append(artist)
        elif not parts or parts[-1] is not ax:
            parts.append(ax)
    return parts


def _drawing_steps(fig):
    """[(Axes or None, artist)] in the order Figure.draw and Axes.draw draw them (Agg, nothing animated)."""
    steps = [(None, fig.patch)]
    for artist in sorted((a for a in fig.get_children() if a is not fig.patch), key=lambda a: a.get_zorder()):
        if not isinstance(artist, Axes) or not artist.get_visible():
            steps.append((None, artist))
            continue
        ax = artist
        framed = ax.axison and ax.get_frame_on()
        left_out = [ax.patch] + ([] if framed else list(ax.spines.values())) + \
            ([] if ax.axison else [ax.xaxis, ax.yaxis])
        children = [a for a in ax.get_children() if not any(a is b for b in left_out)]
        steps += [(ax, a) for a in ([ax.patch] if framed else []) + sorted(children, key=lambda a: a.get_zorder())]
    return steps


def _layout_of(fig):
    """What a partial draw cannot follow: the figure's size and the order of its Axes; for each Axes its frame
    (position, visibility), for each of its axes the limits, scale and tick labels (an Axis marks itself stale
    whenever its limits are set, even to the same values, so that flag is not asked), and its legend with
    where that is anchored (None for "best", which follows the data). None: a figure drawn in full every
    time (a layout engine that still runs, insets, aligned labels, subfigures, rasterized artists)."""
    renderer, engine = fig.canvas.get_renderer(), fig.get_layout_engine()
    aligned = getattr(fig, "_align_label_groups", {})              # fig.align_labels(): labels follow others
    if (fig.subfigs or not renderer.option_image_nocomposite()
            or engine is not None and not isinstance(engine, PlaceHolderLayoutEngine)   # a layout that still runs
            or any(ax.get_rasterization_zorder() is not None or ax.child_axes for ax in fig.axes)
            or any(len(group) > 1 for grouper in aligned.values() for group in grouper)):
        return None
    order = tuple(sorted(fig.axes, key=lambda ax: ax.get_zorder()))
    return ((tuple(fig.bbox.bounds), fig.dpi, order), {ax: _axes_layout(ax) for ax in fig.axes})


def _axes_layout(ax):
    legend = ax.get_legend()
    anchor = None if legend is None or getattr(legend, "_loc", 0) == 0 else tuple(legend.get_bbox_to_anchor().bounds)
    return {"frame": (tuple(ax.get_position().bounds), ax.get_visible()), "legend": (legend, anchor),
            **{axis: (axis.get_view_interval().tolist(), axis.get_scale(), axis.get_visible(), axis.get_major_locator(),
                      axis.get_minor_locator(), axis.get_minor_formatter(), *_tick_labels(axis))
               for axis in (ax.xaxis, ax.yaxis)}}


def _tick_labels(axis):
    """The major tick labels and the offset text as the formatter writes them now (it may hold state)."""
    formatter = axis.get_major_formatter()
    return tuple(formatter.format_ticks(axis.get_majorticklocs())), formatter.get_offset()


def _changed(artist):
    """Whether the artist or anything inside it changed since it was last drawn (matplotlib's stale flag)."""
    return artist.stale or any(_changed(child) for child in _inside(artist))


def _mark_drawn(artist):
    artist.stale = False
    for child in _inside(artist):
        _mark_drawn(child)


def _inside(artist):
    return _axis_parts(artist) if isinstance(artist, mpl.axis.Axis) else artist.get_children()


def _axis_parts(axis):
    """An Axis' parts as they are (Axis.get_children runs the tick locator to make enough ticks first)."""
    return [axis.label, axis.offsetText, *axis.majorTicks, *axis.minorTicks]


def _box(artist, renderer, drawn=False, reach=False):
    """A box, in pixels, around everything the artist draws (the whole canvas when unsure).
    ``drawn``: the artist was just drawn (a legend's frame then holds its box); ``reach``: a clipped
    artist's whole clip box."""
    if not artist.get_visible():
        return Bbox([[0, 0], [0, 0]])            # draws nothing
    try:
        if isinstance(artist, Axes):
            box = artist.get_tightbbox(renderer)
        elif isinstance(artist, mpl.axis.Axis):
            box = _axis_box(artist, renderer, drawn)
        elif isinstance(artist, Spine):          # Spine's own box includes the ticks (and updates them)
            box = mpl.patches.Patch.get_window_extent(artist, renderer)
        elif isinstance(artist, Legend) and drawn:
            box = artist.legendPatch.get_window_extent(renderer)
        elif isinstance(artist, Text) and artist.get_bbox_patch() is not None:    # its own box leaves the
            artist.update_bbox_position_size(renderer)                            # patch around it out
            patch = artist.get_bbox_patch()
            box = Bbox.union([artist.get_window_extent(renderer), patch.get_window_extent(renderer)
                              .padded(patch.get_linewidth() * renderer.dpi / 72)])
        else:
            clip = artist.get_clip_box() if artist.get_clip_on() else None
            if clip is not None and reach:       # drawing is cut off at the clip box
                box = clip
            else:
                box = artist.get_window_extent(renderer)
                if clip is not None:
                    box = Bbox.intersection(box, clip) or Bbox([[0, 0], [0, 0]])
    except Exception:                            # noqa: BLE001  (an artist without a box: assume the worst)
        return _EVERYWHERE
    if box is None:
        return Bbox([[0, 0], [0, 0]])            # draws nothing (an empty axis)
    if not all(abs(value) < 1e9 for value in box.extents):
        return _EVERYWHERE
    width = artist.get_linewidth() if hasattr(artist, "get_linewidth") else 0
    width = width if isinstance(width, (int, float)) else max(width, default=0)
    return box.padded(2 + width * renderer.dpi / 72)


def _axis_box(axis, renderer, drawn):
    """An Axis' box: its frame with the tick marks and the grid, and its labels. Just drawn, the tick
    labels in view are where it put them (cheap); otherwise get_tightbbox lays the ticks out again."""
    boxes = [axis.axes.bbox.padded(axis.get_tick_padding() * renderer.dpi / 72)]
    if not drawn:
        boxes.append(axis.get_tightbbox(renderer))
    else:
        low, high = sorted(axis.get_view_interval())
        close = 1e-9 * (high - low)
        shown = [tick for tick in [*axis.majorTicks, *axis.minorTicks] if low - close <= tick.get_loc() <= high + close]
        labels = [label for tick in shown for label in (tick.label1, tick.label2)]
        boxes += [text.get_window_extent(renderer) for text in [*labels, axis.label, axis.offsetText]
                  if text.get_visible() and text.get_text()]
    return Bbox.union([box for box in boxes if box is not None])


_EVERYWHERE = Bbox([[-1e9, -1e9], [1e9, 1e9]])


def _overlap(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
