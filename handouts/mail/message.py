"""A built handout → an email message to its patient, or to the caregiver it names (a
child's parent), greeted by name and told whose it is. Pure: nothing is sent or written here.

    message = compose(built.handout, built.pdf, built.filename, sender=sender(clinic))

The wording comes from ``words/templates/<language>/email.txt`` and ``email.html`` (and the subject
from ``strings.yaml``), so a translation adds templates, not code. The email says no more than
it must: a greeting, each exercise with its dose, the clinic's contact details, and the
emergency number where the handout's safety box says to call it (not the box's signs). The
protocol, education topics and notes stay in the attached PDF, since they can name a condition;
so do the exercises where the PDF is locked with a password, or where the clinic says so
(``email_lists_exercises: false``: a pelvic-health clinic's titles name one).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email import message_from_string, policy
from email.utils import format_datetime, make_msgid

from markupsafe import Markup

from handouts import (Clinic, Handout, HandoutError, Location, Problem, address_refusal,
                      caregiver_first_name, clinic_time, emergency_called,
                      join_words, part, phrase,
                      phrase_to_reader, render_wording, wording, writes_right_to_left)


@dataclass(frozen=True)
class Glance:
    """One line of *the program at a glance*: an exercise and its dose."""

    title: str
    dose: str


def parse_address(value: str) -> tuple[str, str]:
    """``"Clinic <desk@example.com>"`` → ``("Clinic", "desk@example.com")``; raises ValueError
    unless it is exactly one plain ASCII address (no SMTPUTF8 needed). A group
    (``team:a@x.com;``) or an encoded word (``=?utf-8?...?=``) is refused: either could make
    the address a mail program reads differ from the one written."""
    one = ValueError(f'"{value}" is not one email address (e.g. "jane@example.com")')
    if "=?" in value:
        raise one
    problem = address_refusal(value)
    if problem and not address_refusal(value, later=False):  # told as check tells it
        raise ValueError(problem)
    try:
        header = policy.default.header_factory("To", value)
        groups, addresses, defects = header.groups, header.addresses, header.defects
    except Exception:  # the parser's own errors are not part of its interface
        raise one from None
    if len(groups) != 1 or groups[0].display_name is not None or len(addresses) != 1 \
            or defects:
        raise one
    name, addr = addresses[0].display_name, addresses[0].addr_spec
    problem = address_refusal(addr)
    if problem:
        raise ValueError(problem)
    return name, addr


def sender(clinic: Clinic, *, source: str | None = None, language: str = "") -> Address:
    """The From address: ``smtp.from`` (or the clinic's ``email``), named after the clinic
    (in ``language``, the handout's, where clinic.yaml gives its name in it) where the
    address has no name of its own."""
    key, value = ("smtp.from", clinic.smtp.from_) if clinic.smtp else ("email", clinic.email)
    if not value:
        raise HandoutError(Problem(Location(source), "no address to send from: add smtp: with "
                                   "from: (or email:) to clinic.yaml"))
    try:
        name, addr = parse_address(value)
    except ValueError as exc:
        raise HandoutError(Problem(Location(source, None, key), str(exc))) from None
    return _address(name or clinic.name_in(language), addr)


NO_PATIENT_ADDRESS = ("no email address for this patient: add patient: email: to the program "
                      "(or an email column to the roster)")
# one reason for every such handout, so that a roster's many are one line (run_summary)
NO_CAREGIVER_ADDRESS = (
    "no email address for the caregiver this handout is given to: add patient: "
    "caregiver_email: to the program (or a \"caregiver email\" column to the roster); the "
    "patient's own address is not used for a caregiver's handout")


def address_of(patient) -> str | None:
    """Where a program's ``patient`` (``Patient``) has their handout sent, as written: the
    caregiver's own address where it is given to one (None where there is none: the
    patient's is not theirs), else the patient's."""
    return patient.caregiver_email if patient.caregiver else patient.email


def recipient(handout: Handout) -> str:
    """The address the handout goes to (``address_of``); HandoutError (one line, how to fix
    it) if missing or malformed. A caregiver's handout with only the patient's address is
    refused: the address may be the patient's own (an adult whose spouse helps), who would
    get words written to someone else while the caregiver got nothing, or, in a file older
    than ``caregiver_email``, a parent's; which, no one but the clinic can say."""
    address = handout.caregiver_email if handout.caregiver else handout.patient_email
    if not address:
        raise HandoutError(NO_CAREGIVER_ADDRESS if handout.caregiver else NO_PATIENT_ADDRESS)
    try:
        return parse_address(address)[1]
    except ValueError as exc:
        raise HandoutError(str(exc)) from None


def glance(handout: Handout, index: int = 0) -> list[Glance]:
    """Each exercise and its dose, in the handout's first (or ``index``-th) language: how
    much, then *How often:* and how often, as a card's dose line says them. Unlabelled,
    "Repeat 3 times · 2 times a day" read as one count beside another. With weekly stages,
    how much is in them: the first stage, as page 1 says it (the email said how often
    alone, no hold or count at all)."""
    language, words = handout.languages[index], handout.wording
    colon = wording(language, words).get("label_colon", ": ")
    label = phrase(language, "often_label", words) + colon
    later = phrase(language, "progression_more", words)
    lines = []
    for e in handout.exercises:
        stages = [f"{part(weeks, index)}{colon}{part(what, index)}"
                  for weeks, what in e.stages[:1]]
        stages += [later] if len(e.progression) > 1 else []
        much = join_words(language, [*(part(p, index) for p in e.dose_parts), *stages])
        often = label + part(e.first_often or e.often, index)  # no table under it here
        lines.append(Glance(part(e.title, index), join_words(language, [much, often], "sentences")))
    return lines


def _written(language: str, words) -> dict[str, str]:
    """How the HTML part marks a language (``lang``, ``dir``): a clinic that copies the
    package's templates for a language of its own gets them right without editing them."""
    return {"lang": language,
            "direction": "rtl" if writes_right_to_left(language, words) else "ltr"}


# stand for values while a wording is filled in, and are replaced by them after: the
# wording is kept filled in for the process (text.phrase), a patient's name must not be
# kept with it, and the HTML part puts a link around the phone
_HERE, _FIRST = "\ue000", "\ue001"


# the email's log sentence where the log has a number to write or the clinic's own rows
_WRITTEN = {"email_log": "email_log_write", "email_log_caregiver": "email_log_write_caregiver"}


def _said(language: str, words, patient: str, phone: str, emergency: str | None,
          writes: bool = False) -> dict:
    """The email's sentences that its language's wording says, so a locale's words are the
    email's too (en-GB's "tick off", "Call us on"): ``say(key)``, asked only by a template
    that prints it (a clinic's own, copied before a key was added, does not), the patient
    named as a caregiver's handout's words name them (``first_name``: "Mia" for "Lopez,
    Mia"; the whole ``name``); ``call``, the phone line (``safety_call``, as page 1
    has it) in the parts around the phone; ``emergency``, the number the handout's safety box
    tells the patient to call (``email_emergency``), None where it names none. Where the
    log asks for numbers to write (``writes``), its sentence says to fill it in, not check
    it off (``email_log_write``), in a language whose wording has those words."""
    def say(key: str) -> str:
        if writes and key in _WRITTEN and _WRITTEN[key] in wording(language, words):
            key = _WRITTEN[key]
        said = phrase(language, key, words, name=_HERE, first_name=_FIRST,
                      emergency=emergency or "")
        return said.replace(_HERE, patient or "").replace(
            _FIRST, caregiver_first_name(patient) if patient else "")
    return {"say": say, "emergency": emergency,
            "call": phrase(language, "safety_call", words, phone=_HERE).split(_HERE)}


def compose(handout: Handout, pdf: bytes, filename: str, *, sender: Address,
            reply_to: str | None = None, protected: bool = False,
            now: dt.datetime | None = None) -> EmailMessage:
    """The message: From the clinic, To the patient (or the caregiver the handout names), a
    plain-text and an HTML body, the PDF attached as ``filename``. ``protected`` says the
    PDF needs the password the clinic gave."""
    to = recipient(handout)
    lang = handout.language
    clinic = handout.clinic
    words = handout.wording
    # a locked PDF keeps its exercises from whoever opens it: the body must not list them
    listed = clinic.email_lists_exercises and not protected
    writes = handout.log_writes
    # a bilingual handout's email says everything in each language, the leading one first
    contexts = [dict(
        patient=handout.patient_name, caregiver=handout.caregiver,
        clinic=_ClinicIn(clinic, language),
        therapist=handout.therapist,
        date=phrase(language, "date_long", words, date=handout.date,
                    months=wording(language, words)["months"]),
        exercises=glance(handout, index) if listed else [], protected=protected,
        handout_id=handout.handout_id,
        # "with a picture" only where every card has one: a library of words alone has none
        pictures=all(e.image for e in handout.exercises),
        # the clinic's words for them ("programme" in Ireland)
        title=phrase(language, "document_title", words),
        at_a_glance=phrase_to_reader(language, "at_a_glance", words, handout.patient_name,
                                     handout.caregiver),
        filename=filename, color=clinic.colors.readable().primary, **_written(language, words),
        # the safety box's call to the emergency number, in the email's own words: its
        # signs stay in the PDF, as they can name a condition ("chest pain")
        **_said(language, words, handout.patient_name, clinic.phone, emergency_called(handout),
                writes), log_writes=writes)
        for index, language in enumerate(handout.languages)]
    plain = "\n\n\u2014\u2014\u2014\n\n".join(
        render_wording(language, "email.txt", words, **context).strip("\n")
        for language, context in zip(handout.languages, contexts))
    bodies = [Markup(render_wording(language, "email_body.html", words, **context))
              for language, context in zip(handout.languages, contexts)]
    message = EmailMessage()
    # a caregiver's is not "Your" program; neither names the patient, as a subject shows
    # on a locked phone
    subject = "email_subject_caregiver" if handout.caregiver else "email_subject"
    _set_subject(message, " / ".join(dict.fromkeys(
        phrase(language, subject, words, clinic=clinic.name_in(language))
        for language in handout.languages)))
    message["From"] = sender
    message["To"] = _address(handout.caregiver or handout.patient_name, to)
    if reply_to or clinic.email:
        message["Reply-To"] = reply_to or clinic.email
    # the moment it was written, as the clinic's clock shows it (clinic.yaml's timezone: a
    # server in UTC would otherwise date a California clinic's evening email "+0000")
    message["Date"] = format_datetime(clinic_time(now or dt.datetime.now(dt.timezone.utc),
                                                  clinic.timezone))
    message["Message-ID"] = make_msgid(domain=sender.domain)
    message["X-Handout-Id"] = handout.handout_id
    # quoted-printable keeps every line 7-bit, so no server needs 8BITMIME
    message.set_content(plain + "\n", cte="quoted-printable")
    message.add_alternative(render_wording(lang, "email.html", words, bodies=bodies,
                                           title=phrase(lang, "document_title", words),
                                           **_written(lang, words)) + "\n",
                            subtype="html", cte="quoted-printable")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    # after set_content, which drops Content-* headers
    message["Content-Language"] = ", ".join(handout.languages)
    return message


def _set_subject(message: EmailMessage, subject: str) -> None:
    """The subject as the standard library folds it, where that reads back as written; else
    encoded whole (``Header``: its spaces inside the encoded words), lines kept short. The
    library puts the space of a fold between two encoded words, where a mail program drops
    it (CPython gh-144156): a Hindi patient's subject read "आपके घरपर करने के व्यायाम"."""
    folded = policy.SMTP.fold("Subject", subject)
    if message_from_string(folded, policy=policy.default)["Subject"] == subject:
        message["Subject"] = subject
    else:
        message.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())


def protect_pdf(pdf: bytes, password: str) -> bytes:
    """The same PDF, encrypted with AES-256: it opens only with ``password``."""
    import pypdf

    if not password:
        raise HandoutError("the PDF password is empty; choose one to give the patient")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    writer.pdf_header = b"%PDF-1.7"  # AES-256 (revision 6) came with PDF 1.7's extension 8
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _ClinicIn:
    """The clinic as the email in one language names it: its name and address in that
    language (else the library's), every other key as clinic.yaml gives it, for the
    templates (a clinic's own may name any)."""

    def __init__(self, clinic: Clinic, language: str):
        self._clinic = clinic
        self.name = clinic.name_in(language)
        self.address = clinic.address_in(language)

    def __getattr__(self, key: str):
        return getattr(self._clinic, key)


def _address(name: str, addr: str) -> Address:
    local, _, domain = addr.rpartition("@")
    # a name is shown, never read as mail syntax: the email package would decode an encoded
    # word in it ("=?utf-8?b?...?=" → "Bcc: eve@example.org") into the header itself, and a
    # line break cannot be in a header at all; the handout still has the whole name
    if "=?" in name or "\n" in name or "\r" in name:
        name = ""
    return Address(display_name=name or "", username=local, domain=domain)
