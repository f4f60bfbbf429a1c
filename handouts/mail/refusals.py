"""What a mail server's refusal, or a connection that failed, means: one line that says what
is wrong and what to do, and whether anything else can go through now. The password is
never part of one.

    raise refused(exc, "sender", smtp, size=len(data), limit=limit)
"""

from __future__ import annotations

import errno
import re
import smtplib
import socket
import ssl

from handouts import Smtp

PASSWORD_VARIABLE = "HANDOUTS_SMTP_PASSWORD"
# how a reason begins where the server said no to the address for good (RCPT TO's 5xx: "no
# such user"): trying again later will not send it, the address must be put right
RECIPIENT_REFUSED = "the server refused the recipient"
# how a reason begins where the message is over the server's size limit: sent again, the
# same message is refused the same way
TOO_BIG = ("the mail server refused the message as too big",
           "the message is too big for the mail server")
# and where the server refused the message itself for good (a 5xx at its end: its content,
# a policy), but for a full mailbox (5.2.2), which the patient may empty
MESSAGE_REFUSED = "the server did not accept the message"


class SendError(Exception):
    """Why a message did not go. ``fatal``: nothing else will go through with these settings
    now (server down, TLS or password refused), so the rest are not tried. ``uncertain``:
    the whole message was sent to the server, which then gave no answer (a dropped
    connection, a timeout), so it may have been delivered: it must not be sent again by
    itself."""

    def __init__(self, reason: str, *, fatal: bool = False, uncertain: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.fatal = fatal
        self.uncertain = uncertain


def address_refused(reason: str | None) -> bool:
    """Whether a message failed with ``reason`` because the server refused its recipient
    for good: sent again as it is, it fails again."""
    return (reason or "").startswith(f"{RECIPIENT_REFUSED} (")


def message_refused(reason: str | None) -> bool:
    """Whether a message failed with ``reason`` because the server refused the message
    itself for good (over its size limit; its content or a policy, a 5xx at its end; not
    a full mailbox): built and sent again as it is, it fails again."""
    reason = reason or ""
    return reason.startswith(TOO_BIG) or (reason.startswith(f"{MESSAGE_REFUSED} (5")
                                          and not re.search(r"\b5\.2\.2\b", reason))


def one_line(value: object, limit: int = 300) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def reply(exc: smtplib.SMTPResponseException) -> str:
    message = exc.smtp_error
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return one_line(f"{exc.smtp_code} {message}")


def amount(size: int) -> str:
    """``130 KB``, ``12.5 MB``: a message's size as a mail server's limit is usually given."""
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1e3))} KB"


def too_big(size: int, limit: int | None, answer: str | None = None) -> SendError:
    """One message over the server's limit: only it fails, the rest go."""
    what = f"{TOO_BIG[0]} ({answer})" if answer else TOO_BIG[1]
    most = f", and the server takes at most {amount(limit)}" if limit else ""
    return SendError(f"{what}: it is {amount(size)}{most}; ask whoever runs the clinic's "
                     "mail server to raise its limit, or email this handout with fewer or "
                     "smaller photos")


def _is_size(code: int, text: str) -> bool:
    # 552 is "exceeded storage allocation", a mailbox as well as a message: an enhanced code
    # (5.3.4 too big for the system, 5.2.3 over a size limit; 5.2.2 is a full mailbox)
    # says which where the server gives one
    found = re.match(r"\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b", text)
    if found:
        return found.group(1) in ("5.3.4", "5.2.3")
    return code == 552 or bool(re.search(r"\bsize\b|too (big|large)|too much mail", text,
                                         re.IGNORECASE))


def _temporary(code: int) -> bool:
    # RFC 5321's 4yz: "not now" (a provider's limit on messages a minute, greylisting, a busy
    # server), so neither the address nor clinic.yaml is to blame, and a later --retry sends
    return 400 <= code < 500


def refused(exc: smtplib.SMTPResponseException, step: str, smtp: Smtp, *, sender: str,
            size: int, limit: int | None) -> SendError:
    """The server's "no" to the sender (``step`` "sender", MAIL FROM), the recipient
    ("recipient", RCPT TO) or the message ("data")."""
    code, text = exc.smtp_code, reply(exc)
    if step != "recipient" and _is_size(code, text):
        # the limit the server offered, only where this message is over it
        return too_big(size, limit if limit and size > limit else None, text)
    if code == 530:  # "authentication required", or "must issue STARTTLS first"
        if re.search(r"tls", text, re.IGNORECASE):
            return SendError(f"the mail server wants a secure connection first ({text}); set "
                             "smtp: security: starttls (port 587) or ssl (port 465) in "
                             "clinic.yaml", fatal=True)
        if not smtp.username:
            return SendError(f"the mail server needs a login ({text}): add smtp: username: "
                             f"to clinic.yaml, and set {PASSWORD_VARIABLE} to its password",
                             fatal=True)
        return SendError(f"the mail server still asks for a login after signing in as "
                         f"{smtp.username} ({text}); check smtp: username and security in "
                         "clinic.yaml", fatal=True)
    if _temporary(code):
        # 421 closes the session, and a MAIL FROM put off puts off every message: the rest
        # wait too; a recipient or a message put off (greylisting) is that one's alone
        return SendError(f"the mail server asks to try again later ({text})",
                         fatal=code == 421 or step == "sender")
    if step == "recipient":
        return SendError(f"{RECIPIENT_REFUSED} ({text})")
    if step == "sender":
        return SendError(f"the server refused the sender address {sender} ({text}); check "
                         "smtp: from in clinic.yaml", fatal=True)
    return SendError(f"{MESSAGE_REFUSED} ({text})")


