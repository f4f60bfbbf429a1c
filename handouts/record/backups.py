"""The record's copies as the shells ask for them: the day's backup and its folder, a copy
put back (``restore``), and whose record a copy is. The copying itself is ``copies``."""

from __future__ import annotations

import handouts as api
from handouts.errors import HandoutError


def backup_warnings(ws: api.Workspace) -> tuple[str, ...]:
    """What ``check`` says of clinic.yaml's ``backup_folder``: where it cannot be used now."""
    from .copies import not_there

    if not ws.clinic.backup_folder:
        return ()
    try:
        held = _open(ws)
    except HandoutError as exc:  # a database_url that is not one
        return (str(exc),)
    folder = held.where.backup_folder
    if held.where.sqlite_file is None:
        return (f"{ws.clinic_path}: backup_folder: not used, as the record is kept in "
                f"{held.where.shown}; back that up with pg_dump",)
    if not folder.is_dir():
        return (f"{ws.clinic_path}: backup_folder: {not_there(folder)}; the day's copy is "
                "made there once it is",)
    return ()


def backup(ws: api.Workspace, to=None):
    """A checked copy of the record's SQLite database in ``to`` (default: clinic.yaml's
    backup_folder, else the backups folder beside the database); its path. A PostgreSQL
    record is the server's to back up: a HandoutError says so."""
    from .copies import backup as copy_of

    return copy_of(_open(ws).where, to)


def other_clinic(ws: api.Workspace, copy) -> str | None:
    """Another clinic whose record ``copy`` is, as a person tells it from this one (a
    branch of the same name by its ``site:``, ``Place.told_from``), to ask before
    ``restore`` puts it in place of this one's; None if it is this clinic's, or it cannot
    tell."""
    from .copies import clinic_of
    from .group import here

    found = clinic_of(copy)
    return found.told_from(here(ws)) if found else None


def check_copy(ws: api.Workspace, copy) -> None:
    """A one-line HandoutError if ``restore`` could not put ``copy`` back (a folder, no
    such file, damaged, not a record, the record itself, a PostgreSQL record): said before
    anyone is asked whether to replace the record, not after they answered yes."""
    from .copies import can_restore

    can_restore(_open(ws).where, copy)


def restore(ws: api.Workspace, copy):
    """Put a copy made by ``backup`` (or a daily one) back as the record's database; what
    it holds and where the database it replaced was kept (``copies.Restored``)."""
    from .copies import restore as put_back

    return put_back(_open(ws).where, copy)


def _open(ws: api.Workspace):
    from .store import Record

    return Record.of(ws.clinic_path, ws.clinic)
