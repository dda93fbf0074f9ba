#!/usr/bin/env bash
# Vendors the browser libraries the host serves into src/Host/Nexus.Host/wwwroot/lib/<name>/, from the npm
# registry, with their licence, and records what was taken in wwwroot/lib/VERSIONS. The files are committed:
# building or running Nexus never needs npm; only this script does, when a version changes.
#
#   tools/vendor-js.sh            re-vendor every library below at its pinned version
#
# To add or update a library, edit LIBRARIES (package@version, then the files to take from its package,
# relative to the package root) and run the script.
set -euo pipefail

LIBRARIES=(
    # Client-side validation of the data-val-* attributes that FluentValidation's adapters emit; no jQuery.
    "aspnet-client-validation@0.11.1 dist/aspnet-validation.min.js dist/aspnet-validation.min.js.map"
    # The live channel's browser client (wwwroot/js/live.js): the SignalR hub at /hubs/shop, decision 0026.
    "@microsoft/signalr@10.0.11 dist/browser/signalr.min.js dist/browser/signalr.min.js.map"
)

root=$(cd "$(dirname "$0")/.." && pwd)
lib="$root/src/Host/Nexus.Host/wwwroot/lib"
command -v npm >/dev/null 2>&1 || { echo "vendor-js: npm is needed to vendor (not to run Nexus)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$lib"
versions="$work/VERSIONS"
echo "# Vendored by tools/vendor-js.sh — package@version sha512-integrity (do not edit by hand)" >"$versions"

for entry in "${LIBRARIES[@]}"; do
    read -r spec files <<<"$entry"
    name=${spec%@*}
    # A scoped package (@scope/name) goes to lib/<name>/; npm pack names its tarball scope-name-version.tgz.
    dir=${name##*/}
    packed=${name#@}
    echo "vendor-js: $spec"
    (cd "$work" && npm pack --silent "$spec" >/dev/null)
    tarball=$(ls "$work"/"${packed//\//-}"-*.tgz)
    mkdir -p "$work/$name"
    tar -xzf "$tarball" -C "$work/$name"
    rm -rf "${lib:?}/$dir"
    mkdir -p "$lib/$dir"
    for file in $files; do
        cp "$work/$name/package/$file" "$lib/$dir/"
    done
    cp "$work/$name/package/"LICENSE* "$lib/$dir/" 2>/dev/null || true
    integrity=$(npm view "$spec" dist.integrity 2>/dev/null || echo unknown)
    echo "$spec $integrity" >>"$versions"
    rm -f "$tarball"
done

cp "$versions" "$lib/VERSIONS"
echo "vendor-js: done; see $lib/VERSIONS"
