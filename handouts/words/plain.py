"""Plain language: is every patient-facing text easy to read and act on?

Reports, per library entry: a reading grade above the clinic's aim (Flesch-Kincaid, default
grade 6, the usual aim for patient material), sentences over ``LONG_SENTENCE`` words, and
medical words used without a plain explanation in the same entry. These are warnings a
clinic can act on, each naming the entry and its line. Flesch-Kincaid and the package's
medical words are English: a library written in another language (``language: fr``) is
not graded, and only its own ``terms:`` are looked for. A text is graded, and quoted, as it
prints: its ``{emergency}`` the clinic's emergency number, its ``**…**`` bold words without
the stars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from handouts.errors import Location
from handouts.input.models import Bullets, Heading, Library, Paragraph, Table
from handouts.input.yamlsource import Parsed
from handouts.words import joins
from handouts.words.languages import with_emergency_number

LONG_SENTENCE = 20
# the fewest words graded: Flesch-Kincaid grades prose by its syllables a word, and a title
# alone is too few words for that ("Your wrist exercises", all everyday words, is grade 9.2
# for the four syllables of "exercises"); its hard words are still told (MEDICAL_TERMS)
GRADED_FROM = 10

# Words a patient may not know, with the kind of plain explanation that should sit beside
# them. A word counts as explained when the same entry follows it with "(", ",", a dash, ":",
# "is", "are" or "means". These are words of any body region; a library adds its own (a
# back clinic's "psoas", a knee clinic's "meniscus") in its `terms:` section.
MEDICAL_TERMS = {
    "nsaid": "an anti-inflammatory medicine", "nsaids": "anti-inflammatory medicines",
    "corticosteroid": "a strong anti-swelling medicine", "corticosteroids": "steroid medicines",
    "opioid": "a strong pain medicine", "opioids": "strong pain medicines",
    "acetaminophen": "a pain reliever (Tylenol)", "mri": "a scan that shows the inside of the body",
    "mobilize": "get it moving", "manipulation": "a quick push by a therapist to move a joint",
    "flexion": "bending", "abdomen": "belly", "inflammation": "swelling and soreness",
    "motor control": "using muscles the right amount at the right time",
    "impingement": "pinching", "psychosomatic": "caused by the mind", "herniated": "bulging",
    "acl": "a ligament that holds the knee steady", "osteoarthritis": "wear and tear of a joint",
    "effusion": "swelling inside a joint", "arthroscopy": "keyhole surgery",
    "proprioception": "your sense of where your body is",
    # heart and lung rehab: a cardiac clinic's library of these words checked clean
    "dyspnea": "shortness of breath", "dyspnoea": "shortness of breath",
    "angina": "chest pain from the heart", "syncope": "fainting",
    "diaphoresis": "heavy sweating", "palpitations": "a racing or pounding heartbeat",
    "valsalva": "holding your breath as you push or lift", "sternum": "the breastbone",
    "sternal precautions": "ways to protect your breastbone while it heals",
    "sternotomy": "the cut through the breastbone for heart surgery",
    "cabg": "heart bypass surgery", "copd": "a long-term lung disease that makes it hard "
    "to breathe", "myocardial infarction": "a heart attack",
    "rpe": "how hard the exercise feels, on a scale", "edema": "swelling",
    "oedema": "swelling", "tachycardia": "a fast heartbeat", "bradycardia": "a slow heartbeat",
    "arrhythmia": "an uneven heartbeat", "hypertension": "high blood pressure",
    "hypotension": "low blood pressure", "orthostatic": "when you stand up",
    "claudication": "leg pain when you walk that eases when you rest",
    "oxygen saturation": "how much oxygen your blood carries",
    "spo2": "how much oxygen your blood carries",
}


def terms_for(library: Library) -> dict[str, str]:
    """The words to check: the defaults (English words, for an English library), and the
    library's own (which win)."""
    return {**(MEDICAL_TERMS if graded(library) else {}),
            **{k.lower(): v for k, v in library.terms.items()}}


def graded(library: Library) -> bool:
    """Whether the library's reading grade is checked: Flesch-Kincaid is for English."""
    return library.language == "en"


@dataclass(frozen=True)
class Finding:
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location} {self.message}"


# a finding said of more entries than this is one line naming the first few
SHOWN = 3


def grouped(findings: Iterable[Finding]) -> list[str]:
    """One line per finding of a file, however many entries it is said of: one word in 133
    exercises was 133 lines alike, more than a clinic reads. A finding of one entry is as
    it was; of several, its file and the lines of the first few (`check --each` names
    every one), in the order of the first."""
    by_message: dict[tuple[str | None, str], list[Location]] = {}
    for finding in findings:
        by_message.setdefault((finding.location.file, finding.message), []).append(
            finding.location)
    lines = []
    for (file, message), where in by_message.items():
        if len(where) == 1:
            lines.append(str(Finding(where[0], message)))
            continue
        shown = ", :".join(str(at.line) for at in where[:SHOWN])
        more = f" and {len(where) - SHOWN} more" if len(where) > SHOWN else ""
        lines.append(f"{file}:{shown}{more}: {message} ({len(where)} entries; check --each "
                     "names each)")
    return lines


