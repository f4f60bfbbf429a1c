"""The editor's addresses. Every button posts the whole form to ``/program``; the answer is
a redirect to the draft's own page, ``/d/<id>`` (Post/Redirect/Get: Back and Reload never
post again), or the PDF itself for Download. With JavaScript, app.js makes the same requests
with fetch and swaps in only the parts of the page that changed."""

from __future__ import annotations

import secrets

from flask import (Blueprint, abort, current_app, redirect, render_template, request,
                   session, url_for)

from handouts.web import (actions, catalog, editor, held_email, issue, picker, resend_email,
                          security, weeks_on)
from handouts.web import draft as drafts
from handouts.web.draft import Draft
from handouts.web.staff_words import page_said as said
from handouts.web.store import Entry, Outcome

bp = Blueprint("web", __name__)

PUBLIC_ENDPOINTS = ("web.login", "static", "web.clinic_css", "web.logo")
EDITS = ("add", "up", "down", "move", "remove", "undo", "stage_add", "stage_remove")
ISSUES = ("build", "download", "email", "save", "save_protocol")


def settings():
    return current_app.extensions["handouts"]


def owner() -> str:
    """A random value in this browser's signed session: drafts are bound to it."""
    if "owner" not in session:
        session["owner"] = secrets.token_urlsafe(12)
    return session["owner"]


def require_sign_in():
    if not settings().password or request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if session.get("signed_in"):
        return None
    if request.method in security.SAFE_METHODS:
        return redirect(url_for("web.login"))
    abort(403)


@bp.route("/login", methods=["GET", "POST"])
def login():
    password = settings().password
    if not password:
        return redirect(url_for("web.start"))
    wrong = False
    if request.method == "POST":
        if security.password_matches(request.form.get("password", ""), password):
            session.clear()
            session["signed_in"] = True
            return redirect(url_for("web.start"))
        wrong = True
    return render_template("login.html", wrong=wrong), 401 if wrong else 200


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("web.login"))


def search_terms() -> catalog.Finding:
    return catalog.Finding.asked(request.values)


@bp.get("/")
def start():
    # a new program prints in the clinic's language (clinic.yaml's language:) until changed
    fresh = Draft(language=", ".join(settings().ws.clinic.language))
    return editor.render(Entry(owner(), fresh, finding=search_terms()), None)


@bp.get("/program")
def program_page():
    return redirect(url_for("web.start"))


def keep(entry: Entry, anchor: str = ""):
    """Store the draft and send the browser to its page (303: the next request is a GET)."""
    seen = request.form.get("draft_revision", "")
    ident = settings().drafts.put(request.form.get("draft_id"), entry,
                                  int(seen) if seen.isdigit() else None)
    return redirect(url_for("web.page", ident=ident, _anchor=anchor or None), 303)


@bp.post("/program")
def program():
    """Every button of the editor posts here, naming itself in ``action``."""
    lib = settings().ws.library
    draft = drafts.from_form(request.form, lib)
    entry = Entry(owner(), draft, finding=search_terms())
    action, _, arg = request.form.get("action", "refresh").partition(":")
    carried = weeks_on.carried(request.form.get("undo", "")) if action == "undo" else None
    if carried is not None:  # a carry's Undo: weeks_on's to put back
        try:
            entry.outcome = weeks_on.undo(draft, carried, lib)
        except actions.Refused:
            abort(400)
    elif action in EDITS:
        try:
            entry.outcome = actions.edit(draft, action, arg, lib, request.form.get("undo", ""))
        except actions.Refused:
            abort(400)
    elif action == "carry_on":
        try:
            entry.outcome = weeks_on.carry_on(draft, arg, lib, settings().ws.today())
        except actions.Refused:
            abort(400)
    elif action == "email_confirm":  # an email held for a mistyped-looking address: as typed
        if not held_email.NAME.fullmatch(arg):
            abort(400)
        entry.outcome = held_email.confirm(arg)
    elif action == "email_withdraw":  # an earlier one held so: its address is wrong
        if not held_email.NAME.fullmatch(arg):
            abort(400)
        entry.outcome = held_email.withdraw(arg)
    elif action == "email_resend":  # one that may have been sent: the patient says it did not
        if not held_email.NAME.fullmatch(arg):
            abort(400)
        entry.outcome = resend_email.send_again(arg)
    elif action == "protocol":
        entry.outcome = issue.start_from_protocol(draft, request.form.get("protocol", ""))
    elif action in ISSUES:
        answer = issue.finish(entry, action)
        if answer is not None:
            return answer
    elif action == "show_all":
        rest = picker.first_of_the_rest(settings().cards, entry.finding,
                                        [item.id for item in draft.items],
                                        picker.favourites(request.cookies))
        entry.finding = entry.finding.showing_all()
        entry.outcome = Outcome(focus=f"add-{rest}" if rest else "")
    elif action not in ("refresh", "search"):
        abort(400)
    # without JavaScript the browser scrolls to (and focuses) the anchor: the first problem,
    # or the place the result is shown
    return keep(entry, editor.focus_target(draft, entry.outcome) or entry.outcome.where)


@bp.get("/d/<ident>")
def page(ident: str):
    entry = settings().drafts.get(ident, owner())
    if entry is None:
        return render_template(
            "error.html", title=said("draft_gone"), text=said("draft_gone_text")), 404
    status = 422 if entry.outcome.errors or entry.outcome.general else 200
    answer = editor.render(entry, ident, status)
    entry.outcome = Outcome()  # shown once: Reload shows the program, not the old message
    return answer


@bp.get("/d/<ident>/<key>/handout.pdf")
def handout_pdf(ident: str, key: str):
    """The handout the last Build made of this draft (the very bytes that were recorded),
    while that build is the draft's last: ``key`` names it."""
    entry = settings().drafts.get(ident, owner())
    if entry is None:
        abort(404)
    if entry.pdf is None or key != entry.pdf_key:
        return render_template(
            "error.html", title=said("pdf_gone"), text=said("pdf_gone_text")), 404
    return security.pdf_response(entry.pdf, entry.filename)
