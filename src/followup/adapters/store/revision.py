"""What the store needs before SQLAlchemy is imported: schema revisions and URLs.

A test checks the revisions against the Alembic migrations directory.
"""

import re
from pathlib import Path

#: The Alembic revision this code expects.
HEAD_REVISION = "0003"

#: Every revision this code knows, oldest first. A database at any other revision was
#: written by a newer followup.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003")


def normalize_url(value: str) -> str:
    """A SQLAlchemy URL from what the user gave: a URL, or a path to a SQLite file."""
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we install; SQLAlchemy's default would be psycopg2.
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


#: user:password@ in a server URL; the password may hold unescaped "/" or "@", so it runs
#: to the last "@" before the query. SQLite URLs are paths and never hold a password.
_PASSWORD = re.compile(r"^(?!sqlite)([a-z][a-z0-9+.-]*://[^/@:?]*):[^?]*@", re.IGNORECASE)
#: libpq also takes the password as a query parameter.
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&]*", re.IGNORECASE)


def hide_password(url: str) -> str:
    """The URL with its password replaced by ``***``, for messages and `config show`."""
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD.sub(r"\1:***@", url))
