"""ctypes declarations of libtacitus (include/tacitus.h) and how to find it.

Only the C library's public API is used, so the binding codes with the very
engine the command line uses. ctypes releases the GIL during each foreign
call, so threads coding with one shared engine run in parallel.
"""
import ctypes
import os

# tac_status values (include/tacitus.h)
OK = 0
END = 1
STATUS_NAMES = {
    -1: "out of memory", -2: "I/O error", -3: "invalid argument", -4: "parse error",
    -5: "limit exceeded", -6: "bad format", -7: "internal error",
}

LAYERS = {"sentences": 1, "tokens": 2, "tags": 4, "parse": 8, "ner": 16, "mentions": 32}


class Error(ctypes.Structure):
    _fields_ = [
        ("status", ctypes.c_int),
        ("message", ctypes.c_char * 512),
        ("file", ctypes.c_char * 512),
        ("record", ctypes.c_longlong),
        ("offset", ctypes.c_longlong),
    ]


class Article(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_char_p),
        ("text", ctypes.c_char_p),
        ("text_len", ctypes.c_size_t),
        ("title", ctypes.c_char_p),
        ("date", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("url", ctypes.c_char_p),
        ("origin", ctypes.c_char_p),
        ("record", ctypes.c_longlong),
        ("warning", ctypes.c_char_p),
    ]


class Options(ctypes.Structure):
    _fields_ = [
        ("data_dir", ctypes.c_char_p),
        ("model_dir", ctypes.c_char_p),
        ("max_article_bytes", ctypes.c_size_t),
        ("max_sentence_tokens", ctypes.c_int),
        ("stages", ctypes.c_uint),
        ("parse_candidates", ctypes.c_int),
        ("max_events_per_sentence", ctypes.c_int),
    ]


def _home_candidates():
    """Directories that may hold the library, models and data, in order."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    if os.environ.get("TACITUS_HOME"):
        out.append(os.environ["TACITUS_HOME"])
    out.append(os.path.join(here, "_bundle"))          # staged by `make python`
    out.append(os.path.normpath(os.path.join(here, "..", "..")))  # a source checkout
    return out


def _first(paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    return None


def locate(lib=None, models=None, data=None):
    """Returns (library, models, data) paths: explicit arguments first, then
    TACITUS_LIB / TACITUS_MODELS / TACITUS_DATA, then TACITUS_HOME, the
    package's bundle and the source checkout it sits in."""
    homes = _home_candidates()
    lib = lib or os.environ.get("TACITUS_LIB") or _first(
        [os.path.join(h, "build", "libtacitus.so") for h in homes]
        + [os.path.join(h, "lib", "libtacitus.so") for h in homes])
    models = models or os.environ.get("TACITUS_MODELS") or _first(
        [os.path.join(h, "build", "models") for h in homes]
        + [os.path.join(h, "models") for h in homes])
    data = data or os.environ.get("TACITUS_DATA") or _first(
        [os.path.join(h, "data") for h in homes])
    if not lib:
        raise ImportError(
            "tacitus: libtacitus.so not found; build it with `make`, or set TACITUS_HOME to "
            "the checkout (or TACITUS_LIB to the library). Looked in: " + ", ".join(homes))
    return lib, models, data


_lib = None


def load(path):
    """Loads libtacitus once per process and declares its functions."""
    global _lib
    if _lib is not None:
        return _lib
    L = ctypes.CDLL(path)
    P, E = ctypes.c_void_p, ctypes.POINTER(Error)
    sig = {
        "tac_options_init": (None, [ctypes.POINTER(Options)]),
        "tac_engine_open": (ctypes.c_int, [ctypes.POINTER(Options), ctypes.POINTER(P), E]),
        "tac_engine_free": (None, [P]),
        "tac_engine_layers": (ctypes.c_uint, [P]),
        "tac_doc_new": (ctypes.c_int, [ctypes.POINTER(P)]),
        "tac_doc_free": (None, [P]),
        "tac_engine_code": (ctypes.c_int, [P, ctypes.POINTER(Article), P, E]),
        "tac_doc_json": (ctypes.c_int, [P, ctypes.c_uint, ctypes.POINTER(P),
                                        ctypes.POINTER(ctypes.c_size_t), E]),
        "tac_engine_explain_string": (ctypes.c_int, [P, ctypes.POINTER(Article), ctypes.c_long,
                                                     ctypes.POINTER(P),
                                                     ctypes.POINTER(ctypes.c_size_t), E]),
        "tac_string_free": (None, [P]),
        "tac_status_name": (ctypes.c_char_p, [ctypes.c_int]),
        "tac_options_size": (ctypes.c_size_t, []),
        "tac_article_size": (ctypes.c_size_t, []),
    }
    for name, (res, args) in sig.items():
        f = getattr(L, name)
        f.restype = res
        f.argtypes = args
    # a struct that grew in C but not here would be written past its end
    for name, cls in (("tac_options", Options), ("tac_article", Article)):
        want = getattr(L, name + "_size")()
        if want != ctypes.sizeof(cls):
            raise ImportError(f"tacitus: {path} has struct {name} of {want} bytes, this package "
                              f"expects {ctypes.sizeof(cls)}: library and package are from "
                              f"different versions")
    _lib = L
    return L
