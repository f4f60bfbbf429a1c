"""The writers' turns, and the record's schema brought to this version's: created, upgraded
in place with Alembic (the SQLite file copied first), and looked at again in every
transaction, as another computer of a group may upgrade it meanwhile."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import copies, schema as t
from .journal import tell
from .where import Newer, Where

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def take_turn(conn: Connection) -> None:
    """Writers take turns, each in a transaction of its own: a writer looks for the rows it
    needs (the patient, the library version, its pictures) and adds those missing, and two
    at once would both add them (a patient twice; a library version's key twice, which
    fails). SQLite: its write lock at the start, not at the first insert; PostgreSQL: a
    lock of the transaction's own."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(4207152)"))
    elif conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def current(conn: Connection, keep: Where | None = None) -> None:
    """The database still at this version's schema, in this transaction. A group's computers
    share one database, and a web app runs for days: another computer's newer version may
    upgrade the database after this process opened it, and rows this version wrote there
    would be the old schema's (Newer: they wait in the pending journal, and every command
    says to update). Writers look after taking their turn, when no upgrade is under way."""
    if conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() != t.HEAD:
        upgrade(conn, keep=keep)  # an older one (last year's dump put back): again


def revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(conn: Connection, target: str = t.HEAD, *, keep: Where | None = None) -> None:
    """Create the tables, or bring an older database up to ``target``, in place; ``keep``:
    the record's place, whose SQLite file is copied first (``copies.before_upgrade``)."""
    found = revision(conn)
    if found == target:
        return
    # two computers opening a new (or older) database at once: one makes the tables while
    # the other waits its turn, then looks again
    take_turn(conn)
    found = revision(conn)
    if found == target:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if found is not None and found not in known:
        raise Newer(f"the record's database was made by a newer version of handouts "
                    f"(schema {found}); update handouts on this computer")
    made = copies.before_upgrade(keep, target) \
        if found is not None and keep is not None and keep.sqlite_file is not None else []
    command.upgrade(config, target)
    if made:
        tell(f"the record's database was upgraded from schema {found} to {target}; the "
             f"copy from before the upgrade is {' and '.join(map(str, made))}")
