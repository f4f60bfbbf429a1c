"""An exercise as the patient sees it: picture, caption, dose box, steps, note, cautions, tips.

``card`` is the standard card and ``compact_card`` the compact one, each a row kept on one
page (a card that runs on to the next page, and large print's one exercise to a page, are in
``continuation``; the dose box is dose_box.py's). An exercise the library gives no picture
is laid out without one. A picture that cannot be loaded becomes a labelled placeholder and
a warning: a therapist at the end of a visit still gets a PDF.
"""

from __future__ import annotations

import functools
from dataclasses import fields
from typing import Hashable

from reportlab.platypus import Flowable, Spacer, Table

from handouts.kept import keep
from handouts.render import mirror, pictures, qr_codes, rtl, theme
from handouts.render.beside import picture_column
from handouts.render.context import QUIET, Context, esc, numbered
from handouts.render.dose_box import dose_box, progression
from handouts.render.dose_line import dose_line
from handouts.render.card import Card, continues, labelled, marked
from handouts.render.flowables import Placeholder
from handouts.render.frozen import laid_out
from handouts.render.run_on import RunOn
from handouts.resolve import HandoutExercise
from handouts.words import joins, text


def placeholder_warning(exercise: HandoutExercise, problem: pictures.PictureError) -> str:
    return (f"{problem.at(exercise.image)}; exercise {exercise.id} gets a placeholder instead "
            "of its picture")


def _load(ctx: Context, exercise: HandoutExercise, max_w: float, max_h: float):
    t = ctx.theme
    return pictures.load(exercise.image, max_w, max_h, colours=t.figure_colours,
                         languages=ctx.handout.languages,
                         words_pt=(t.figure_words, t.figure_words_least),
                         rtl=t.rtl, side=exercise.drawn_side)


def picture(ctx: Context, exercise: HandoutExercise, max_w: float, max_h: float) -> Flowable:
    try:
        loaded = _load(ctx, exercise, max_w, max_h)
    except pictures.PictureError as exc:
        ctx.warnings.append(placeholder_warning(exercise, exc))
        missing = ctx.say("picture_missing")
        label = text.both(text.part(missing, i) + ctx.colon(i) + text.part(exercise.title, i)
                          for i in range(len(ctx.handout.languages)))
        return Placeholder(max_w, max_h * 0.75, esc(label), ctx.theme.style("placeholder"))
    return pictures.Picture(loaded, max_w, max_h)


def card_text(ctx: Context, e: HandoutExercise, *, with_dose: bool = True) -> list[Flowable]:
    return [*card_head(ctx, e, with_dose=with_dose), *card_steps(ctx, e),
            *after_steps(ctx, e)]


def card_head(ctx: Context, e: HandoutExercise, *, with_dose: bool = True) -> list[Flowable]:
    """The title, what the exercise is for, and the dose box (unless it is beside them)."""
    t = ctx.theme
    out: list[Flowable] = [
        ctx.p(f'<font color="#{t.primary.hexval()[2:]}">{e.number}.</font> '
              f"{esc(e.title)}", "card_title"),
        ctx.p(esc(e.purpose), "purpose")]
    if with_dose:
        out += [dose_box(ctx, e), Spacer(1, t.space.xs)]
    return out


def card_steps(ctx: Context, e: HandoutExercise, first: int = 0,
               last: int | None = None) -> list[Flowable]:
    """Steps ``first`` to ``last`` (all by default), under their label where they start."""
    label = [ctx.p(esc(ctx.say("steps_label")), "label")] if first == 0 else []
    return [*label, *numbered(ctx, e.steps, "item", part=slice(first, last))]


