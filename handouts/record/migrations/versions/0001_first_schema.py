"""The first schema: patients, their program versions, the library texts, handouts issued.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("dob", sa.Date),
        sa.Column("number", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("visit_date", sa.Date, nullable=False),
        sa.Column("therapist", sa.Text),
        sa.Column("yaml", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("patient_id", "version"),
    )
    op.create_table(
        "libraries",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "library_files",
        sa.Column("library_hash", sa.String(64), sa.ForeignKey("libraries.hash"),
                  primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "handouts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("handout_id", sa.String(16), nullable=False),
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id"), nullable=False),
        sa.Column("library_hash", sa.String(64), sa.ForeignKey("libraries.hash"),
                  nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("issued_by", sa.Text),
    )
    op.create_index("ix_handouts_handout_id", "handouts", ["handout_id"])


def downgrade() -> None:
    for table in ("handouts", "library_files", "libraries", "programs", "patients"):
        op.drop_table(table)
