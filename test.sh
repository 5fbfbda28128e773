#!/usr/bin/env bash
# The README's test command: installs whatever the tests need, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d ../shared/models ] && [ -z "${MAAS_SHARED_MODELS:-}" ]; then
  echo "error: ../shared/models not found beside the repository (or set MAAS_SHARED_MODELS)" >&2
  exit 1
fi

dotnet test Maas.slnx --configuration Release "$@"
