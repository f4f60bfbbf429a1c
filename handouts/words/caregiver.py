"""A handout given to a caregiver (``patient: caregiver:``) speaks to the one who reads it.

The package's wording says "your exercises", "each time you finish": to a parent reading
about a child, that "you" is the wrong person. A key whose "you" is the patient has a
variant, ``<key>_caregiver``, that names the patient instead ("Mia's exercises"); a key
whose "you" is the reader ("Stop and call us if…") has none. A language that lacks a
variant (a clinic's own, written before the variants) prints the plain key, so its
handouts still build; `check` says which it lacks (``lacking``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from handouts.words import own, text

SUFFIX = own.CAREGIVER

# keys with the suffix that are no variant to fall back from: an email's subject to a
# caregiver must not say "Your", so its email stops without it (own.SOME_HANDOUTS); the
# email's log sentence, which a template asks for by its own name (own.ASKED)
NOT_VARIANTS = frozenset(key for key in (*own.SOME_HANDOUTS, *own.ASKED)
                         if key.endswith(SUFFIX))


@functools.cache
def _family_first() -> re.Pattern:
    """Scripts whose names are written family name first (山田 花子, 김민준): the whole name
    stands in for a first name there, as the first word would be the family's. Compiled at
    the first name that may hold one (from U+1100 up): re compiles a class this wide a
    character at a time, some 36 million instructions that every cold build paid."""
    return re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def variants() -> dict[str, str]:
    """The plain keys the package's English words for a caregiver, and each one's variant."""
    return {key[:-len(SUFFIX)]: key for key in text.strings("en")
            if key.endswith(SUFFIX) and key not in NOT_VARIANTS}


def key_for(language: str, key: str, wording: text.Wording) -> str:
    """The key a caregiver's handout prints: the variant where the language has one, given
    where its plain key is or later (a clinic's own file that rewords "Your exercises" but
    not its variant keeps its own words rather than the package's variant); else ``key``."""
    variant = key + SUFFIX
    if variant in NOT_VARIANTS or not text.written_with(language, variant, key, wording):
        return key
    return variant


def phrase(language: str, key: str, wording: text.Wording, patient: str | None,
           caregiver: str | None, **context: Any) -> str:
    """``key`` in ``language`` as the handout's reader is spoken to: for a caregiver, its
    variant (filled in with the patient's ``name`` and ``first_name``) where there is one."""
    if not (caregiver and patient):
        return text.phrase(language, key, wording, **context)
    chosen = key_for(language, key, wording)
    if chosen != key:
        context.update(zip(own.CAREGIVER_FILLINGS, (first_name(patient), patient)))
    return text.phrase(language, chosen, wording, **context)


def first_name(name: str) -> str:
    """What the handout calls the patient in a sentence ("each time Mia finishes"): the first
    word of the name; the part after a comma in "Lopez, Mia"; the whole name where it is
    one word, or written family name first."""
    family, comma, given = name.partition(",")
    said = (given if comma and given.strip() else family).split()
    if not said or (max(name) >= "\u1100" and _family_first().search(name)):
        return name.strip()
    return said[0]


def lacking(language: str, wording: text.Wording) -> list[str]:
    """The variants a language's wording lacks, or gives under a plain key of its own (a
    caregiver's handout prints the plain key there: "your" where it means the patient)."""
    return [variant for key, variant in variants().items()
            if key_for(language, key, wording) == key]
