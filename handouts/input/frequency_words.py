"""The words of how often that say when rather than how many times: an occasion ("after
exercise", "as needed", or one in the therapist's words, "each time you get dressed"), and a
time of day ("every morning", "at bedtime", a chart's "AM" and "PM"), and a count spread
over the day ("2 times throughout the day"); read by frequency.py."""

from __future__ import annotations

import re

from handouts.input.written_times import RANGE

# occasions, each on its own: what a therapist writes → how it is kept (and printed back)
OCCASIONS = ("after exercise", "as needed")
OCCASION_WORDS = {
    **dict.fromkeys(("after exercise", "after exercises", "after exercising",
                     "after your exercise", "after your exercises", "after each session",
                     "after every session", "after each exercise session",
                     "after you exercise"), "after exercise"),
    **dict.fromkeys(("as needed", "when needed", "as required", "as necessary", "prn",
                     "when you need it", "when you need to"), "as needed"),
}
# "as needed" where it goes (a rest, "as needed between sets")
_BETWEEN = re.compile(r"^(?:between (?:sets|reps|repetitions|each set|each rep),? )?(?P<said>"
                      r".*?)(?:,? between (?:sets|reps|repetitions|each set|each rep))?$")


def says_as_needed(value: object) -> bool:
    """Whether ``value`` says "as needed" and no more ("PRN", "as needed between sets")."""
    if not isinstance(value, str):
        return False
    said = _BETWEEN.match(" ".join(value.lower().replace(".", "").split()))["said"]
    return OCCASION_WORDS.get(said) == "as needed"


# an occasion in the therapist's words, kept as written: "every time you bathe", "whenever
# you stand up" (an OT's daily task is done then), "before you cough, sneeze or lift" and
# "when you get a sudden urge" (a pelvic floor squeeze is); or what a child does, in a
# handout its parent reads, "each time your child takes a bath", "whenever she wakes from a
# nap", "each time Mia gets dressed" (a name); not what no one does ("each time it rains")
OWN_OCCASION = re.compile(r"(?:every time|each time|whenever|when|before|after) (?:you|your "
                          r"(?:child|son|daughter|baby|toddler|kid|teen)|he|she|they|"
                          r"(?-i:[A-Z])\w+) \S",
                          re.IGNORECASE)
# a time of day: once a day, then (kept as the key, printed back as its words)
TIMES_OF_DAY = {"morning": "every morning", "evening": "every evening", "bedtime": "at bedtime"}
TIME_WORDS = {
    # a chart's AM and PM too ("AM and PM", "am/pm": every morning and every evening)
    **dict.fromkeys(("every morning", "each morning", "in the morning", "mornings", "morning",
                     "am", "a.m.", "every am", "in the am"), "morning"),
    **dict.fromkeys(("every evening", "each evening", "in the evening", "evenings", "evening",
                     "pm", "p.m.", "every pm", "in the pm"), "evening"),
    **dict.fromkeys(("at bedtime", "before bed", "before bedtime", "at night", "every night",
                     "each night", "nightly", "night", "bedtime"), "bedtime"),
}


# a count of times ("2", "2-3 times", "twice", "3x"), as said before "a day" or "daily"
COUNT = re.compile(rf"^(?:{RANGE}|once or twice|once|twice|thrice)\s*(?:times?|x|sessions?)?$")
_OVER_THE_DAY = re.compile(r"^(?P<head>.*\S)\s+(?:throughout|during|through|over|across)\s+"
                           r"the\s+day$")


def over_the_day(piece: str) -> str:
    """A count or a time between them spread "throughout the day" (or "during the day"): "2
    times throughout the day" is 2 times a day; "every hour during the day", every hour
    while awake. Said of anything else, left to be refused."""
    found = _OVER_THE_DAY.match(piece)
    if found and COUNT.match(found["head"]):
        return found["head"] + " a day"
    if found and re.match(r"^every\s.*\b(?:hours?|hrs?|minutes?|mins?)$|^every\s+hour$",
                          found["head"]):
        return found["head"] + " while awake"
    return piece
