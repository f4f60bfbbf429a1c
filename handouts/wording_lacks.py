"""What ``check --language`` notes of a language of the clinic's own that leaves out wording
its handouts build without, but then print less well: the caregiver's words (a handout that
says "you" where it means the patient), a dose's side words, large print's words for a
summary with no room on page 1. Each is one line naming the clinic's file, or None."""

from __future__ import annotations

from handouts.errors import HandoutError
from handouts.workspace import Workspace


def caregiver_wording_lacks(ws: Workspace, language: str) -> str | None:
    """What a language's wording lacks for a handout given to a caregiver (words.caregiver):
    one line naming the clinic's file and the keys, or None. Its handouts still build, in
    its plain words, which say "you" where they mean the patient."""
    from handouts.words import caregiver, text

    wording = ws.wording
    if wording.own is None or language not in text.languages(wording):
        return None
    try:
        lacks = caregiver.lacking(language, wording)
    except HandoutError:
        return None  # its problems are check's errors
    if not lacks:
        return None
    return (f"{wording.own / f'strings.{language}.yaml'}: no wording for a handout given to "
            f"a caregiver: {', '.join(lacks)}; such a handout prints the plain wording there, "
            "which says \"you\" where it means the patient; add them, translated from the "
            "package's handouts/words/templates/en/strings.yaml")


def side_wording_lacks(ws: Workspace, language: str) -> str | None:
    """The words of a dose's side (``own.SIDE_LISTS``) that a language of the clinic's own
    leaves out: one line naming its file and the keys, or None. Optional (its handouts
    build), but its side words then name no side: "chaque jambe" is drawn as the program's
    side and counted once in the session's minutes."""
    from handouts.words import own, text

    wording = ws.wording
    if (wording.own is None or language not in text.languages(wording)
            or not (wording.own / f"strings.{language}.yaml").is_file()):
        return None
    try:
        said = text.strings(language, wording)
    except HandoutError:
        return None  # its problems are check's errors
    lacks = [key for key in own.SIDE_LISTS if key not in said]
    if not lacks:
        return None
    return (f"{wording.own / f'strings.{language}.yaml'}: no words for a dose's side: "
            f"{', '.join(lacks)}; a side in its words (each leg, right arm) then names no "
            "side: drawn as the program's side, counted once in a session's minutes; add "
            "them, translated from the package's handouts/words/templates/en/strings.yaml")


def next_page_wording_lacks(ws: Workspace, language: str) -> str | None:
    """Large print's words for a page 1 with no room for the summary's table
    (``in_order_next_page``) where a language of the clinic's own leaves them out, or the
    clinic's own file rewords ``in_order`` and not them: one line naming its file, or None.
    Optional (its handouts build), but its summary then starts page 2 whole, page 1's room
    over the safety box left empty (see render/words_ahead)."""
    from handouts.words import text

    key = "in_order_next_page"
    wording = ws.wording
    if wording.own is None or language not in text.languages(wording):
        return None
    try:
        if text.written_with(language, key, "in_order", wording):
            return None
        english = text.strings("en")[key]
        where = text.located(language, "in_order", wording)
        lacks = key not in text.strings(language, wording)
    except HandoutError:
        return None  # its problems are check's errors
    file = where.file if where and where.file else wording.own / f"strings.{language}.yaml"
    return (f"{file}: " + (f"no wording for {key}" if lacks else
                           f"in_order reworded, but not {key}")
            + "; a large-print summary with no room on page 1 then starts page 2 whole, "
            "page 1's room over the safety box left empty; add it, in the words of in_order, "
            f'as the package\'s English says it: {key}: "{english}"')
