#!/usr/bin/env bash
# Throughput comparison for issue 6, in one run on one machine with the same models and the same inputs:
#   raw in-process ONNX Runtime batched (the ceiling) · Maas with batching off · Maas with dynamic batching ·
#   the seed's Flask + PyTorch server · FastAPI + uvicorn + PyTorch · Node.js http + onnxruntime-node (one process/core)
# on mlp-regression and bert-tiny-sentiment at concurrency 1, 8, 32, 64, every HTTP server driven by wrk.
#
#   bench/compare.sh                                   # full run (about 15-20 minutes), writes results + BENCHMARKS.md
#   bench/compare.sh --quick                           # 1 s windows, c = 1,32: a smoke run, nothing written
#   bench/compare.sh --concurrency 32 --no-write       # one level, printed only
#   MAAS_API_KEY=... bench/compare.sh                  # sends the key as a bearer token to Maas
#
# Installs what it needs: Debian packages (python3-flask python3-torch python3-fastapi python3-uvicorn python3-onnx wrk
# fonts-dejavu-core) with apt-get when missing, and onnxruntime-node into bench/node with ONNXRUNTIME_NODE_INSTALL=skip
# (the CPU binaries ship in the npm package). Python servers run on /usr/bin/python3 (no pip).
# Writes bench/results/throughput-<UTC date>.{json,png} and the throughput section of BENCHMARKS.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS_DIR="$(cd "$ROOT/../shared/models" && pwd)"
CONCURRENCY=1,8,32,64
WARMUP=2
WINDOW=4
MAX_WINDOWS=4
WRITE=1
COMMAND="bench/compare.sh${*:+ $*}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --window) WINDOW="$2"; shift 2 ;;
    --max-windows) MAX_WINDOWS="$2"; shift 2 ;;
    --quick) CONCURRENCY=1,32; WARMUP=1; WINDOW=1; MAX_WINDOWS=3; WRITE=0; shift ;;
    --no-write) WRITE=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { echo "[compare.sh] $*"; }

