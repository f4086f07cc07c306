"""tacitus from Python: the C engine through its shared library.

    import tacitus
    eng = tacitus.Engine()
    result = eng.code(text, date="2024-01-11")        # the CLI's JSON, as a dict
    for r in eng.code_many(articles, jobs=2): ...      # streaming, input order
    df = tacitus.events_frame(results)                 # pandas, one row per event
    print(eng.explain("US forces struck militia bases in Baghdad."))

Results are the same records `tacitus code` writes (docs/output.md).
"""
import ctypes
import json
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from . import _native
from ._native import LAYERS
from .frame import events_frame

__all__ = ["Engine", "TacitusError", "events_frame", "LAYERS"]
__version__ = "0.1.0"


class TacitusError(Exception):
    """An error reported by the C engine: message, status, and where (file,
    record counted from 1, byte offset; None when not applicable)."""

    def __init__(self, message, status=None, file=None, record=None, offset=None):
        self.message = message
        self.status = status
        self.file = file
        self.record = record
        self.offset = offset
        where = ":".join(str(x) for x in (file, record, offset) if x is not None)
        super().__init__(f"{where}: {message}" if where else message)

    @classmethod
    def _from(cls, err, status):
        return cls(err.message.decode("utf-8", "replace") or _native.STATUS_NAMES.get(status, "error"),
                   status=status,
                   file=err.file.decode("utf-8", "replace") or None,
                   record=err.record or None,
                   offset=err.offset if err.offset >= 0 else None)


def _b(s):
    if s is None:
        return None
    if isinstance(s, bytes):
        return s
    if isinstance(s, str):
        return s.encode("utf-8", "surrogatepass")
    raise TypeError(f"expected str or bytes, got {type(s).__name__}")


def _layers(spec):
    if isinstance(spec, int):
        return spec
    mask = 0
    for name in (spec or "").replace(" ", "").split(","):
        if not name:
            continue
        if name not in LAYERS:
            raise ValueError(f"unknown layer '{name}' (one of {', '.join(LAYERS)})")
        mask |= LAYERS[name]
    return mask


