"""`Suggester`: autocomplete over one backend's index, built in memory, rebuilt in the background when it changes.

The first build starts with the server (`start`), or at the first request, which waits for it. Afterwards a
request at most every `refresh_s` seconds starts a background check of the index's version (the backend's
`generation()` token, which changes with every write on every backend); when it changed, the vocabulary is rebuilt
from `iter_products` while the old one keeps answering, and then swapped in. So that a catalog under constant
updates does not keep a core busy rebuilding, checks are spaced by at least `BUILD_SPACING` times the last build's
duration.

The same pass builds query analysis's catalog lexicon (`search.analysis.lexicon`: the catalog's words for typo
tolerance, its pinyin lexicon) when a `lexicon_builder` is given: `lexicon` is the latest one, swapped in with the
suggestions. Suggestions correct a mistyped word against it when nothing starts with what was typed.

A process that searches but rarely completes (`haitao search`, an evaluation run) passes `suggestions=False`: a
build then makes the lexicon only, and the suggestion vocabulary is made the first time `suggest` is called
(searches that find nothing ask it for "did you mean"), from the build's catalog pass if it made one. The lexicon
builder is given the index version and the catalog pass to run when it needs it: it may answer from a cache of
that version without reading the catalog (the service's, `search.service`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from search.analysis.glossary import Glossary
from search.analysis.lexicon import CatalogLexicon
from search.backends.base import BackendUnavailable, SearchBackend
from search.suggest.index import SuggestIndex, Suggestion
from search.suggest.scan import CatalogScan
from search.suggest.vocabulary import candidates_of, scan_catalog

# (the index version, the catalog pass: made when first called) → the catalog lexicon
LexiconBuilder = Callable[[object, Callable[[], CatalogScan]], CatalogLexicon]

log = logging.getLogger(__name__)
BUILD_SPACING = 4  # at most a fifth of the time spent rebuilding
FIRST_BUILD_WAIT_S = 120.0  # how long a request waits for the first build before answering 503


@dataclass(frozen=True)
class BuildReport:
    products_version: object  # the index version it was built from (see `Suggester.version`)
    candidates: int
    keys: int
    seconds: float


class Suggester:
    def __init__(
        self,
        backend: SearchBackend,
        glossary: Glossary,
        refresh_s: float = 30.0,
        lexicon_builder: LexiconBuilder | None = None,
        suggestions: bool = True,
    ) -> None:
        self._backend = backend
        self._suggestions = suggestions  # build the vocabulary with every build (else on the first `suggest`)
        self._scan: CatalogScan | None = None  # the last build's catalog pass (if made), while no vocabulary is
        self._glossary = glossary
        self._refresh_s = refresh_s
        self._lexicon_builder = lexicon_builder
        self._index: SuggestIndex | None = None
        self._lexicon: CatalogLexicon | None = None
        self.last_build: BuildReport | None = None
        self._error: str | None = None
        self._attempted = threading.Event()  # a first build finished, well or not
        self._build_lock = threading.Lock()  # one build at a time
        self._worker_lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._next_check = 0.0  # time.monotonic() of the next version check

    def start(self) -> None:
        """Build in the background now (the server calls this at startup)."""
        self._check_in_background(force=True)

    def suggest(self, text: str, size: int) -> list[Suggestion]:
        """Completions of `text`, best first; raises `BackendUnavailable` while no vocabulary could be built."""
        self._check_in_background()
        index = self._index
        if index is None:
            self._attempted.wait(FIRST_BUILD_WAIT_S)
            index = self._index if self._suggestions else self._index_on_demand()
            if index is None:
                reason = self._error or "the vocabulary is still being built"
                raise BackendUnavailable(f"suggestions are not available yet: {reason}")
        return index.complete(text, size, self._lexicon)

    @property
    def lexicon(self) -> CatalogLexicon | None:
        """The catalog lexicon of the latest build; None before the first one (or without a builder)."""
        return self._lexicon

    def wait_for_lexicon(self, timeout_s: float = FIRST_BUILD_WAIT_S) -> CatalogLexicon | None:
        """The catalog lexicon, waiting for the first build when none has finished yet (searches need the same
        lexicon every time to give the same results; the first build starts at the first call)."""
        if self._lexicon is None and self._lexicon_builder is not None:
            self._check_in_background()
            self._attempted.wait(timeout_s)
        return self._lexicon

    def refresh(self, force: bool = False) -> bool:
        """Rebuild now if the index changed since the last build (or `force`); True when rebuilt."""
        with self._build_lock:
            version = self.version()
            if not force and self.last_build is not None and self.last_build.products_version == version:
                return False
            started = time.perf_counter()
            scans: list[CatalogScan] = []

            def scan() -> CatalogScan:
                if not scans:
                    scans.append(scan_catalog(self._backend.iter_products(), self._glossary))
                return scans[0]

            index = SuggestIndex(candidates_of(scan(), self._glossary)) if self._suggestions else None
            lexicon = self._lexicon_builder(version, scan) if self._lexicon_builder is not None else None
            seconds = time.perf_counter() - started
            self._index, self._lexicon = index, lexicon
            self._scan = scans[0] if index is None and scans else None
            candidates, keys = (len(index), index.key_count) if index is not None else (0, 0)
            self.last_build = BuildReport(version, candidates, keys, seconds)
            self._error = None
            self._next_check = time.monotonic() + max(self._refresh_s, BUILD_SPACING * seconds)
        log.info("suggestions built: %d candidates in %.1f s", candidates, seconds)
        return True

    def _index_on_demand(self) -> SuggestIndex | None:
        """The vocabulary, made now (`suggestions=False`): from the last build's catalog pass, or a new one when
        its lexicon came from a cache."""
        with self._build_lock:
            if self._index is None and self.last_build is not None:
                scan = self._scan or scan_catalog(self._backend.iter_products(), self._glossary)
                self._index = SuggestIndex(candidates_of(scan, self._glossary))
                self._scan = None
            return self._index

    def version(self) -> object:
        """What identifies the index content: the backend's generation token."""
        return self._backend.generation()

    def _check_in_background(self, force: bool = False) -> None:
        if not force and time.monotonic() < self._next_check:
            return
        with self._worker_lock:
            if self._worker is not None and self._worker.is_alive():
                return
            self._next_check = time.monotonic() + self._refresh_s
            self._worker = threading.Thread(target=self._refresh_logged, name="suggest-refresh", daemon=True)
            self._worker.start()

    def _refresh_logged(self) -> None:
        try:
            self.refresh()
        except Exception as exc:  # a backend down, a broken record: keep the old vocabulary, retry later
            self._error = str(exc)
            log.warning("suggestions could not be rebuilt (retrying in %.0f s): %s", self._refresh_s, exc)
        finally:
            self._attempted.set()
