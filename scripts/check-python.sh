#!/bin/sh
# Check the interpreter before `make` builds anything, and drop a .venv another one made.
# Usage: sh scripts/check-python.sh PYTHON VENV
# Plain sh and a probe any Python can run, so that even a wrong Python gets a clear message.
python=$1
venv=$2
need="3.11"
probe='import sys; print("%d.%d.%d %s" % (sys.version_info[0], sys.version_info[1], sys.version_info[2], getattr(sys, "base_prefix", sys.prefix)))'
if ! found=$("$python" -c "$probe" 2>/dev/null); then
    echo "cxacq needs Python $need or later, but '$python' cannot be run." >&2
    echo "Install Python $need or later, then run for example: make demo PYTHON=python$need" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    echo "cxacq needs Python $need or later; '$python' is Python ${found%% *}." >&2
    echo "Run make with a newer one, for example: make demo PYTHON=python$need" >&2
    exit 1
fi
if [ -d "$venv" ]; then
    made=$("$venv/bin/python" -c "$probe" 2>/dev/null) || made="a Python that no longer runs"
    if [ "$made" != "$found" ]; then
        echo "Rebuilding $venv: it was made by ${made%% *}, not by '$python' (Python ${found%% *})." >&2
        rm -rf "$venv"
    fi
fi