def entry_texts(library: Library) -> Iterable[tuple[tuple, list[str]]]:
    """(path in the YAML, every patient-facing text of the entry) for each entry."""
    for i, e in enumerate(library.exercises):
        yield ("exercises", i), [e.title, *([e.caption] if e.caption else []), e.purpose,
                                 *e.steps, *e.tips, *e.cautions]
    for i, t in enumerate(library.education):
        texts = [t.title, *([t.summary] if t.summary else [])]
        for block in t.body:
            if isinstance(block, Bullets):
                texts.extend(block.bullets)
            elif isinstance(block, Heading):
                texts.append(block.heading)
            elif isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, Table):  # its words, for the terms a patient may not know
                texts.extend(c for row in (block.table.header, *block.table.rows)
                             for c in row if c)
        yield ("education", i), texts
    for i, p in enumerate(library.protocols):
        # the title that prints: a handout_title replaces the staff's title on page 1
        yield ("protocols", i), [p.handout_title or p.title, *([p.description]
                                                               if p.description else [])]


# the library's bold, as the handout prints it (render/context.py): the words, no stars
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def as_printed(text: str, emergency: str, phone: str | None = None) -> str:
    """``text`` as a patient reads it: its ``{emergency}`` the number ``emergency``, its
    ``{phone}`` the clinic's ``phone``, its ``**…**`` without the stars. A warning quoted
    "**Appelez le {emergency} …**"."""
    return _BOLD.sub(r"\1", with_emergency_number(text, emergency, phone))


def _as_prose(texts: list[str], language: str) -> str:
    # titles and bullets have no full stop; without one they would read as one long sentence.
    # A text's own stop is found in any script and before a closing mark or quote: "…**."
    # and "…。." had a second one
    return " ".join(joins.full_stop(language, t) for t in texts)


_SENTENCE_END = re.compile(
    rf"(?:(?<=[{re.escape(joins.SENTENCE_ENDS)}])"
    rf"|(?<=[{re.escape(joins.SENTENCE_ENDS)}][{re.escape(joins.CLOSERS)}]))\s+")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def unexplained_terms(texts: list[str], terms: dict[str, str] = MEDICAL_TERMS) -> list[str]:
    prose = " ".join(texts)
    lower = prose.lower()
    found = []
    for term in terms:
        if not re.search(rf"\b{re.escape(term)}\b", lower):
            continue
        explained = re.search(rf"\b{re.escape(term)}\b\s*(\(|,|—|–| - |:| is\b| are\b| means\b)",
                              lower)
        if not explained:
            found.append(term)
    return found


def check(library: Library, parsed: Parsed, *, max_grade: float = 6.0,
          emergency: str = "911", phone: str | None = None) -> list[Finding]:
    """``emergency``, ``phone``: what a text's ``{emergency}`` and ``{phone}`` print as."""
    return _findings(entry_texts(library), parsed, terms_for(library),
                     max_grade if graded(library) else None,
                     (library.language, emergency, phone))


def check_protocols(items: list, parsed: Parsed, library: Library, *,
                    max_grade: float = 6.0, emergency: str = "911",
                    phone: str | None = None) -> list[Finding]:
    """The same checks for the clinic's own protocols (``items``: the entries of its
    protocols file as data, ``parsed`` the file), with the library's words."""
    texts = ((("protocols", i), [v for key in (_printed_title(item), "description")
                                 if isinstance(v := item.get(key), str) and v.strip()])
             for i, item in enumerate(items) if isinstance(item, dict))
    return _findings(((path, found) for path, found in texts if found), parsed,
                     terms_for(library), max_grade if graded(library) else None,
                     (library.language, emergency, phone))


def _printed_title(item: dict) -> str:
    """The key of a protocol's title that page 1 prints: its handout_title where it has one
    (the title is then the staff's, in a menu, and its grade no patient's concern)."""
    given = item.get("handout_title")
    return "handout_title" if isinstance(given, str) and given.strip() else "title"


def _findings(entries: Iterable[tuple[tuple, list[str]]], parsed: Parsed,
              terms: dict[str, str], max_grade: float | None,
              printed_in: tuple[str, str, str | None]) -> list[Finding]:
    """``max_grade`` None: the reading grade is not checked (a library not in English).
    ``printed_in``: the library's language, and the emergency number and the phone its
    texts print."""
    language, *numbers = printed_in
    findings: list[Finding] = []
    for path, texts in entries:
        where = parsed.location(path)
        # graded and quoted as printed: "{emergency}" read as a word of four syllables put
        # "Call 911 right away …" at grade 7.6, not the 5.2 it prints at
        prose = _as_prose([as_printed(t, *numbers) for t in texts], language)
        graded = max_grade is not None and len(prose.split()) >= GRADED_FROM
        level = grade(prose) if graded else 0.0
        if graded and level > max_grade:
            hardest = max(sentences(prose), key=grade)
            findings.append(Finding(where, f"reads at grade {level:.1f} (aim: {max_grade:g} or "
                                           f'below); hardest sentence: "{hardest}"'))
        for sentence in sentences(prose):
            words = len(sentence.split())
            if words > LONG_SENTENCE:
                findings.append(Finding(where, f"a sentence of {words} words (aim: "
                                               f'{LONG_SENTENCE} or fewer): "{sentence}"'))
        for term in unexplained_terms(texts, terms):
            findings.append(Finding(where, f'uses "{term}" without explaining it; add a plain '
                                           f'explanation, e.g. "{term} ({terms[term]})"'))
    return findings
