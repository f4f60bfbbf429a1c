"""Alembic's entry point: the record runs migrations itself, on the connection it opened
(see upgrading.upgrade); there is no alembic.ini and no set-up step."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
