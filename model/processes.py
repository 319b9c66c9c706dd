"""Worker processes that end with the process that started them.

Used by every pool renja starts (documents in ``renja.app.batch``, a long PDF's pages in
``renja.extract.pdf``): a worker left behind by a killed run would hold memory and a core for
nothing.
"""

from __future__ import annotations

import os
import sys
import threading
import time

# How often a worker checks that its parent is still there (where the kernel cannot tell it).
WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` (the process that started it) ends.

    On Linux the kernel sends it SIGKILL when the parent dies (``PR_SET_PDEATHSIG``);
    everywhere, a thread checks every second that the parent is still its parent.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


__all__ = ["die_with_parent"]
