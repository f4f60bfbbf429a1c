"""A patient's (or caregiver's) email address as the tool takes it in: ``refusal``, the one
rule of what is an address a handout can be emailed to, which the program's model (so
``check``, ``build``, a roster's rows and the web app's forms) and the mail code before a
message is queued both ask, so that nothing ``check`` passes is skipped by ``email``; and
``meant``, the address a likely typo of a very common provider's domain was meant to be
(``bo@gmial.com``: ``bo@gmail.com``)."""

from __future__ import annotations

import re
import unicodedata

# one plain address: no group (a:b@c;), comment, quoting, route or encoded word (=?...?=),
# each of which can make a mail program read another recipient than the one shown
_ADDRESS_CHARACTER = r'[^@\s<>,;:()\[\]\\"]'
_EMAIL = re.compile(rf"^{_ADDRESS_CHARACTER}+@{_ADDRESS_CHARACTER}+\.{_ADDRESS_CHARACTER}+$")


def refusal(value: str, *, later: bool = True) -> str | None:
    """Why ``value`` is no address a handout can be sent to, in one clause; None if it is
    one. ``later``: the rules of 7 December 2026 too (``later_rules``' "email_address"),
    which the mail code always asks: a character that does not show, a letter outside A-Z
    (no SMTPUTF8), a dot at either end of a part or two together, each of which the mail
    program's parser refuses, so that the message was skipped after ``check`` passed it."""
    if "=?" in value or not _EMAIL.match(value):
        return f'"{value}" is not an email address' + _hint(value)
    if not later:
        return None
    unseen = next((c for c in value if unicodedata.category(c) in ("Cf", "Cc")), None)
    if unseen is not None:
        shown = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc")
                        else c for c in value)
        return (f'"{shown}" has the character U+{ord(unseen):04X} in it, which does not '
                "show; remove it")
    if not value.isascii():
        letter = next(c for c in value if not c.isascii())
        return (f'"{value}" has "{letter}" in it, a letter outside A-Z, which handouts are '
                "not emailed to: check the address with the patient")
    local, _, domain = value.rpartition("@")
    for part, what in ((local, "before the @"), (domain, "after the @")):
        if part.startswith(".") or part.endswith("."):
            fixed = f"{local.strip('.')}@{domain.strip('.')}"
            end = "start" if part.startswith(".") else "end"
            return (f'"{value}" has a dot at the {end} of the part {what}; write it without: '
                    f'"{fixed}"')
        if ".." in part:
            return f'"{value}" has two dots together {what}: check it'
    # what no mail server takes: a server refused them only once the message was sent
    if len(local) > 64:
        return (f'"{value}" has {len(local)} characters before the @, where an address has '
                "at most 64: check it")
    if "_" in domain:
        return f'"{value}" has "_" after the @, which no domain has: check it'
    if any(label.startswith("-") or label.endswith("-") for label in domain.split(".")):
        return (f'"{value}" has a "-" at the start or end of a part after the @, which no '
                "domain has: check it")
    return None


def _hint(value: str) -> str:
    """What to write for an address as a mail program copies it ("Jane Doe
    <jane@example.com>", "mailto:jane@example.com") or for two in one cell: the address
    alone, as it is never guessed which one is meant to be sent to."""
    found = [a for a in re.split(r"[\s,;<>]+", value.removeprefix("mailto:"))
             if _EMAIL.match(a) and "=?" not in a]
    if len(found) > 1:
        return f"; it holds {len(found)}: write the one the handout goes to alone"
    if len(found) == 1 and found[0] != value:
        if f"<{found[0]}>" in value or value.startswith("mailto:"):
            return f'; write the address alone: "{found[0]}"'
        # "ann example@example.test": a space typed in the address, or a name beside it;
        # which is never guessed ("example@example.test" is another person's)
        return ("; an address has no space in it: write it whole, or alone where a name is "
                "written beside it")
    return ' (e.g. "jane@example.com")'


# Only the providers most patients' addresses are at, whose misspellings no one has an
# address at; a short name (aol, me, msn, live) is one letter from too many real domains,
# and so is a real provider from one of these: those are never called typos
_PROVIDERS = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com",
              "example.com")
_REAL = frozenset({"mail.com", "email.com", "ymail.com", "gmx.com", "cloud.com",
                   "examples.com"})
# a top-level domain one slip off .com ("con", "cmo", "co", "comm": a letter left out, added,
# changed or two swapped; or .com typed twice), on those providers alone (.co is Colombia's,
# and a small business's own domain may well be there)


def meant(address: str, own: tuple[str, ...] = ()) -> str | None:
    """The address ``address`` was likely meant to be, where its domain is one letter off
    (left out, one more, another, or two swapped) a very common provider's, under any
    subdomain (``mail.gmial.com``), or the provider's with a top-level domain one slip off
    .com (``gmail.ocm``, ``gmail.com.com``); None otherwise, and for a domain in ``own``
    (the clinic's: its staff's addresses are never called typos)."""
    local, at, domain = address.rpartition("@")
    domain = domain.casefold()
    if not at or domain in _PROVIDERS or domain in _REAL or domain in own:
        return None
    doubled = domain.endswith(".com.com")
    labels = domain.removesuffix(".com" if doubled else "").split(".")
    if len(labels) < 2:
        return None
    name, top = labels[-2], labels[-1]
    for provider in _PROVIDERS:
        label = provider.removesuffix(".com")
        if doubled and name == label:
            return f"{local}@{provider}"
        if (name == label and top != "com" and _one_edit(top, "com")) or (
                top == "com" and _one_edit(name, label)):
            return f"{local}@{provider}"
    return None


def _one_edit(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one letter left out, added or changed, or two
    next to each other swapped."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        differ = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and typed[differ[0]] == word[differ[1]]
                                    and typed[differ[1]] == word[differ[0]])
    short, long = sorted((typed, word), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def clinic_addresses(clinic) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """The ``clinic``'s own addresses (``email``, ``smtp: from``): each with its key's path
    in clinic.yaml, as written, and bare ("Front Desk <desk@example.com>": desk@...)."""
    return tuple((path, written, written.strip(" >").rpartition("<")[2])
                 for path, written in ((("email",), clinic.email),
                                       (("smtp", "from"), clinic.smtp and clinic.smtp.from_))
                 if written)


def clinic_domains(clinic) -> tuple[str, ...]:
    """The domains of the ``clinic``'s own addresses, which ``meant`` never calls typos:
    its staff's, or a family member's at work."""
    return tuple(bare.rpartition("@")[2].casefold() for _, _, bare in clinic_addresses(clinic))


def mistyped(patient, clinic) -> tuple[str, ...]:
    """A warning for each address of ``patient`` (``Patient``) that ``meant`` takes for a
    typo, by its key."""
    own = clinic_domains(clinic)
    out = []
    for key in ("email", "caregiver_email"):
        value = getattr(patient, key)
        likely = meant(value, own) if value else None
        if likely:
            out.append(f"patient.{key}: {looks_mistyped(value, likely)} Check it with the "
                       "patient before the handout is emailed")
    return tuple(out)


def looks_mistyped(address: str, likely: str) -> str:
    """What is said of ``address``, ``likely`` what ``meant`` takes it for: the same words
    wherever it is said, so that the mail code, which holds its message, can leave out the
    build's warning that says no more."""
    return f'"{address}" looks mistyped: did you mean {likely}?'
