"""Send what waits in the outbox over SMTP: one connection for a whole batch.

    results = deliver(Outbox("outbox"), names, clinic.smtp, password, ca_root=clinic_dir)

Every message is checked against its record first (the recipient it was made for, its
handout id, its checksum), goes to sent/ only after the server accepted it, and stays in
pending/ with the reason otherwise. Certificates are verified (``ca_file`` adds a clinic's own
certificate authority). Errors become one line that says what is wrong and what to do; the
password is never part of one.
"""

from __future__ import annotations

import ipaddress
import re
import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Callable, Iterable

from handouts import HandoutError, Smtp
from handouts.mail.message import parse_address
from handouts.mail.outbox import Outbox, Record, digest
from handouts.mail.refusals import (RECIPIENT_REFUSED, SendError, explain, one_line, refused,
                                    too_big)

# a message whose patient ``forget`` is removing meanwhile: it waits for forget to withdraw it
FORGOTTEN = "not sent: its patient is being forgotten (make_handouts.py forget)"
# messages in a row that the server hangs up on before the rest are not tried: it is not
# one address it will not take, and each costs two new connections
DROPS_IN_A_ROW = 3


class _Tracked:
    """An SMTP client that knows how far a message got. ``handed_over``: its end (the lone
    ".") is on its way to the server, which from then on may deliver it whatever happens to
    the connection. ``cut_off``: the connection failed while it was being sent, before its
    end went, so the server cannot have it."""

    handed_over = False
    cut_off = False

    def data(self, msg: bytes):
        # smtplib's own data(), with the moment the message is handed over recorded
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        body = re.sub(rb"(?m)^\.", b"..", msg)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        try:
            self.send(body)
            # before its end goes: a Ctrl-C that comes as it is sent (or just after, before
            # the next line) must not take the message for one the server cannot have
            self.handed_over = True
            self.send(b".\r\n")
        except OSError:
            # sending failed, so the end's last byte (the "\n" after the ".") never left
            self.handed_over, self.cut_off = False, True
            raise
        return self.getreply()


class _SMTP(_Tracked, smtplib.SMTP):
    pass


class _SMTP_SSL(_Tracked, smtplib.SMTP_SSL):
    pass


@dataclass(frozen=True)
class Delivery:
    name: str
    recipient: str | None
    result: str  # "sent" | "failed" | "already sent" | "uncertain" | "skipped" (forgotten)
    reason: str | None = None
    record: Record | None = None
    untried: bool = False  # failed without being tried: an earlier one's reason stopped all


