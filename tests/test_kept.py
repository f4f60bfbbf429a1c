"""The per-process caches' bound: at most so many entries, the oldest given up first, also
when the web app's threads add at once."""

from __future__ import annotations

import threading

from handouts.kept import keep


def test_a_full_cache_gives_up_its_oldest_entry():
    kept: dict = {}
    for i in range(5):
        keep(kept, i, str(i), 3)
    assert kept == {2: "2", 3: "3", 4: "4"}
    keep(kept, 3, "again", 3)  # a key it has is replaced, nothing given up
    assert kept == {2: "2", 3: "again", 4: "4"}


def test_threads_adding_at_once_keep_the_bound():
    kept: dict = {}
    failures = []

    def add(thread: int) -> None:
        try:
            for i in range(3000):
                keep(kept, (thread, i), i, 50)
        except Exception as exc:  # a lost race: KeyError, or a dict changed while read
            failures.append(exc)

    threads = [threading.Thread(target=add, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures and len(kept) == 50
