#!/bin/sh
# Runs the Python binding's tests (python/tests) against $BUILD's
# libtacitus.so and models; ends with "python: N passed, N failed".
# Debian's python3 is preferred: scripts/deps.sh installs pandas for it.
BUILD=${BUILD:-build}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "python: 0 passed, 1 failed (no python3; run scripts/deps.sh)"
    exit 1
fi
export TACITUS_HOME="$PWD" TACITUS_LIB="$PWD/$BUILD/libtacitus.so" TACITUS_BUILD="$PWD/$BUILD"
export TACITUS_MODELS="${TACITUS_MODELS:-$PWD/build/models}"
case "$BUILD" in
build-san*)
    # an instrumented library needs its runtime loaded first; Python itself
    # is not instrumented, so leak reports would be about the interpreter
    asan=$(cc -print-file-name=libasan.so)
    ubsan=$(cc -print-file-name=libubsan.so)
    export LD_PRELOAD="$asan $ubsan" ASAN_OPTIONS=detect_leaks=0 TACITUS_SANITIZED=1
    ;;
esac
exec "$PY" python/tests/run.py