class Connection:
    """One SMTP session, opened on first use and reopened once if the server drops it."""

    def __init__(self, smtp: Smtp, password: str | None, *, ca_root: Path | None = None):
        self.smtp = smtp
        self.password = password
        self.ca_file = (Path(ca_root or ".") / smtp.ca_file) if smtp.ca_file else None
        self.client: smtplib.SMTP | None = None
        self.drops = 0  # messages in a row the server hung up on (see send)

    @property
    def where(self) -> str:
        return f"{self.smtp.host}:{self.smtp.port}"

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        # stopped (Ctrl-C, or a kill or closed terminal, which the shells turn into one):
        # what the outbox records of the message is settled already, and QUIT would wait
        # for a slow server's answer, up to smtp: timeout, before the process could end
        self.close(say_goodbye=kind is None or not issubclass(kind, KeyboardInterrupt))

    def close(self, *, say_goodbye: bool = True) -> None:
        """End the session: QUIT, or with ``say_goodbye`` False the socket just closed."""
        client, self.client = self.client, None
        if client is None:
            return
        if say_goodbye:
            try:
                client.quit()
                return
            except (smtplib.SMTPException, OSError):
                pass
        client.close()

    def open(self) -> None:
        s = self.smtp
        if s.username and self.password is None:
            raise SendError("the mail server needs a password: set HANDOUTS_SMTP_PASSWORD",
                            fatal=True)
        if s.security == "none" and not is_loopback(s.host):
            # without TLS anyone on the way reads the patients' handouts (and any password)
            raise SendError(f"security: none sends handouts unencrypted, so it is only for a "
                            f"relay on this computer (127.0.0.1 or ::1), not {s.host}; set "
                            "smtp: security: starttls (port 587) or ssl (port 465) in "
                            "clinic.yaml", fatal=True)
        try:
            self.client = self._connect(self._tls_context())
            if s.username:
                self.client.login(s.username, self.password)
        except BaseException as exc:
            if self.client is not None:
                self.client.close()
                self.client = None
            if isinstance(exc, Exception):
                raise explain(exc, self.smtp) from None
            raise

    def _tls_context(self) -> ssl.SSLContext | None:
        if self.smtp.security == "none":
            return None
        try:
            return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)
        except (OSError, ssl.SSLError) as exc:
            raise SendError(f"smtp: ca_file: cannot read {self.ca_file} as PEM certificates "
                            f"({one_line(getattr(exc, 'strerror', None) or exc)})",
                            fatal=True) from None

    def _connect(self, context: ssl.SSLContext | None) -> smtplib.SMTP:
        s = self.smtp
        if s.security == "ssl":
            return _SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        client = _SMTP(s.host, s.port, timeout=s.timeout)
        self.client = client  # so open() closes it if what follows fails
        client.ehlo()
        if s.security == "starttls":
            if not client.has_extn("starttls"):
                raise SendError(f"the mail server {self.where} does not offer STARTTLS; check "
                                "smtp: port (587 for starttls, 465 for ssl) in clinic.yaml",
                                fatal=True)
            client.starttls(context=context)
            client.ehlo()
        return client

    @property
    def handed_over(self) -> bool:
        """Whether the message being sent has reached the server in full."""
        return self.client is not None and self.client.handed_over

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        """Hand one message to the server; SendError if it was not accepted (``uncertain``
        if it reached the server but no answer came back)."""
        # in a row: a message that ends any other way (sent, refused, cut off, perhaps
        # delivered) shows the server does not hang up on every one
        drops, self.drops = self.drops, 0
        for attempt in (1, 2):
            if self.client is None:
                self.open()
            self.client.handed_over = self.client.cut_off = False
            limit = None
            try:
                self.client.ehlo_or_helo_if_needed()
                limit = self.size_limit()
                if limit and len(data) > limit:  # said before it is sent, not after
                    raise too_big(len(data), limit)
                rejected = self.client.sendmail(sender, [recipient], data)
            except smtplib.SMTPRecipientsRefused as exc:
                code, answer = next(iter(exc.recipients.values()), (0, b""))
                raise self._refused(smtplib.SMTPResponseException(code, answer), "recipient",
                                    sender, data, limit) from None
            except smtplib.SMTPSenderRefused as exc:
                raise self._refused(exc, "sender", sender, data, limit) from None
            except smtplib.SMTPDataError as exc:
                raise self._refused(exc, "data", sender, data, limit) from None
            except OSError as exc:  # smtplib's errors are OSErrors too
                handed_over = self.handed_over
                cut_off = self.client is not None and self.client.cut_off
                if self.client is not None:
                    self.client.close()
                self.client = None
                if handed_over:  # sending it again could give the patient two copies
                    raise SendError(unanswered(self.where, exc), uncertain=True) from None
                if cut_off:  # the server cannot have it: again once, on a new connection
                    if attempt == 2:
                        raise SendError(
                            f"the connection to the mail server {self.where} was lost while "
                            f"the message was being sent ({_why(exc)}), so it was not "
                            "delivered") from None
                    continue
                if not isinstance(exc, (smtplib.SMTPServerDisconnected, ConnectionError)):
                    raise explain(exc, self.smtp) from None
                # servers close idle or long sessions: reconnect once. Dropped again on a
                # new connection, it is this message the server will not take (a filter
                # that hangs up on one address): it alone fails, and the next goes on a
                # new connection, unless the server drops every one
                if attempt == 2:
                    self.drops = drops + 1
                    raise self._dropped(exc) from None
                continue
            if rejected:
                raise SendError(f"{RECIPIENT_REFUSED} ({rejected})")
            return

    def _dropped(self, exc: OSError) -> SendError:
        why = _said(exc, "no reason given")
        if self.drops >= DROPS_IN_A_ROW:
            return SendError(f"the mail server {self.where} hung up at each of the last "
                             f"{self.drops} messages ({why}), so the rest are not tried",
                             fatal=True)
        return SendError(f"the mail server {self.where} hung up twice when given this "
                         f"message ({why}), so it was not delivered")

    def size_limit(self) -> int | None:
        """The largest message the server takes, as its EHLO's SIZE says (None: no limit
        given; 0 is none)."""
        try:
            return int(self.client.esmtp_features.get("size", "").split()[0]) or None
        except (IndexError, ValueError):
            return None

    def _refused(self, exc, step: str, sender: str, data: bytes, limit: int | None
                 ) -> SendError:
        return refused(exc, step, self.smtp, sender=sender, size=len(data), limit=limit)


def unanswered(where: str, exc: OSError) -> str:
    """Why a message may have been delivered: the server had all of it, then no reply."""
    return (f"the mail server {where} took the whole message but did not answer "
            f"({_said(exc, 'the connection was lost')})")


def _said(exc: OSError, otherwise: str) -> str:
    """What went wrong, to go in brackets in a sentence: "connection unexpectedly closed"."""
    why = one_line(exc) or otherwise
    return why[:1].lower() + why[1:]


def _why(exc: OSError) -> str:
    # smtplib reports a failed send as "Server not connected"; what failed is underneath
    cause = exc.__context__ if isinstance(exc.__context__, OSError) else exc
    return one_line(cause.strerror or cause) or "connection lost"


