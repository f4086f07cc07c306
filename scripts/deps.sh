#!/bin/sh
# Installs the Debian packages tacitus needs to build, test and fuzz.
# Idempotent and quick when everything is present; says what is missing
# and how to install it when it cannot do it itself.
set -eu

PKGS="gcc make libutf8proc-dev libjansson-dev libxml2-dev zlib1g-dev libsqlite3-dev libmicrohttpd-dev python3 python3-jsonschema python3-pandas chromium clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "deps: all packages present"
    exit 0
fi

echo "deps: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "deps: need root to install:$missing" >&2
        echo "deps: run: sudo apt-get install -y$missing" >&2
        exit 1
    fi
else
    SUDO=""
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: no apt-get here; install these packages (Debian names):$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q $missing >/dev/null 2>&1; then
    $SUDO apt-get update -q >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    if ! $SUDO apt-get install -y -q $missing; then
        echo "deps: apt-get could not install:$missing" >&2
        exit 1
    fi
fi
echo "deps: done"
