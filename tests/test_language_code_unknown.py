"""A text given per language under a code the handouts have no words in (``sp:`` for es,
``zz:``): no handout printed it and nothing said so, so a clinic's Spanish tagline typed
under ``sp`` went missing from every Spanish handout with no word why. clinic.yaml's
tagline, disclaimer and log rows now stop the build at their line, as its name and address
did; a protocol's own log row is one warning from `check`."""

from __future__ import annotations

from clinic_copy import copied, edit, run

NO_SP = ('no handouts in "sp" yet; use one of en, es; or give the handouts words in it: '
         "strings.sp.yaml and templates/sp/ in the clinic's folder (docs/library.md: The "
         "clinic's own wording)")


def test_a_clinic_text_under_a_code_with_no_words_stops_the_build_at_its_line(
        tmp_path_factory):
    home = copied(tmp_path_factory, "pelvic", "harborview")
    edit(home / "clinic.yaml", ("timezone: Europe/London",
                                "timezone: Europe/London\ntagline:\n  en: Pelvic health for all"
                                "\n  sp: Salud pélvica\ndisclaimer: {en: Not medical care., "
                                "es: No es atención médica., zz: Zz.}"))
    built = run(home, "build", str(home / "examples" / "gwen-thomas.yaml"), "-o",
                str(home.parent / "gwen.pdf"))
    clinic = home / "clinic.yaml"
    assert built.exit_code == 1
    assert built.stderr.splitlines() == [
        f"error: {clinic}:11: tagline.sp: {NO_SP}",
        f"error: {clinic}:12: disclaimer.zz: {NO_SP.replace('sp', 'zz')}"]
    assert not (home.parent / "gwen.pdf").exists()


def test_a_protocols_log_row_under_such_a_code_is_one_warning(tmp_path_factory):
    home = copied(tmp_path_factory, "pelvic", "harborview")
    checked = run(home, "check")
    assert checked.exit_code == 0 and "is not a language" not in checked.stderr
    edit(home / "exercises.yaml", ("log_rows: [Times you passed urine,",
                                   "log_rows: [{en: Times you passed urine, zz: Urine},"))
    checked = run(home, "check")
    assert checked.exit_code == 0, checked.output
    assert [line for line in checked.stderr.splitlines() if "is not a language" in line] == [
        f'warning: {home / "exercises.yaml"}:286: protocols[bladder_leakage].log_rows[1].zz: '
        '"zz" is not a language the handouts have words in, so no handout prints this row; '
        "they have words in en, es"]
