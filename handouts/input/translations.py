"""The translations of a library: ``exercises.<lang>.yaml`` beside ``exercises.yaml``."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field

from handouts.input.models import _STRICT, Block, Id, Language, Text


class StageText(BaseModel):
    """The words of one stage of an exercise's progression, in the library's order: only
    the dose text that stage gives itself (``resistance: yellow band``); its numbers print
    in the handout's language already. ``{}`` keeps a stage's place."""

    model_config = _STRICT
    equipment: Optional[Text] = None
    load: Optional[Text] = None
    side: Optional[Text] = None
    tempo: Optional[Text] = None
    effort: Optional[Text] = None
    resistance: Optional[Text] = None
    distance: Optional[Text] = None
    range: Optional[Text] = None


class _ExerciseWords(BaseModel):
    """An exercise's own words, before the dose text it shares with a stage (``StageText``)."""

    model_config = _STRICT
    title: Optional[Text] = None
    caption: Optional[Text] = None
    purpose: Optional[Text] = None
    steps: Optional[tuple[Text, ...]] = None
    tips: Optional[tuple[Text, ...]] = None
    cautions: Optional[tuple[Text, ...]] = None
    log: Optional[Text] = None  # the dose's units to write in the log ("minutos")


# StageText is named first so that its fields come after _ExerciseWords' (pydantic takes a
# model's fields from its bases last to first): the keys an unknown one is told to choose
# from keep their order (title, caption, ..., equipment, ..., progression)
class ExerciseText(StageText, _ExerciseWords):
    """The words of one exercise in another language; anything left out stays English."""

    model_config = _STRICT
    # one for each of the library's stages, in order (``library_text.Words.stage_own``)
    progression: Optional[tuple[StageText, ...]] = None


class TopicText(BaseModel):
    model_config = _STRICT
    title: Optional[Text] = None
    summary: Optional[Text] = None
    body: Optional[tuple[Block, ...]] = None


class ProtocolText(BaseModel):
    model_config = _STRICT
    title: Optional[Text] = None
    handout_title: Optional[Text] = None
    description: Optional[Text] = None
    education_heading: Optional[Text] = None


class Translation(BaseModel):
    model_config = _STRICT
    language: Language = Field(examples=["es"])
    exercises: dict[Id, ExerciseText] = {}
    education: dict[Id, TopicText] = {}
    protocols: dict[Id, ProtocolText] = {}
