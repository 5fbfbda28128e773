#!/usr/bin/env bash
# Side-by-side benchmark for issue "foundation": KServe V2 REST infer on mlp-regression through `maas serve`
# (a separate process) against raw in-process ONNX Runtime calls, at concurrency 1, 8 and 32, in the same run.
#
#   bench/run.sh                                  # full run: 2 s warm-up + 8 s measured per point, c = 1,8,32
#   bench/run.sh --warmup 0.5 --duration 2        # quick run
#   bench/run.sh --concurrency 8 --no-write       # one point, printed only (no results file, BENCHMARKS.md untouched)
#   bench/run.sh --server-arg --Logging:LogLevel:Default=Warning   # extra `maas serve` argument (repeatable)
#
# Writes bench/results/foundation-<UTC date>.json and regenerates the marked section of BENCHMARKS.md (unless --no-write).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL_DIR="$ROOT/../shared/models/mlp-regression"
MODEL_NAME="mlp-regression"
WARMUP=2
DURATION=8
CONCURRENCY=1,8,32
WRITE=1
SERVER_ARGS=()
COMMAND="bench/run.sh${*:+ $*}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --no-write) WRITE=0; shift ;;
    --server-arg) SERVER_ARGS+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { echo "[run.sh] $*"; }

for f in "$MODEL_DIR/model.onnx" "$MODEL_DIR/expected.json"; do
  [[ -f "$f" ]] || { echo "run.sh: $f not found (the shared models live beside the repository)" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/maas-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f "$WORK/server.log" ]]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 40 "$WORK/server.log" >&2 || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Build (Release): the server and the bench. Retried because a concurrent build elsewhere in the checkout can hold
#    a file in obj/ or bin/ for a moment.
build() {
  local attempt
  for attempt in 1 2 3; do
    if dotnet build "$1" -c Release --nologo -v quiet -clp:ErrorsOnly; then return 0; fi
    log "build of $1 failed (attempt $attempt), retrying in 5 s"
    sleep 5
  done
  return 1
}
log "building (Release)"
build "$ROOT/src/Maas.Cli/Maas.Cli.csproj"
build "$ROOT/bench/Maas.Bench/Maas.Bench.csproj"
MAAS_DLL="$ROOT/src/Maas.Cli/bin/Release/net10.0/maas.dll"
BENCH_DLL="$ROOT/bench/Maas.Bench/bin/Release/net10.0/maas-bench.dll"

# 2. Start `maas serve` as its own process on a free loopback port with a temporary data folder.
PORT="$(dotnet "$BENCH_DLL" free-port)"
URL="http://127.0.0.1:$PORT"
log "starting maas serve on $URL (data $WORK/data)"
mkdir -p "$WORK/data"
dotnet "$MAAS_DLL" serve --data "$WORK/data" --urls "$URL" ${SERVER_ARGS[@]+"${SERVER_ARGS[@]}"} >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null ${AUTH[@]+"${AUTH[@]}"} "$1" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "run.sh: the server exited early" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "run.sh: $1 not ready after $2 s" >&2; return 1; }
    sleep 0.2
  done
}
wait_for "$URL/v2/health/ready" 60
log "server ready (pid $SERVER_PID); pushing $MODEL_NAME"
AUTH=()
[[ -n "${MAAS_API_KEY:-}" ]] && AUTH=(-H "Authorization: Bearer $MAAS_API_KEY")   # sent to a server that requires keys
curl -fsS -o "$WORK/push.json" ${AUTH[@]+"${AUTH[@]}"} -X POST -H "Content-Type: application/octet-stream" \
  --data-binary "@$MODEL_DIR/model.onnx" "$URL/api/models/$MODEL_NAME/versions"
wait_for "$URL/v2/models/$MODEL_NAME/ready" 60

# 3. Measure, write the results file and the BENCHMARKS.md section.
ARGS=(run --server "$URL" --model "$MODEL_NAME" --onnx "$MODEL_DIR/model.onnx" --expected "$MODEL_DIR/expected.json"
  --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION"
  --command "$COMMAND" --server-pid "$SERVER_PID"
  --server-args "${SERVER_ARGS[*]+${SERVER_ARGS[*]}}")
if [[ $WRITE -eq 1 ]]; then
  ARGS+=(--results-dir "$ROOT/bench/results" --markdown "$ROOT/BENCHMARKS.md")
fi
dotnet "$BENCH_DLL" "${ARGS[@]}"

# 4. The trap stops the server and removes $WORK.
