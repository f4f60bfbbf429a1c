"""The one place the web app's "Email to patient" button calls; the mailer (issue 4) plugs in here.

The button shows only when clinic.yaml has ``smtp:``. To wire it, replace the body of
``email_handout`` with a call to the mailer, e.g.::

    from ..mail_send import send_handout          # whatever issue 4 names it
    return send_handout(built, program, ws)       # returns "Sent to jane@example.com"

or pass ``send_email=`` to ``create_app``. Raise HandoutError for a problem the therapist
can fix (no address, the server refused); its lines are shown above the form.
"""

from __future__ import annotations

from ..build import Built, Workspace
from ..errors import HandoutError
from ..models import Program


def email_handout(ws: Workspace, program: Program, built: Built) -> str:
    """Send ``built.pdf`` to ``program.patient.email``; return one line to show the therapist."""
    raise HandoutError("email is not available in this version yet; download the PDF and "
                       "attach it, or print it")