def after_steps(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    """The note, the cautions and the tips."""
    out: list[Flowable] = []
    if e.note:
        out += [ctx.p(esc(ctx.say("note_label")), "label"), ctx.p(esc(e.note))]
    # cautions before tips: if a large-print page runs out, what moves over is a tip
    if e.cautions:
        out += [ctx.p(esc(ctx.say("cautions_label")), "warn_label"),
                *labelled(ctx, numbered(ctx, e.cautions, "item", bullet="!"),
                          "cautions_label", "warn_label")]
    if e.tips:
        # a tip a page carries over goes on under "Tips (continued)", as the cautions do:
        # under the title alone, a page read by itself did not say what it was
        tips = labelled(ctx, numbered(ctx, e.tips, "item", bullet="•"), "tips_label", "label")
        out += marked([ctx.p(esc(ctx.say("tips_label")), "label"), *tips], "tips")
    return out


def card_picture(ctx: Context, e: HandoutExercise, width: float, height: float) -> list:
    """The picture and its caption, and the video's QR code; empty for neither."""
    if e.image is None:
        return under_picture(ctx, e, pictured=False)
    return [picture(ctx, e, width, height), *under_picture(ctx, e)]


def under_picture(ctx: Context, e: HandoutExercise, pictured: bool = True) -> list:
    """What a card's picture column holds under its picture: the caption, the video's QR
    code (``pictured``: under a picture, else at the top)."""
    t = ctx.theme
    out: list[Flowable] = [Spacer(1, t.space.xs)] if pictured else []
    if e.caption:
        out.append(ctx.p(esc(e.caption), "caption"))
    if e.video:
        size = t.body_size * 6
        out += [Spacer(1, t.space.sm) if out else Spacer(1, 0),
                pictures.Picture(qr_codes.qr_code(e.video), size, size),
                ctx.p(esc(ctx.say("video_label")), "caption")]
    return out


def card_key(ctx: Context, e: HandoutExercise, pictured: Flowable) -> str:
    """Everything a card's look depends on, the same in every process and folder: the
    exercise as printed (its picture by content, not by path), the languages and the theme
    (its direction too)."""
    t = ctx.theme
    printed = {f.name: getattr(e, f.name) for f in fields(e) if f.name != "image"}
    picture_key = getattr(getattr(pictured, "picture", None), "key",
                          "placeholder" if e.image else "none")
    return repr((printed, picture_key, ctx.handout.languages, *_theme_key(t)))


def _picture_key(ctx: Context, e: HandoutExercise, box: tuple[float, float]) -> str:
    """The picture's part of ``card_key``, without laying the card out."""
    if e.image is None:
        return "none"
    try:
        if pictures.is_figure(e.image):  # not drawn here: a narrow column's box needs its text
            return pictures.figure_key(e.image, ctx.theme.figure_colours, ctx.handout.languages,
                                       e.drawn_side)
        return _load(ctx, e, *box).key
    except pictures.PictureError:
        return "placeholder"


def _printed(e: HandoutExercise) -> str:
    """The exercise as printed, as it reads in a card's key: written once per exercise and
    dose (every patient with the exercise has an equal one), not once per card."""
    try:
        return _printed_kept(e)
    except TypeError:  # some value that cannot be a key
        return _printed_now(e)


def _printed_now(e: HandoutExercise) -> str:
    return repr({f.name: getattr(e, f.name) for f in fields(e) if f.name != "image"})


_printed_kept = functools.lru_cache(maxsize=1024)(_printed_now)


_theme_keys: dict[tuple, tuple] = {}


def _theme_key(t) -> tuple:
    """The theme's part of a card's key (its colours written once per theme)."""
    found = _theme_keys.get(t.key)
    if found is None:
        # a mirrored theme's cards are another look ("rtl" only there: a left-to-right
        # card's key, and the name of its shared form, stay as they were)
        found = (t.layout, t.page_size, t.primary.hexval(), t.accent.hexval(),
                 t.ink.hexval(), *(("rtl",) if t.rtl else ()))
        keep(_theme_keys, t.key, found, theme.THEMES)
    return found


def frozen_card(ctx: Context, e: HandoutExercise, width: float, kind: Hashable,
                box: tuple[float, float], build) -> Flowable:
    """A card laid out once per process for every patient who gets it (see frozen); its
    key is what ``card_key`` names, the picture's box, the card's kind and width, and the
    wording and theme object its text was set in."""
    t = ctx.theme
    rest = repr((_picture_key(ctx, e, box), ctx.handout.languages, *_theme_key(t)))
    content = f"({_printed(e)}, {rest[1:]}"  # repr((printed, *rest)), the printed part kept
    key = (kind, content, box, width, ctx.handout.wording, t.key)
    # shared by kind too: a card's head or continuation is not the whole card
    return laid_out(key, build, width, warnings=ctx.warnings,
                    share=repr((kind, content)) if ctx.share_cards else None)


def card(ctx: Context, e: HandoutExercise, width: float) -> Flowable:
    """One exercise (standard), laid out once per process (see frozen_card)."""
    t = ctx.theme
    return frozen_card(ctx, e, width, "card", (t.image_width, t.image_height),
                       lambda: card_table(ctx, e, width))


def card_table(ctx: Context, e: HandoutExercise, width: float,
          text_: list[Flowable] | None = None) -> Table:
    """One exercise (standard): picture, caption and dose beside the text (all of it, or
    ``text_``: the head of a card that continues on the next page)."""
    t = ctx.theme
    # the dose sits under the picture, where the column has room: the card is shorter
    # and two often fit on a page
    pictured = card_picture(ctx, e, t.image_width, t.image_height)
    left = [*pictured, *([Spacer(1, t.space.sm)] if pictured else []), dose_box(ctx, e)]
    table = Card([mirror.row(t, [left, text_ or card_text(ctx, e, with_dose=False)])],
                 colWidths=mirror.row(t, card_columns(ctx, width)), page_height=t.frame_height,
                 continued=continues(ctx, e))
    if ctx.share_cards and text_ is None:
        table.share = card_key(ctx, e, pictured[0] if pictured else None)
    return card_rule(table, t, bottom=t.space.sm)


def card_columns(ctx: Context, width: float) -> list[float]:
    """A standard card's picture column and text column (as a left-to-right page has them:
    mirror.row puts them in a mirrored page's order)."""
    t = ctx.theme
    return [t.image_width + 2 * t.space.sm, width - t.image_width - 2 * t.space.sm]


# a tighter card's picture box, as a share of a standard card's, largest first. Moving the
# dose under the title mostly saves the room a page needs, the picture kept whole; at 0.6 (as
# it was) a lying figure printed 1.1 inch wide, the towel under its knee barely seen
TIGHTER = (1.0, 0.8)


def tighter_cards(ctx: Context, e: HandoutExercise, width: float) -> list[Flowable]:
    """The same exercise set closer, the dose on a line under its title: what a page with
    not quite room enough for one more card sets instead (see CardRun); one for each
    picture size in ``TIGHTER``."""
    t = ctx.theme
    boxes = [(t.image_width * share, t.image_height * share) for share in TIGHTER]
    return [frozen_card(ctx, e, width, "compact", box,
                        functools.partial(compact_table, ctx, e, width, box)) for box in boxes]


def compact_card(ctx: Context, e: HandoutExercise, width: float) -> Flowable:
    """Compact, laid out once per process (see frozen_card)."""
    t = ctx.theme
    box = (t.image_width, t.image_height)
    return frozen_card(ctx, e, width, "compact", box, lambda: compact_table(ctx, e, width, box))


def compact_table(ctx: Context, e: HandoutExercise, width: float,
                  picture: tuple[float, float] | None = None,
                  text_: list[Flowable] | None = None,
                  beside: list[Flowable] | None = None) -> Table:
    """Compact: the same exercise in about two thirds of the height, so three or four share a
    page. A small picture beside the text; the dose on one bold tinted line under the title;
    the steps without their label (the numbers say what they are); a single caution runs on
    after its label, and the tips run on after theirs as one paragraph. Every step and every
    caution stays: they are what makes the exercise safe to do alone. (``text_``: the head
    of a card that continues on the next page; ``beside``: the text its picture's box is
    measured against, where not ``text_``: the whole card's, for a head given its picture.)"""
    t = ctx.theme
    pad = t.space.sm
    image_w, image_h = picture or (t.image_width, t.image_height)
    right = text_ or compact_text(ctx, e)
    compact = t.layout == "compact"  # else a standard page's tighter card (see CardRun)
    gap = pad if compact else 2 * pad
    # a narrow picture column: the picture may use the height of the text beside it
    pictured = picture_column(lambda w, h: card_picture(ctx, e, w, h), e.image,
                              (image_w, image_h), under_picture(ctx, e), beside or right,
                              width - image_w - gap - pad)
    if pictured:
        table = Card([mirror.row(t, [pictured, right])], page_height=t.frame_height,
                     colWidths=mirror.row(t, [image_w + gap, width - image_w - gap]),
                     continued=continues(ctx, e))
    else:  # no picture, no caption: the text has the card's width
        table = Card([[right]], colWidths=[width - pad], page_height=t.frame_height,
                     continued=continues(ctx, e, 0, 1))
    if ctx.share_cards and text_ is None:
        table.share = card_key(ctx, e, pictured[0] if pictured else None)
    return card_rule(table, t, bottom=t.space.xs, top=t.space.xs if compact else None)


def compact_text(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    """A compact card's text: title and purpose, the dose line, the steps, the note, the
    cautions and the tips."""
    out = [*title_and_purpose(ctx, e), dose_line(ctx, e), *progression(ctx, e),
           *numbered(ctx, e.steps, "item")]
    if e.note:
        out.append(run_in(ctx, "note_label", "label", e.note))
    cautions = run_in_list(ctx, "cautions_label", "warn_label", e.cautions, "!")
    # a caution run in after its label (a list of one) has it in its line
    out += [*cautions[:1], *labelled(ctx, cautions[1:], "cautions_label", "warn_label")]
    if e.tips and ctx.theme.layout == "compact":
        out += marked([run_on(ctx, "tips_label", "label", e.tips)], "tips")
    else:
        out += marked(run_in_list(ctx, "tips_label", "label", e.tips, "•"), "tips")
    return out


def title_and_purpose(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    """The title, and what the exercise is for run on after it in the body type where the
    handout has one language (a line saved); under it in two."""
    t = ctx.theme
    title = f'<font color="#{t.primary.hexval()[2:]}">{e.number}.</font> {esc(e.title)}'
    if len(ctx.handout.languages) > 1:
        return [ctx.p(title, "card_title"), ctx.p(esc(e.purpose), "purpose")]
    purpose = t.style("purpose")
    # " – ", or an ideographic space: its first character in the title's type, as ever
    gap = joins.between(ctx.handout.languages[0], "run_on")
    said_in = f'<font name="{purpose.fontName}" size="{purpose.fontSize}">'
    joined = f"{title}{gap[0]}{said_in}{gap[1:]}{esc(e.purpose)}</font>"
    if not gap.strip():
        return [ctx.p(joined, "card_title")]
    # where the lines break at the dash, what it is for starts the next line without it
    return [RunOn(joined, ctx.style("card_title"),
                  apart=f"{title}<br/>{said_in}{esc(e.purpose)}</font>", dash=gap.strip(),
                  said_in=purpose.fontName)]


def run_in(ctx: Context, label_key: str, label_style: str, item) -> Flowable:
    """``Be careful: Stop if it hurts more.`` as one line: the label in its colour, bold. A
    right-to-left note after a left-to-right label starts a line of its own, so it reads
    from the right margin (see paragraph.py), its full stops where its reader looks."""
    color = ctx.theme.style(label_style).textColor.hexval()[2:]
    said = ctx.label(label_key)
    colon, space = ctx.colon_markup()  # the leading language's, as the label is one
    label = f'<font color="#{color}"><b>{esc(said)}{colon}</b></font>'
    turns = rtl.starts_rtl(text.parts(item)[0]) != rtl.starts_rtl(said)
    return ctx.p(f"{label}{'<br/>' if turns else space}{esc(item)}", "item")


def run_in_list(ctx: Context, label_key: str, label_style: str, items, bullet) -> list:
    """A labelled list; a list of one runs on after its label, saving a line."""
    if not items:
        return []
    if len(items) == 1 and len(ctx.handout.languages) == 1:
        return [run_in(ctx, label_key, label_style, items[0])]
    return [ctx.p(esc(ctx.say(label_key)), label_style), *numbered(ctx, items, "item", bullet)]


def run_on(ctx: Context, label_key: str, label_style: str, items) -> Flowable:
    """``Tips: This helps most… It often helps…`` as one paragraph (one per language): the
    label in its colour, bold, and the items after it as sentences."""
    color = ctx.theme.style(label_style).textColor.hexval()[2:]
    label = ctx.say(label_key)
    per_language = []
    for i in range(len(ctx.handout.languages)):
        said = ctx.join((esc(text.part(item, i)) for item in items), "sentences", i)
        colon, space = ctx.colon_markup(i)
        per_language.append(f'<font color="#{color}"><b>{esc(text.part(label, i))}{colon}'
                            f"</b></font>{space}{said}")
    lead, *rest = per_language
    return ctx.p(lead + "".join(f"<br/>{QUIET[0]}{r}{QUIET[1]}" for r in rest), "item")


def card_rule(table: Table, t, *, bottom: float, top: float | None = None) -> Table:
    """A card's frame: a rule above it, text from the top, room under it."""
    mirror.set_style(t, table, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "LEFT"),  # a picture at the text's side, either way
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, t.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.sm if top is None else top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ])
    return table
