"""Keep the pictures a handout was made from, so that a reprint is the same PDF even after a
picture was changed.

pictures holds each picture once per content (its SHA-256); a library version names its
pictures in library_files (role picture or logo, the path, the SHA-256 as the text). Older
library versions name none: their reprints take today's pictures, as before.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pictures",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pictures")
