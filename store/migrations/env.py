"""Alembic environment: the schema is `SQLModel.metadata`; the engine comes from store.migrate."""

from alembic import context
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)
from store.search import include_object

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")


def run() -> None:
    if connection is None:
        context.configure(
            url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
