from __future__ import annotations

import pytest

from trellis.orgs.core.school_level import cut_set, school_level


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"),
    [
        ("Whitney (Gretchen) High", {"eil_code": "HS"}, ("high", "directory")),
        ("Anything", {"soc": "62"}, ("middle", "directory")),
        ("Foothill Continuation High", {}, ("alternative", "heuristic")),
        ("Valley K-12", {}, ("k12", "heuristic")),
        ("Roosevelt Middle", {}, ("middle", "heuristic")),
        ("Lincoln Elementary", {}, ("elementary", "heuristic")),
        ("Central High", {}, ("high", "heuristic")),
        # "High" in the name, but the status only fits the grades 3–8 cuts: not a high school.
        ("High Desert Academy", {"statuses": {"ela": (20.0, 4)}}, ("elementary", "heuristic")),
        # No level word, but the status only fits the high-school cuts.
        ("Summit Academy", {"statuses": {"ela": (50.0, 4)}}, ("high", "heuristic")),
    ],
)
def test_it_finds_the_school_level(name: str, kwargs: dict[str, object], expected: tuple[str, str]) -> None:
    assert school_level(name, **kwargs) == expected  # type: ignore[arg-type]


def test_it_tells_the_cut_set_from_the_published_level() -> None:
    # ELA 50.0: level 5 on the 3–8 cuts (≥ 45), level 4 on the HS cuts (30 to 74.9).
    assert cut_set("ela", 50.0, 5) == "3-8"
    assert cut_set("ela", 50.0, 4) == "hs"
    # ELA 20.0 is level 4 on 3–8 (10 to 44.9) and level 3 on HS (0 to 29.9)...
    assert cut_set("ela", 20.0, 3) == "hs"
    # ...while −80 is level 1 under both: undecidable.
    assert cut_set("ela", -80.0, 1) is None
