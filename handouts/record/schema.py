"""The record's tables as the newest migration leaves them (SQLAlchemy Core, no ORM).

The migrations in ``migrations/versions/`` create and change the tables; this module only
describes them for the queries. ``HEAD`` is the newest migration: a database at any other
revision is upgraded when it is opened (a test keeps the two in step).
"""

from __future__ import annotations

import sqlalchemy as sa

HEAD = "0006"


def known(revision: str) -> bool:
    """Whether this version's migrations know ``revision`` (each script is named after its
    own): a database at another was made by a newer version."""
    from pathlib import Path

    scripts = (Path(__file__).resolve().parent / "migrations" / "versions").glob("*.py")
    return revision in {script.name.split("_")[0] for script in scripts}

metadata = sa.MetaData()

patients = sa.Table(
    "patients", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    # the name folded (case, spacing, accents) so "rosa  diaz" finds Rosa Díaz; added by 0002
    sa.Column("name_key", sa.Text, index=True),
    sa.Column("dob", sa.Date),
    sa.Column("number", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# one row per visit: a new version whenever a patient's program changes
programs = sa.Table(
    "programs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("visit_date", sa.Date, nullable=False),
    sa.Column("therapist", sa.Text),
    sa.Column("yaml", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("patient_id", "version"),
)

# the library, clinic and translation files a handout was made from, once per content hash
libraries = sa.Table(
    "libraries", metadata,
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)

library_files = sa.Table(
    "library_files", metadata,
    sa.Column("library_hash", sa.String(64), sa.ForeignKey("libraries.hash"),
              primary_key=True),
    # library | translation | clinic | protocols | wording | picture | logo
    sa.Column("role", sa.String(16), primary_key=True),
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
)

# the pictures a library version names (its exercises' and the clinic's logo), once per
# content: library_files holds a row per picture (role picture or logo, its path as the
# library or clinic file names it, and its SHA-256 as the text); added by 0003
pictures = sa.Table(
    "pictures", metadata,
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)

# one row each time a handout was given: printed, downloaded, emailed or in a batch
handouts = sa.Table(
    "handouts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("handout_id", sa.String(16), nullable=False, index=True),
    sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id"), nullable=False),
    sa.Column("library_hash", sa.String(64), sa.ForeignKey("libraries.hash"), nullable=False),
    sa.Column("issued_at", sa.DateTime, nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("issued_by", sa.Text),
    # the PDF's SHA-256, so a reprint can say it is identical; added by 0002
    sa.Column("pdf_sha256", sa.String(64)),
)

# the SHA-256 of each PDF of a patient forgotten (no name, nothing readable), so that no
# clinic of a group records such a packet again from a folder that still holds it; added
# by 0005
forgotten_pdfs = sa.Table(
    "forgotten_pdfs", metadata,
    sa.Column("pdf_sha256", sa.String(64), primary_key=True),
)
