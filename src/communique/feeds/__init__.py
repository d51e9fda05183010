"""Following RSS and Atom feeds into the store (``communique watch``).

``http`` fetches politely and safely, ``parse`` reads feeds with feedparser, ``state``
keeps what was seen in the store, ``watch`` runs one cycle, ``follow`` the loop.
"""

from .follow import follow, parse_duration, read_feed_list
from .watch import FeedReport, Watcher

__all__ = ["FeedReport", "Watcher", "follow", "parse_duration", "read_feed_list"]
