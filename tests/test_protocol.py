import pytest

from app.domain.protocol import (
    CONTRAINDICATIONS,
    PREPARATION_ITEMS,
    TECHNIQUES_FOR_BUILD,
    Build,
    Contraindication,
    Phase,
    PhaseKind,
    Plan,
    Technique,
)

R, P = PhaseKind.ROUND, PhaseKind.REST


def test_standard_plan_defaults_to_three_rounds_of_three_minutes_with_one_minute_rest():
    assert Plan.standard() == Plan(round_s=180, rest_s=60, rounds=3, demo=False)


@pytest.mark.parametrize(
    "round_minutes, rest_minutes",
    [
        (2, 1),  # round shorter than DOMAIN 2 allows
        (6, 1),  # round longer than DOMAIN 2 allows
        (0, 1),  # no round at all
        (3, 4),  # rest over 3 minutes
        (3, -1),  # negative rest
        (3.5, 1),  # not one of the offered choices
    ],
)
def test_standard_plan_rejects_minutes_outside_the_choices(round_minutes, rest_minutes):
    with pytest.raises(ValueError):
        Plan.standard(round_minutes=round_minutes, rest_minutes=rest_minutes)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(round_s=0, rest_s=60),  # a round must last
        dict(round_s=180, rest_s=-1),  # a rest cannot be negative
        dict(round_s=180, rest_s=60, rounds=0),  # at least one round
    ],
)
def test_direct_plan_is_checked_too(kwargs):
    with pytest.raises(ValueError):
        Plan(**kwargs)


@pytest.mark.parametrize(
    "plan, expected",
    [
        # 3 x 5 min, 1 min rest: no rest after the last round
        (
            Plan.standard(5, 1),
            (
                Phase(R, 1, 0, 300),
                Phase(P, 1, 300, 360),
                Phase(R, 2, 360, 660),
                Phase(P, 2, 660, 720),
                Phase(R, 3, 720, 1020),
            ),
        ),
        # 0 min rest: rests are left out, rounds follow one another
        (Plan.standard(3, 0), (Phase(R, 1, 0, 180), Phase(R, 2, 180, 360), Phase(R, 3, 360, 540))),
        # demonstration: 20 s rounds, 5 s rests
        (
            Plan.demonstration(),
            (
                Phase(R, 1, 0, 20),
                Phase(P, 1, 20, 25),
                Phase(R, 2, 25, 45),
                Phase(P, 2, 45, 50),
                Phase(R, 3, 50, 70),
            ),
        ),
    ],
)
def test_phases(plan, expected):
    assert plan.phases() == expected


@pytest.mark.parametrize(
    "plan, total_s",
    [
        (Plan.standard(3, 1), 660),  # 3*180 + 2*60
        (Plan.standard(5, 3), 1260),  # 3*300 + 2*180
        (Plan.standard(4, 0), 720),  # no rests
        (Plan.demonstration(), 70),  # 3*20 + 2*5
    ],
)
def test_total_is_the_end_of_the_last_phase(plan, total_s):
    assert plan.total_s == total_s == plan.phases()[-1].end_s


def test_demonstration_plan_is_marked_demo():
    assert Plan.demonstration().demo and not Plan.standard().demo


@pytest.mark.parametrize(
    "position, index",
    [
        (0, 0),  # start belongs to round 1
        (179.999, 0),  # just before round 1 ends
        (180, 1),  # a boundary belongs to the phase it starts
        (239.999, 1),  # end of rest 1
        (600, 4),  # round 3
        (660, None),  # the end is no phase
        (-0.001, None),  # before the start
    ],
)
def test_phase_index_at(position, index):
    assert Plan.standard(3, 1).phase_index_at(position) == index


def test_phase_length():
    assert Phase(R, 2, 360.0, 660.0).length_s == 300


@pytest.mark.parametrize(
    "build, techniques",
    [
        (Build.HEAVIER, (Technique.FISTS,)),  # seed 000: fists for a heavier mother
        (Build.SLIM_NORMAL, (Technique.THUMBS, Technique.INDEX_BACKS)),  # thumbs or index backs
    ],
)
def test_technique_follows_build(build, techniques):
    assert TECHNIQUES_FOR_BUILD[build] == techniques


def test_every_build_has_a_technique():
    assert set(TECHNIQUES_FOR_BUILD) == set(Build)


def test_contraindications_cover_the_do_not_massage_list():
    assert CONTRAINDICATIONS == (
        Contraindication.FEVER_ILL,
        Contraindication.BACK_SKIN,
        Contraindication.BLEEDING,
        Contraindication.BACK_INJURY,
        Contraindication.PREGNANT,
    )


def test_preparation_list_has_the_nine_sop_items_without_duplicates():
    assert len(PREPARATION_ITEMS) == len(set(PREPARATION_ITEMS)) == 9
