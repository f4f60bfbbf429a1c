"""Keep in the record the checksums of the PDFs of the patients forgotten.

A clinic's forget kept them in its own records folder only, so in a group's shared record
another clinic's batch, run again over a folder that still held a forgotten patient's
packet, recorded it again as a run that had been stopped would have: the patient was back
for every clinic. forgotten_pdfs holds each such SHA-256 (no name, nothing readable).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forgotten_pdfs",
        sa.Column("pdf_sha256", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("forgotten_pdfs")