def is_loopback(host: str) -> bool:
    """A literal loopback address (127.0.0.0/8, ::1); a name, even "localhost", is not: it
    is only as trustworthy as whatever resolves it."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_recipient(data: bytes, record: Record) -> str | None:
    """Why this .eml must not go to ``record.recipient``, or None: it must be the very file
    that was queued, addressed only to the patient of the handout that made it."""
    if digest(data) != record.sha256:
        return ("the message was changed after it was queued, so its recipient cannot be "
                "trusted; queue the handout again")
    headers = BytesParser(policy=policy.default).parsebytes(data, headersonly=True)
    addresses = [a.addr_spec.casefold() for key in ("To", "Cc", "Bcc")
                 for header in headers.get_all(key, []) for a in header.addresses]
    if addresses != [record.recipient.casefold()]:
        return (f"the message is addressed to {', '.join(addresses) or 'nobody'}, not only to "
                f"its patient's address {record.recipient}; queue the handout again")
    if str(headers.get("X-Handout-Id", "")) != record.handout_id:
        return (f"the message is for handout {headers.get('X-Handout-Id')}, not "
                f"{record.handout_id}; queue the handout again")
    return None


def _uncertain(outbox: Outbox, name: str, record: Record, reason: str) -> Delivery:
    record = outbox.mark_uncertain(name, record, reason)
    return Delivery(name, record.recipient, "uncertain", reason, record)


def deliver(outbox: Outbox, names: Iterable[str], smtp: Smtp, password: str | None, *,
            ca_root: Path | None = None,
            progress: Callable[[Delivery], None] | None = None) -> list[Delivery]:
    """Send each named pending message, once, through one connection. The caller holds
    ``outbox.locked()``. Returns one Delivery per name, in order."""
    sender = parse_address(smtp.from_)[1]
    results: list[Delivery] = []
    stop: str | None = None  # a fatal reason: the rest are not tried
    with Connection(smtp, password, ca_root=ca_root) as connection:
        for name in names:
            result, fatal = _deliver_one(outbox, name, connection, sender, stop)
            stop = stop or fatal
            results.append(result)
            progress and progress(result)
    return results


def _deliver_one(outbox: Outbox, name: str, connection: Connection, sender: str,
                 stop: str | None) -> tuple[Delivery, str | None]:
    """The Delivery, and the reason if nothing more can go through (else None)."""
    if outbox.is_sent(name):
        record = outbox.readable(name, outbox.pending) or outbox.readable(name, outbox.sent)
        if (outbox.pending / f"{name}.eml").exists():
            outbox.drop_duplicate(name, record)
        return Delivery(name, record.recipient if record else None, "already sent",
                        record=record), None
    try:
        record = outbox.record(name)
        data = outbox.message(name)
    except (HandoutError, OSError) as exc:
        # one file that cannot be read is this message's problem, not the others': it is
        # left where it is for a person to look at
        reason = ("not in the outbox any more" if isinstance(exc, FileNotFoundError) else
                  str(exc) if isinstance(exc, HandoutError) else
                  f"{outbox.pending / name}.eml: cannot be read ({exc.strerror or exc})")
        record = outbox.readable(name, outbox.pending)
        outbox.audit("failed", record, reason=reason, file=f"{name}.eml")
        return Delivery(name, record.recipient if record else None, "failed", reason,
                        record), None
    if record is None:
        reason = (f"pending/{name}.json, its record, is missing, so its recipient cannot be "
                  "checked; queue the handout again")
        outbox.audit("failed", reason=reason, file=f"{name}.eml")
        return Delivery(name, None, "failed", reason), None
    if record.sending:
        reason = "an earlier run stopped while sending it"
        return _uncertain(outbox, name, record, reason), None
    reason = check_recipient(data, record)
    if reason is None and outbox.being_forgotten(record.patient):  # as late as can be
        outbox.audit("skipped", record, reason=FORGOTTEN, file=f"{name}.eml")
        return Delivery(name, record.recipient, "skipped", FORGOTTEN, record), None
    fatal = untried = False
    if reason is None and stop:
        reason, untried = stop, True
    if reason is None:
        record = outbox.mark_sending(name, record)
        try:
            connection.send(sender, record.recipient, data)
        except SendError as exc:
            if exc.uncertain:
                # forget, begun while it was sent, tells the user it may have gone
                outbox.went_while_forgotten(record.patient, "uncertain", record.handout_id)
                return _uncertain(outbox, name, record, exc.reason), None
            reason, fatal = exc.reason, exc.fatal
        except BaseException:  # Ctrl-C: pending again, unless the server has it already
            if connection.handed_over:
                outbox.went_while_forgotten(record.patient, "uncertain", record.handout_id)
                _uncertain(outbox, name, record, "stopped while the server was answering")
            else:
                outbox.unmark_sending(name, record)
            raise
    if reason is not None:
        record = outbox.mark_failed(name, record, reason)
        return (Delivery(name, record.recipient, "failed", reason, record, untried),
                reason if fatal else None)
    outbox.went_while_forgotten(record.patient, "sent", record.handout_id)
    headers = BytesParser(policy=policy.default).parsebytes(data, headersonly=True)
    record = outbox.mark_sent(name, record, message_id=headers.get("Message-ID"))
    return Delivery(name, record.recipient, "sent", record=record), None
