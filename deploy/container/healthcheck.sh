#!/bin/bash
# The container's HEALTHCHECK: GET /healthz on the instance's own port, with bash's /dev/tcp so the image needs no curl
# (neither the official runtime-deps image nor ours has it). The Host header is the public URL's host, because host
# filtering answers any other name with 400. Exit 0 when the answer is 200, 1 otherwise (what HEALTHCHECK expects).
set -u
port="${ASPNETCORE_HTTP_PORTS:-8080}"
port="${port%%[;,]*}"
host="${Nexus__PublicUrl:-http://localhost/}"
host="${host#*://}"
host="${host%%/*}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
"HTTP/1.1 200"*) exit 0 ;;
*)
    echo "healthz: ${status%$'\r'}" >&2
    exit 1
    ;;
esac
