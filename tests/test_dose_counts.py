"""A hold or a rest counted out loud, as a child's is given ("hold: count to 10", "10
counts"), was refused as "not a duration". It reads now, prints as the counting it is in
each language ("Hold while you count to 10"), is saved as "count to 10", counts about a
second a count in the session's minutes, and a clinic's older dose.txt prints the package's
words for it and is named. Read back from the PDFs and the command's output."""

from __future__ import annotations

import pytest

from handouts.input.dose_models import Dose
from handouts.words import dose as doses

from test_dose_up_to import PACKAGE_DOSE, built_with_own_dose_txt
from test_home_doses import built_text, dublin  # noqa: F401 (a fixture)


@pytest.mark.parametrize("typed", ["count to 10", "10 counts", "a count of 10",
                                   "for a count of 10", "Count To 10"])
def test_a_count_reads_and_is_saved_as_count_to(typed):
    dose = Dose.model_validate({"hold": typed, "rest": "5 counts"})
    assert dose.to_yaml_data() == {"hold": "count to 10", "rest": "count to 5"}
    assert Dose.model_validate(dose.to_yaml_data()) == dose
    # about a second a count, as a hold of 10 seconds
    assert doses.session_seconds(dose.model_copy(update={"rest": None})) == \
        doses.session_seconds(Dose.model_validate({"hold": "10 s"}))


@pytest.mark.parametrize("typed", ["cuente hasta 10", "contando hasta 10",
                                   "mientras cuenta hasta 10"])
def test_a_count_typed_in_spanish_reads(typed):
    from handouts.input.reading import words_of

    with words_of(None, None, "es"):
        assert str(Dose.model_validate({"hold": typed}).hold) == "count to 10"


@pytest.mark.parametrize("key, typed, problem", [
    ("hold", "count to 2.5", '"count to 2.5": a count is of whole numbers (e.g. "count to 10")'),
    ("hold", "count to 1000", '"count to 1000" is too long a count; at most a count of 600'),
    ("hold", "count to 0", '"count to 0": a count must be more than 0'),
    # a duration is walked or pedalled, not counted
    ("duration", "count to 10", '"count to 10" is not a duration'),
    # a number in another key's words, as a box of the web form is mistaken for the next
    ("reps", "3 sets", '"3 sets" is a number of sets, not of repetitions; write it as sets: 3'),
    ("reps", "3-5 sets", "write it as sets: 3-5"),
    ("sets", "10 reps", '"10 reps" is a number of repetitions, not of sets; write it as '
                        "reps: 10"),
    ("reps", "5 breaths", '"5 breaths" is a number of breaths, not of repetitions; write it '
                          "as breaths: 5"),
    ("breaths", "10 repetitions", "write it as reps: 10"),
    # a time, as a timed exercise's: where a time goes
    ("reps", "30 s", '"30 s" is a time, not a number of repetitions; write it as hold: 30 s '
                     "(how long each one is held) or duration: 30 s (how long it is done)"),
    ("sets", "5-10 min", '"5-10 min" is a time, not a number of sets; write it as hold: '
                         "5-10 min"),
    # "times" and "x" count sets as well as reps: no guess; nor of words no key has
    ("sets", "2 times", '"2 times" is not a number or range (e.g. "3" or "3-5")'),
    ("reps", "3 bananas", '"3 bananas" is not a number or range'),
])
def test_a_count_that_cannot_be_says_why(key, typed, problem):
    with pytest.raises(ValueError) as raised:
        Dose.model_validate({key: typed})
    assert problem in str(raised.value)


@pytest.mark.parametrize("language, dose, printed", [
    ("en", {"hold": "count to 10", "reps": "5"}, "Hold while you count to 10 · Repeat 5 times"),
    ("en", {"hold": "5 s", "reps": "5", "rest": "count to 5"},
     "Relax while you count to 5 after each hold"),
    ("es", {"hold": "count to 10"}, "Mantenga la posición mientras cuenta hasta 10"),
    ("es", {"reps": "3", "sets": "2", "rest": "count to 10"},
     "Descanse mientras cuenta hasta 10 entre series"),
])
def test_a_count_prints_as_counting_in_each_language(dublin, language, dose, printed):
    assert printed in built_text(dublin, dose, language)


def test_a_clinic_s_older_dose_template_prints_the_package_s_count_and_says_so(tmp_path):
    """A dose.txt copied before counts would print "Hold 10 seconds" for "count to 10"."""
    counted = ('{% if d.unit == "count" %}while you count to {{ d.span|span }}{% elif d.unit'
               ' == "breath" %}while you take {{ d.span|span }} {{ "breaths" if d.span is '
               'plural else "breath" }}{% else %}')
    assert counted in PACKAGE_DOSE
    # the macro as it was: without the count, and the {% endif %} that closed it
    older = PACKAGE_DOSE.replace(counted, "").replace("{% endif %}{% endif %}\n{%- endmacro",
                                                      "{% endif %}\n{%- endmacro")
    result, text = built_with_own_dose_txt(tmp_path, older, "count to 10")
    assert "Hold while you count to 10" in text
    assert ("warning: the clinic's templates/en/dose.txt: exercises[walking].dose.hold: "
            '"count to 10" prints without "count to" (no words for dose.hold.unit); the '
            "handout prints the package's words for it instead; add dose.hold.unit (\"count\" "
            'for "count to 10", counted out loud; "breath" for "5 breaths") to it as '
            "handouts/words/templates/en/dose.txt "
            "words it (docs/library.md: The clinic's own wording)") in result.output.splitlines()


def test_a_count_in_another_key_s_spanish_words_says_which_key():
    from handouts.input.reading import words_of

    with words_of(None, None, "es"), pytest.raises(ValueError) as raised:
        Dose.model_validate({"reps": "3 series"})
    assert '"3 series" is a number of sets, not of repetitions; write it as sets: 3' in str(
        raised.value)
