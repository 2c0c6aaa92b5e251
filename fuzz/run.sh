#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ through SharpFuzz (docs/fuzzing.md).
#   fuzz/run.sh TARGET [SECONDS] [OUTDIR]
# TARGET: normalize | text | json | jsonl | html | query | analyze. SECONDS: stop after that long (default: run until
# interrupted). OUTDIR: AFL++ findings (default /tmp/dabir-fuzz/TARGET); crashes land in OUTDIR/default/crashes.
# Needs afl-fuzz (Debian: apt-get install afl++) and the sharpfuzz tool (dotnet tool restore: .config/dotnet-tools.json).
# The Dabir assemblies are published to /tmp/dabir-fuzz/bin and instrumented there, never in the build tree.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [OUTDIR]}
seconds=${2:-0}
out=${3:-/tmp/dabir-fuzz/$target}
bin=${DABIR_FUZZ_BIN:-/tmp/dabir-fuzz/bin}
corpus=fuzz/corpus/$target
[[ -d $corpus ]] || { echo "fuzz/run.sh: no corpus for target '$target' ($corpus)" >&2; exit 1; }
command -v afl-fuzz >/dev/null || { echo "fuzz/run.sh: afl-fuzz not found (apt-get install afl++)" >&2; exit 1; }

if [[ ! -f $bin/.instrumented ]]; then
  dotnet tool restore >/dev/null
  rm -rf "$bin"
  dotnet publish fuzz/Dabir.Fuzz -c Release -o "$bin" >/dev/null
  for dll in "$bin"/Dabir.Core.dll "$bin"/Dabir.News.dll "$bin"/Dabir.Models.dll "$bin"/Dabir.Events.dll "$bin"/Dabir.Archive.dll "$bin"/AngleSharp.dll; do
    dotnet tool run sharpfuzz "$dll"
  done
  touch "$bin/.instrumented"
fi

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# Resume an earlier session's queue when there is one.
input=$corpus
if [[ -d $out/default/queue ]]; then input=-; fi
mkdir -p "$out"
# The first input of a run loads the models (analyze, query): a generous timeout.
args=(-i "$input" -o "$out" -t "${DABIR_FUZZ_TIMEOUT_MS:-30000}" -m none)
if (( seconds > 0 )); then args+=(-V "$seconds"); fi
exec nice -n 19 afl-fuzz "${args[@]}" -- dotnet "$bin/Dabir.Fuzz.dll" "$target"
