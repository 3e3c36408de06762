"""``ProgressCallback``: how long work reports how far it got — (done, total, what) — for a
progress dialog. (``Progress`` alone would say a task's progress update: services.plans.progress.)"""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]
