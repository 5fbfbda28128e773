#!/usr/bin/env bash
# LLM serving benchmark (issue 4): one stream's decode tokens/s through `maas serve` against a raw in-process ORT loop
# (and the engine in-process, to split the gap), then aggregate tokens/s and TTFT p50/p99 at 1, 4 and 16 streams.
#
#   bench/llm.sh                               # one stream: 12 s of alternating raw / engine / server runs; then 2 s warm-up + 8 s per concurrency point; rewrites the llm section of BENCHMARKS.md
#   bench/llm.sh --warmup 1 --duration 3 --paired 5 --no-write
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL_DIR="$ROOT/../shared/models/gpt2-tiny"
WARMUP=2
DURATION=8
PAIRED=12
CONCURRENCY=1,4,16
WRITE=1
COMMAND="bench/llm.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --paired) PAIRED="$2"; shift 2 ;;
    --no-write) WRITE=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "llm.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

[[ -f "$MODEL_DIR/onnx/model.onnx" ]] || { echo "llm.sh: $MODEL_DIR not found" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/maas-llm-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build "$ROOT/src/Maas.Cli/Maas.Cli.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build "$ROOT/bench/Maas.Bench/Maas.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
BENCH_DLL="$ROOT/bench/Maas.Bench/bin/Release/net10.0/maas-bench.dll"
PORT="$(dotnet "$BENCH_DLL" free-port)"
URL="http://127.0.0.1:$PORT"
mkdir -p "$WORK/data"
# Authentication is on by default: the server takes this admin key; curl and the bench send it.
export MAAS_API_KEY="${MAAS_API_KEY:-maas_bench-$(date +%s%N)-0123456789abcdef}"
AUTH=(-H "Authorization: Bearer $MAAS_API_KEY")
MAAS_ADMIN_KEY="$MAAS_API_KEY" dotnet "$ROOT/src/Maas.Cli/bin/Release/net10.0/maas.dll" serve --data "$WORK/data" --urls "$URL" \
  --Logging:LogLevel:Default=Warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null "$URL/v2/health/ready" 2>/dev/null && break; sleep 0.2; done

tar czf "$WORK/gpt2.tgz" -C "$MODEL_DIR" .
curl -fsS -o /dev/null "${AUTH[@]}" -X POST -H "Content-Type: application/gzip" --data-binary "@$WORK/gpt2.tgz" "$URL/api/models/gpt2/versions"

MACHINE="nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
ARGS=(llm --server "$URL" --model gpt2 --folder "$MODEL_DIR" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" --paired "$PAIRED"
  --command "$COMMAND" --machine "$MACHINE")
[[ $WRITE -eq 1 ]] && ARGS+=(--markdown "$ROOT/BENCHMARKS.md")
# maas-bench's runtimeconfig makes idle thread-pool workers sleep at once (a load generator should not spin on the
# cores it shares with the server). Here the engine also runs in the bench process and hands each token to a pool
# thread, so the pool gets the runtime's default spin (70), the one the server runs with.
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70 dotnet "$BENCH_DLL" "${ARGS[@]}"