# 1. What the baselines need.
PACKAGES=(python3-flask python3-torch python3-fastapi python3-uvicorn python3-onnx wrk fonts-dejavu-core)
MISSING=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || MISSING+=("$p"); done
if [[ ${#MISSING[@]} -gt 0 ]]; then
  log "installing ${MISSING[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null
fi
if [[ ! -d "$ROOT/bench/node/node_modules/onnxruntime-node" ]]; then
  log "npm install onnxruntime-node (CPU binaries from the package)"
  (cd "$ROOT/bench/node" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error)
fi

build() {
  local attempt
  for attempt in 1 2 3; do
    if dotnet build "$1" -c Release --nologo -v quiet -clp:ErrorsOnly; then return 0; fi
    log "build of $1 failed (attempt $attempt), retrying in 5 s"; sleep 5
  done
  return 1
}
log "building (Release)"
build "$ROOT/src/Maas.Cli/Maas.Cli.csproj"
build "$ROOT/bench/Maas.Bench/Maas.Bench.csproj"
MAAS_DLL="$ROOT/src/Maas.Cli/bin/Release/net10.0/maas.dll"
BENCH_DLL="$ROOT/bench/Maas.Bench/bin/Release/net10.0/maas-bench.dll"

# 2. The servers, each in its own process group on its own loopback port, stopped (with their children) on exit.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/maas-compare.XXXXXX")"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [[ $rc -ne 0 ]]; then
    for f in "$WORK"/*.log; do [[ -f "$f" ]] && { echo "--- last lines of $f ---" >&2; tail -n 20 "$f" >&2; }; done
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { dotnet "$BENCH_DLL" free-port; }
start() { # name command...: starts in a new session (its own process group); sets STARTED_PID
  local name="$1"; shift
  setsid "$@" >"$WORK/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}
wait_ready() { # url pid seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null ${AUTH[@]+"${AUTH[@]}"} "$1/v2/health/ready" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "compare.sh: the server for $1 exited early" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "compare.sh: $1 not ready after $3 s" >&2; return 1; }
    sleep 0.3
  done
}
# Authentication is on by default: Maas takes this admin key; curl, wrk and the verifier send it.
export MAAS_API_KEY="${MAAS_API_KEY:-maas_bench-$(date +%s%N)-0123456789abcdef}"
AUTH=(-H "Authorization: Bearer $MAAS_API_KEY")

MAAS_URL="http://127.0.0.1:$(free_port)"
mkdir -p "$WORK/data"
start maas env MAAS_ADMIN_KEY="$MAAS_API_KEY" dotnet "$MAAS_DLL" serve --data "$WORK/data" --urls "$MAAS_URL"
MAAS_PID=$STARTED_PID
wait_ready "$MAAS_URL" "$MAAS_PID" 90
for model in mlp-regression bert-tiny-sentiment; do
  for name in "$model" "$model-nobatch"; do
    curl -fsS -o /dev/null ${AUTH[@]+"${AUTH[@]}"} -X POST -H "Content-Type: application/octet-stream" \
      --data-binary "@$MODELS_DIR/$model/model.onnx" "$MAAS_URL/api/models/$name/versions"
  done
  # Batching off, through Triton's repository API: the same model, max_batch_size 1.
  curl -fsS -o /dev/null ${AUTH[@]+"${AUTH[@]}"} -X POST -H "Content-Type: application/json" \
    -d '{"parameters": {"max_batch_size": 1}}' "$MAAS_URL/v2/repository/models/$model-nobatch/load"
done
log "maas serve on $MAAS_URL (pid $MAAS_PID): both models pushed twice, *-nobatch loaded with max_batch_size 1"

CORES="$(nproc)"
FLASK_URL="http://127.0.0.1:$(free_port)"
start flask /usr/bin/python3 "$ROOT/bench/python/flask_server.py" "${FLASK_URL##*:}" "$MODELS_DIR"
FLASK_PID=$STARTED_PID
FASTAPI_URL="http://127.0.0.1:$(free_port)"
start fastapi env MODELS_DIR="$MODELS_DIR" PYTHONPATH="$ROOT/bench/python" /usr/bin/python3 -m uvicorn fastapi_server:app \
  --host 127.0.0.1 --port "${FASTAPI_URL##*:}" --workers "$CORES" --no-access-log --log-level warning
FASTAPI_PID=$STARTED_PID
NODE_URL="http://127.0.0.1:$(free_port)"
start node env PORT="${NODE_URL##*:}" WORKERS="$CORES" \
  MODELS="mlp-regression=$MODELS_DIR/mlp-regression/model.onnx,bert-tiny-sentiment=$MODELS_DIR/bert-tiny-sentiment/model.onnx" \
  node "$ROOT/bench/node/server.js"
NODE_PID=$STARTED_PID
wait_ready "$FLASK_URL" "$FLASK_PID" 120
wait_ready "$FASTAPI_URL" "$FASTAPI_PID" 120
wait_ready "$NODE_URL" "$NODE_PID" 60
log "flask $FLASK_URL, fastapi $FASTAPI_URL ($CORES workers), node $NODE_URL ($CORES processes): ready"

# 3. Verify every server against expected.json, measure, write the results, the chart and BENCHMARKS.md.
ARGS=(compare --models-dir "$MODELS_DIR" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --window "$WINDOW"
  --max-windows "$MAX_WINDOWS" --wrk "$(command -v wrk)" --wrk-script "$ROOT/bench/wrk/post.lua" --work-dir "$WORK"
  --maas "$MAAS_URL" --maas-pid "$MAAS_PID" --flask "$FLASK_URL" --flask-pid "$FLASK_PID"
  --fastapi "$FASTAPI_URL" --fastapi-pid "$FASTAPI_PID" --node "$NODE_URL" --node-pid "$NODE_PID" --command "$COMMAND")
if [[ $WRITE -eq 1 ]]; then
  ARGS+=(--results-dir "$ROOT/bench/results" --markdown "$ROOT/BENCHMARKS.md")
fi
dotnet "$BENCH_DLL" "${ARGS[@]}"
