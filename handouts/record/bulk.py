"""Rows a batch at a time: ids or names looked up some hundreds per query, and many rows
inserted in one statement, their new ids in order."""

from __future__ import annotations

from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_CHUNK = 500  # ids or names per IN (...): well under any database's limit on parameters


def chunks(values: Iterable) -> Iterable[list]:
    values = list(values)
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def insert_many(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement; their new ids, in order."""
    if not rows:
        return []
    query = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return [row.id for row in conn.execute(query, rows)]