# the address a check for a way out asks the routing table for (TEST-NET-1 and IPv6's
# documentation prefix): connecting a UDP socket sends nothing, it only picks a route
_SOMEWHERE = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))
# what each system's resolver says for "no such name" (socket's own values on each: glibc's
# -2 and -5, macOS's 8 "nodename nor servname provided, or not known", Windows' 11001)
_NO_SUCH_NAME = {getattr(socket, code) for code in ("EAI_NONAME", "EAI_NODATA")
                 if hasattr(socket, code)}


def network_up() -> bool:
    """Whether this computer has a route out to the rest of the world at all (no packet is
    sent): a laptop with Wi-Fi off or no cable has none."""
    for family, address in _SOMEWHERE:
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((address, 9))
            return True
        except OSError:
            continue
    return False


def _offline(exc: Exception) -> bool:
    """Whether the system says there is no network to use: a name that cannot be looked up
    now (no DNS server answers: glibc's "Temporary failure in name resolution"), or no
    network at all. A name that is not there ("Name or service not known"), or a host with
    no route to it, is no such sign while this computer has a route out: the host in
    clinic.yaml may be mistyped, or that server down. Without one it is: macOS says "no
    such name" when it has no network to ask, and a laptop off its network has no route to
    an address it knew."""
    if isinstance(exc, socket.gaierror):
        return exc.errno == socket.EAI_AGAIN or (exc.errno in _NO_SUCH_NAME
                                                 and not network_up())
    if isinstance(exc, OSError) and exc.errno == errno.EHOSTUNREACH:
        return not network_up()
    return isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.ENETDOWN)


def explain(exc: Exception, smtp: Smtp) -> SendError:
    """One line for a failure to connect or sign in: what is wrong and what to do."""
    if isinstance(exc, SendError):
        return exc
    where = f"{smtp.host}:{smtp.port}"
    if isinstance(exc, smtplib.SMTPResponseException) and _temporary(exc.smtp_code):
        # a busy server's greeting, a sign-in it cannot check now (454): not a wrong password
        return SendError(f"the mail server {where} asks to try again later ({reply(exc)})",
                         fatal=True)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError(f"the server refused the user name or password ({reply(exc)}); "
                         f"check smtp: username in clinic.yaml and {PASSWORD_VARIABLE}",
                         fatal=True)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(f"the mail server {where} does not offer what is needed "
                         f"({one_line(exc)}); check smtp: security and port", fatal=True)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return SendError(f"the mail server's certificate is not trusted "
                         f"({one_line(exc.verify_message or exc)}); if the clinic has its "
                         "own certificate authority, set smtp: ca_file: in clinic.yaml",
                         fatal=True)
    if isinstance(exc, ssl.SSLError):
        return SendError(f"secure connection to {where} failed ({one_line(exc.reason or exc)}"
                         "); check smtp: security and port (starttls: 587, ssl: 465)",
                         fatal=True)
    if _offline(exc):
        # a laptop on a home visit, not a wrong setting: "check smtp: host" sent staff
        # into clinic.yaml for nothing
        what = (f'cannot look up the mail server "{smtp.host}"'
                if isinstance(exc, socket.gaierror) else f"cannot reach {where}")
        return SendError(f"this computer is not on a network now ({what}: "
                         f"{one_line(exc.strerror or exc)}); the message waits on this "
                         "computer: send it once it is online", fatal=True)
    if isinstance(exc, socket.gaierror):
        return SendError(f'cannot find the mail server "{smtp.host}" '
                         f"({one_line(exc.strerror or exc)}); check smtp: host in "
                         "clinic.yaml", fatal=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        return SendError(f"the mail server {where} said no ({reply(exc)})", fatal=True)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendError(f"the mail server {where} closed the connection "
                         f"({one_line(exc) or 'no reason given'})", fatal=True)
    if isinstance(exc, OSError):
        why = exc.strerror or type(exc).__name__
        if isinstance(exc, TimeoutError):
            why = "no answer in time"
        return SendError(f"cannot reach the mail server {where} ({one_line(why)}); check "
                         "smtp: host and port in clinic.yaml, or try later", fatal=True)
    return SendError(f"sending failed ({one_line(exc)})", fatal=True)
