"""Translated labels for the domain's codes (the domain returns codes; only the UI translates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.mothers import Role
from app.domain.protocol import Build, Contraindication, PrepItem, Technique
from app.i18n import N_, _

CONTRAINDICATION_QUESTIONS = {
    Contraindication.FEVER_ILL: N_("Does the mother have a fever or feel ill today?"),
    Contraindication.BACK_SKIN: N_("Is there a wound, rash, skin infection, bruise or lump on her back?"),
    Contraindication.BLEEDING: N_("Does she have a blood-clotting disorder, or take blood-thinning medicine?"),
    Contraindication.BACK_INJURY: N_("Does she have a back or spine injury?"),
    Contraindication.PREGNANT: N_("Is she pregnant? (Massage may start contractions.)"),
}
CONTRAINDICATION_SHORT = {
    Contraindication.FEVER_ILL: N_("Fever or feeling ill"),
    Contraindication.BACK_SKIN: N_("A wound, rash, skin infection, bruise or lump on the back"),
    Contraindication.BLEEDING: N_("A blood-clotting disorder or blood-thinning medicine"),
    Contraindication.BACK_INJURY: N_("A back or spine injury"),
    Contraindication.PREGNANT: N_("Pregnancy"),
}
PREP_ITEMS = {
    PrepItem.CHAIR_TABLE: N_("A chair and a table"),
    PrepItem.PILLOW: N_("A pillow"),
    PrepItem.TOWELS: N_("1-2 towels"),
    PrepItem.WASHCLOTH: N_("A washcloth"),
    PrepItem.WARM_WATER: N_("A basin of warm water"),
    PrepItem.OIL: N_("Baby oil or massage oil"),
    PrepItem.COVER_CLOTH: N_("A cloth to cover the mother"),
    PrepItem.PRIVACY: N_("A private, quiet room"),
    PrepItem.CLEAN_HANDS: N_("Wash your hands (you oil them later, once she is seated)"),
}
BUILDS = {
    Build.HEAVIER: N_("Larger build"),
    Build.SLIM_NORMAL: N_("Slim or normal build"),
}
TECHNIQUES = {
    Technique.FISTS: N_("Fists"),
    Technique.THUMBS: N_("Both thumbs"),
    Technique.INDEX_BACKS: N_("Backs of the index fingers"),
}
TECHNIQUE_HOW = {
    Technique.FISTS: N_("Make fists with both hands, one fist on each side of the spine."),
    Technique.THUMBS: N_("Put your two thumbs on her back, one on each side of the spine."),
    Technique.INDEX_BACKS: N_("Bend your index fingers and use their backs, one on each side of the spine."),
}
TECHNIQUE_CUE = {
    Technique.FISTS: N_("Fists: small circles on both sides of the spine"),
    Technique.THUMBS: N_("Thumbs: small circles on both sides of the spine"),
    Technique.INDEX_BACKS: N_("Backs of index fingers: small circles on both sides of the spine"),
}


def t(table: Mapping[Any, str], code: object) -> str:
    """The translated label of a code (the code itself if the table lacks it)."""
    msg = table.get(code)
    return _(msg) if msg else str(code)


# Who uses the app (issue 9): it tunes Home and wording, never what anyone may do.
ROLE_LABELS = {
    Role.FAMILY: N_("Husband or family"),
    Role.MOTHER: N_("The mother"),
    Role.MIDWIFE: N_("Midwife or kader"),
}
