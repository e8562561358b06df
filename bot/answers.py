"""Answers to the same question kept by a worker while the meetings behind them are unchanged.

Most of the questions a chat bot gets at one time are the same few ("ประชุมล่าสุด" after a digest, the
rich menu's examples), and making an answer (reading the question, the search, the carousel) is most
of a worker's CPU. Only answers that are the same in every chat are kept (handlers.dispatch
.shared_question), under the query text, the page, today's date in TIMEZONE and the data revision
read with the event's claim; any write to an article or a meeting, by any process, changes that
revision (store.models.DataRevision), so the next answer is made afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from handlers.replies import Message

MAX_ANSWERS = 256


@dataclass(frozen=True)
class AnswerKey:
    """What a shared answer depends on, and nothing else."""

    question: str  # handlers.intent.query_text of a message, or a "ดูเพิ่ม" postback's query
    page: int
    today: date
    data_revision: int


class AnswerCache:
    """The last MAX_ANSWERS answers, shared by a worker's threads; the kept messages are never changed."""

    def __init__(self, size: int = MAX_ANSWERS) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._answers: OrderedDict[AnswerKey, list[Message]] = OrderedDict()
        self._lock = threading.Lock()

    def answer(self, key: AnswerKey, make: Callable[[], list[Message]]) -> list[Message]:
        """The kept answer for `key`, or `make()`'s, then kept (two threads may both make a new one)."""
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
                self.hits += 1
                return kept
            self.misses += 1
        made = make()
        with self._lock:
            self._answers[key] = made
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return made

    def hit_rate(self) -> str:
        asked = self.hits + self.misses
        return f"{self.hits} of {asked} ({100 * self.hits / asked:.1f}%)" if asked else "none asked"
