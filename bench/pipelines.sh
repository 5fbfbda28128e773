#!/usr/bin/env bash
# Side-by-side benchmark for issue "pipelines": bert-tiny-sentiment texts per second through `maas serve`'s :predict
# (a separate process) against the same tokenizer.json loader + ONNX Runtime in-process, at 1 and 32 texts per call and
# concurrency 1 and 8, in the same run. Regenerates the pipelines section of BENCHMARKS.md.
#
#   bench/pipelines.sh                      # 5 s per point
#   bench/pipelines.sh --duration 2         # quick run
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL_DIR="$ROOT/../shared/models/bert-tiny-sentiment"
DURATION=5
COMMAND="bench/pipelines.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "pipelines.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/maas-bench-pipelines.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build "$ROOT/src/Maas.Cli/Maas.Cli.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build "$ROOT/bench/Maas.Bench/Maas.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
BENCH_DLL="$ROOT/bench/Maas.Bench/bin/Release/net10.0/maas-bench.dll"
PORT="$(dotnet "$BENCH_DLL" free-port)"
URL="http://127.0.0.1:$PORT"
# Authentication is on by default: the server takes this admin key; curl and the bench send it.
export MAAS_API_KEY="${MAAS_API_KEY:-maas_bench-$(date +%s%N)-0123456789abcdef}"
AUTH=(-H "Authorization: Bearer $MAAS_API_KEY")
MAAS_ADMIN_KEY="$MAAS_API_KEY" dotnet "$ROOT/src/Maas.Cli/bin/Release/net10.0/maas.dll" serve --data "$WORK/data" --urls "$URL" \
  --Logging:LogLevel:Default=Warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null "$URL/v2/health/ready" 2>/dev/null && break; sleep 0.2; done

# The model folder without embeddings.onnx, so model.onnx is the obvious file.
mkdir -p "$WORK/model"
find "$MODEL_DIR" -maxdepth 1 -type f ! -name embeddings.onnx -exec cp {} "$WORK/model/" \;
tar -C "$WORK/model" -czf "$WORK/model.tar.gz" .
curl -fsS -o /dev/null "${AUTH[@]}" -X POST -H "Content-Type: application/gzip" --data-binary "@$WORK/model.tar.gz" "$URL/api/models/sentiment/versions"

dotnet "$BENCH_DLL" pipelines --server "$URL" --folder "$MODEL_DIR" --model sentiment --duration "$DURATION" \
  --markdown "$ROOT/BENCHMARKS.md" --command "$COMMAND"
