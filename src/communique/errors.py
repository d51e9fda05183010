"""The exception tree. Every error communique raises on purpose is a CommuniqueError.

Each class carries a stable machine-readable ``code`` (it becomes ``error.code`` in a
document) and its message says what the user can do about it.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class: anything communique raises deliberately."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class UsageError(CommuniqueError):
    """The caller asked for something impossible (bad option, unknown stage or suite)."""

    code = "usage"


class ConfigError(UsageError):
    """A configuration value or user data file is wrong."""

    code = "config"


class InputError(CommuniqueError):
    """One input article could not be read or parsed; the batch goes on."""

    code = "bad_input"


class EmptyInputError(InputError):
    code = "empty"


class EncodingError(InputError):
    code = "encoding"


class TooLargeError(InputError):
    code = "too_large"


class MissingInputError(InputError):
    code = "not_found"


class UnsupportedLanguageError(InputError):
    """The article is not in English, the only language the pipeline codes."""

    code = "unsupported_language"


class StageError(CommuniqueError):
    """A pipeline stage failed on one document."""

    code = "stage_failed"


class DataFileError(CommuniqueError):
    """A packaged or user-supplied data file (lexicon, ontology, KB) is malformed."""

    code = "data_file"


class StoreError(CommuniqueError):
    """The embedded store cannot be opened, read or written."""

    code = "store"


class StoreCorruptError(StoreError):
    code = "store_corrupt"


class EvaluationError(CommuniqueError):
    """An evaluation suite cannot run on the given files."""

    code = "evaluation"


class FetchError(CommuniqueError):
    """A feed or article page could not be fetched (network, HTTP status, size, redirects)."""

    code = "fetch_failed"


class FeedError(FetchError):
    """A fetched feed is neither RSS nor Atom."""

    code = "bad_feed"
