"""The record's commands away from the office: where the database cannot be reached,
``find`` and ``reprint`` take a handout made on this computer meanwhile from the pending
journal, and every read says, with why, what to do instead."""

from __future__ import annotations

import functools

import click

from handouts import HandoutError

WAITS = ("not yet in the record: it waits on this computer (records/pending.json) until the "
         "record can be reached")


def said_away(fn):
    """A read of the record that cannot reach it says what to do, not only why."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from handouts import record

        try:
            return fn(*args, **kwargs)
        except record.Away as away:
            raise HandoutError(away_line(away)) from None

    return wrapper


def away_line(away: BaseException, *, handout_id: str | None = None) -> str:
    """The one line for a read the database out of reach stopped: why, then what to do."""
    what = click.get_current_context().info_name
    here = (f"; only the handouts made on this computer since can be found, and none is "
            f"{handout_id}" if handout_id else "")
    return (f"the record cannot be reached, so {what} cannot read it ({away}){here}: run it "
            "where the record can be reached; before a day away, export the programs to "
            "start from (export PATIENT --last) and build from those files")


def find(ws, handout_id: str):
    """Every time the handout was given, from the record, or (out of reach) from the
    pending journal; and a line to say where it was found not yet recorded, else None."""
    from handouts import record

    try:
        return record.find(ws, handout_id), None
    except record.Away as away:
        found = record.find_waiting(ws, handout_id)
        if not found:
            raise HandoutError(away_line(away, handout_id=handout_id)) from None
        return found, WAITS


def reprint(ws, handout_id: str):
    """The handout made again from the record, or (out of reach) from the pending journal;
    and a line to say where it was found not yet recorded, else None."""
    from handouts import record

    try:
        return record.reprint(ws, handout_id), None
    except record.Away as away:
        try:
            return record.reprint_waiting(ws, handout_id), WAITS
        except record.NotInRecord:
            raise HandoutError(away_line(away, handout_id=handout_id)) from None
