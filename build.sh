#!/usr/bin/env bash
# Builds, tests and benchmarks Nexus through build.cake (Cake, restored as a local dotnet tool).
#   ./build.sh                         default target: Test (prerequisites, build, all tests)
#   ./build.sh --target=Build          any target; list them with: ./build.sh --description
#   ./build.sh --target=Bench-Startup  --configuration=Debug, --verbosity=diagnostic, ... pass through
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false
# build.cake prints its own task-duration table and closes the output with the lines other tools
# read (the test summary, BENCH lines); Cake's own report would come after them.
export CAKE_SETTINGS_NOREPORT="${CAKE_SETTINGS_NOREPORT:-true}"
# Cake colours output whenever TERM looks like a terminal, even into a pipe or a CI log.
if [ ! -t 1 ]; then
    export NO_COLOR="${NO_COLOR:-1}"
fi
if [ "${CI:-}" = "true" ]; then
    # No MSBuild nodes / compiler servers left running after a CI run.
    export MSBUILDDISABLENODEREUSE=1
    trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
fi

dotnet tool restore
dotnet cake build.cake "$@"
