"""Instruments: which questions a level answers, page by page, read from the versioned item bank."""

from __future__ import annotations

from dataclasses import dataclass

from trellis.framework.core import Framework, load_framework
from trellis.framework.core.schema import BackgroundQuestion, Item, ResponseScale
from trellis.surveys.models import Instrument

BANK = "capacity-survey"
PREFER_NOT_TO_SAY = "Prefer not to say"


def bank(version: str | None = None) -> Framework:
    return load_framework(BANK, version)


def measured_framework(survey_bank: Framework) -> Framework:
    assert survey_bank.measures is not None
    return load_framework(survey_bank.measures.framework, survey_bank.measures.version)


def instrument_for(
    level: str, *, version: str | None = None, include_role: bool = True, include_tenure: bool = True
) -> Instrument:
    """The instrument for `level` from bank `version` (latest by default); made once, then reused."""
    survey_bank = bank(version)
    framework = measured_framework(survey_bank)
    item_ids: list[str] = []
    pages: list[list[object]] = []
    for condition in framework.conditions:
        ids = [item.id for element in condition.elements for item in survey_bank.items_for(element.id, level)]
        if ids:
            item_ids += ids
            pages.append([condition.id, len(ids)])
    background = [
        q.id
        for q in survey_bank.background_for(level)
        if (include_role and q.id.startswith("background.role")) or (include_tenure and q.id == "background.tenure")
    ]
    instrument, _ = Instrument.objects.get_or_create(
        bank=BANK,
        bank_version=survey_bank.version,
        level=level,
        include_role=include_role,
        include_tenure=include_tenure,
        defaults={"item_ids": item_ids, "pages": pages, "background_ids": background},
    )
    return instrument


@dataclass(frozen=True)
class ShownItem:
    index: int
    """Position in the instrument (and in the stored answer bytes)."""
    item: Item
    scale: ResponseScale


@dataclass(frozen=True)
class Page:
    number: int
    title_en: str
    title_es: str
    items: list[ShownItem]


class Layout:
    """An instrument's pages, resolved against its bank version: item pages, then 'About you'."""

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.bank = bank(instrument.bank_version)
        framework = measured_framework(self.bank)
        self.pages: list[Page] = []
        start = 0
        for number, (condition_id, count) in enumerate(instrument.pages, start=1):
            condition = framework.condition(str(condition_id))
            items = []
            for index in range(start, start + int(count)):
                item = self.bank.item(instrument.item_ids[index])
                items.append(ShownItem(index, item, self.bank.scale(item.scale)))
            start += int(count)
            self.pages.append(Page(number, condition.title, _condition_es(condition.id), items))
        self.background: list[BackgroundQuestion] = [
            q for q in self.bank.background if q.id in instrument.background_ids
        ]

    @classmethod
    def of(cls, instrument: Instrument) -> Layout:
        """The layout of an instrument, built once per process (instruments never change)."""
        # Keyed by what determines the layout (not the row id, which a test database may reuse).
        key = (
            instrument.bank,
            instrument.bank_version,
            instrument.level,
            instrument.include_role,
            instrument.include_tenure,
            tuple(instrument.item_ids),
        )
        layout = _LAYOUTS.get(key)
        if layout is None:
            layout = _LAYOUTS[key] = cls(instrument)
        return layout

    @property
    def page_count(self) -> int:
        """Item pages plus the last page (about you, comments, submit)."""
        return len(self.pages) + 1

    @property
    def item_count(self) -> int:
        return len(self.instrument.item_ids)


_LAYOUTS: dict[tuple[object, ...], Layout] = {}

# The capacity framework's condition titles are English only; the survey shows them as page titles.
CONDITION_ES = {
    "purpose": "Propósito compartido",
    "trust": "Cultura de confianza mutua",
    "collaboration": "Estructuras y recursos que fomentan el trabajo colaborativo",
    "preparation": "Preparación y movilización de las capacidades de mejora",
}


def _condition_es(condition_id: str) -> str:
    return CONDITION_ES.get(condition_id, condition_id)
