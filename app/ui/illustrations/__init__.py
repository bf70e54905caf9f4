"""Illustrations drawn in code (flet.canvas vector shapes), for light and dark themes.

Every builder is a pure function of its arguments that returns a new control (an `ft.Semantics`
with a translated description for screen readers); nothing is changed after it is built, so a
declarative screen can call it on every render.

- `position_illustration(width=320, dark=False)`: the mother's position (side view).
- `hands_illustration(technique, width=320, dark=False)`: "fists", "thumbs" or "index_backs".
- `back_illustration(width=320, dark=False, marker=None)`: back view with the landmarks and the
  massage zone; `marker` (0..1 of the stroke, from `marker_fraction(elapsed_s)`: 0 at the bra line,
  where each stroke starts, 1 at the upper edge of the shoulder blades) places two gliding dots.
"""

from app.ui.illustrations.back import (
    BACK_H,
    MARKER_ANIMATION_MS,
    MARKER_D,
    MARKER_KEYS,
    RETURN_S,
    STROKE_S,
    BackGeometry,
    BackIllustration,
    back_geometry,
    back_illustration,
    marker_fraction,
)
from app.ui.illustrations.hands import HANDS_H, TECHNIQUES, hands_illustration
from app.ui.illustrations.pen import DARK, DESIGN_WIDTH, LIGHT, Palette, palette
from app.ui.illustrations.position import POSITION_H, position_illustration

__all__ = [
    "BACK_H",
    "DARK",
    "DESIGN_WIDTH",
    "HANDS_H",
    "LIGHT",
    "MARKER_ANIMATION_MS",
    "MARKER_D",
    "MARKER_KEYS",
    "POSITION_H",
    "RETURN_S",
    "STROKE_S",
    "TECHNIQUES",
    "BackGeometry",
    "BackIllustration",  # deprecated: the landmarks screen until it is rewritten
    "Palette",
    "back_geometry",
    "back_illustration",
    "hands_illustration",
    "marker_fraction",
    "palette",
    "position_illustration",
]