class Engine:
    """Loads the models and dictionaries once; share it between threads.

    models: folder with tagger.tacm, parser.tacm, ner.tacm (a missing model
    skips its layer); dictionaries: the data folder (dict/, cameo/, plover/,
    geo/). Both default to TACITUS_MODELS / TACITUS_DATA, then TACITUS_HOME,
    then the files bundled by `make python` or the checkout this package is in.
    """

    def __init__(self, models=None, dictionaries=None, library=None,
                 max_article_bytes=None, max_sentence_tokens=None, parse_candidates=False,
                 max_events_per_sentence=None):
        lib, models, data = _native.locate(library, models, dictionaries)
        self._L = _native.load(lib)
        self.models, self.dictionaries, self.library = models, data, lib
        opts = _native.Options()
        self._L.tac_options_init(ctypes.byref(opts))
        keep = [_b(models), _b(data)]   # alive until open returns
        if models:
            opts.model_dir = keep[0]
        if data:
            opts.data_dir = keep[1]
        if max_article_bytes is not None:
            opts.max_article_bytes = max_article_bytes
        if max_sentence_tokens is not None:
            opts.max_sentence_tokens = max_sentence_tokens
        if max_events_per_sentence is not None:
            opts.max_events_per_sentence = max_events_per_sentence
        opts.parse_candidates = 1 if parse_candidates else 0
        err = _native.Error()
        h = ctypes.c_void_p()
        st = self._L.tac_engine_open(ctypes.byref(opts), ctypes.byref(h), ctypes.byref(err))
        if st != _native.OK:
            raise TacitusError._from(err, st)
        self._h = h
        self._docs = []     # every doc made, freed by close()
        self._free = []     # docs not in use
        self._lock = threading.Lock()

    # A tac_doc holds one article at a time and is reused: a free list keeps
    # as many docs as there were concurrent callers, whatever the threads.
    def _acquire(self):
        with self._lock:
            if self._h is None:
                raise ValueError("engine is closed")
            if self._free:
                return self._free.pop()
        d = ctypes.c_void_p()
        if self._L.tac_doc_new(ctypes.byref(d)) != _native.OK:
            raise MemoryError("tacitus: out of memory")
        with self._lock:
            self._docs.append(d)
        return d

    def _release(self, d):
        with self._lock:
            self._free.append(d)

    def _article(self, text, date, id, title, source, url, origin, record):
        t = _b(text)
        if t is None:
            raise TypeError("text is required")
        fields = [t, _b(id), _b(title), _b(date), _b(source), _b(url), _b(origin)]
        a = _native.Article(id=fields[1], text=t, text_len=len(t), title=fields[2],
                            date=fields[3], source=fields[4], url=fields[5],
                            origin=fields[6] or b"<python>", record=record, warning=None)
        return a, fields

    def code_json(self, text, date=None, id=None, layers="", title=None, source=None,
                  url=None, origin=None, record=0):
        """Codes one article; returns the JSON line `tacitus code` writes for it."""
        if self._h is None:
            raise ValueError("engine is closed")
        mask = _layers(layers)
        a, _keep = self._article(text, date, id, title, source, url, origin, record)
        doc = self._acquire()
        err = _native.Error()
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        try:
            st = self._L.tac_engine_code(self._h, ctypes.byref(a), doc, ctypes.byref(err))
            if st == _native.OK:
                st = self._L.tac_doc_json(doc, mask, ctypes.byref(out), ctypes.byref(n),
                                          ctypes.byref(err))
        finally:
            self._release(doc)
        return self._take(out, n, st, err)

    def code(self, text, date=None, id=None, layers="", **meta):
        """Codes one article; returns its record as a dict (docs/output.md).
        meta: title, source, url."""
        return json.loads(self.code_json(text, date=date, id=id, layers=layers, **meta))

    def code_many(self, items, jobs=1, layers="", date=None):
        """Codes an iterable of articles, yielding results in input order as
        they are ready. An item is a str (the text) or a dict with "text" and
        optionally "date", "id", "title", "source", "url". jobs threads code
        in parallel (the C engine runs without the GIL); at most 4*jobs
        articles are in flight, so memory stays flat on long streams."""
        def one(k, item):
            if isinstance(item, dict):
                return self.code(item["text"], date=item.get("date", date), id=item.get("id"),
                                 layers=layers, title=item.get("title"),
                                 source=item.get("source"), url=item.get("url"),
                                 origin=item.get("origin"), record=k)
            return self.code(item, date=date, layers=layers, record=k)

        if jobs <= 1:
            for k, item in enumerate(items, 1):
                yield one(k, item)
            return
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            pending = deque()
            for k, item in enumerate(items, 1):
                pending.append(pool.submit(one, k, item))
                if len(pending) >= 4 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def explain(self, text, date=None, sentence=None):
        """Why the events of text were coded: tokens, tree, mentions, the
        patterns tried and the events, as `tacitus explain` prints it.
        sentence: explain only that sentence (from 0) of a longer text."""
        if self._h is None:
            raise ValueError("engine is closed")
        a, _keep = self._article(text, date, None, None, None, None, b"explain", 0)
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        err = _native.Error()
        st = self._L.tac_engine_explain_string(self._h, ctypes.byref(a),
                                               -1 if sentence is None else int(sentence),
                                               ctypes.byref(out), ctypes.byref(n),
                                               ctypes.byref(err))
        return self._take(out, n, st, err)

    def _take(self, out, n, st, err):
        """The C string out (n bytes) as str, freed; or the error raised."""
        if st != _native.OK:
            raise TacitusError._from(err, st)
        try:
            return ctypes.string_at(out, n.value).decode("utf-8")
        finally:
            self._L.tac_string_free(out)

    def close(self):
        """Frees the engine and the per-thread documents. Idempotent."""
        if getattr(self, "_h", None) is None:
            return
        with self._lock:
            for d in self._docs:
                self._L.tac_doc_free(d)
            self._docs = []
            self._free = []
        self._L.tac_engine_free(self._h)
        self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
