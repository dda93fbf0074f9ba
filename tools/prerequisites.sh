#!/usr/bin/env bash
# Installs the system programs that the integration and end-to-end tests start themselves:
#   redis-server  (binary: redis-server)
#   postgresql    (binary: /usr/lib/postgresql/<version>/bin/initdb)
#   chromium      (binary: /usr/bin/chromium, driven by Playwright)
#
# Idempotent: installs only what is missing, runs `apt-get update` at most once, and does nothing
# when everything is present. The tests never use the system PostgreSQL / Redis services (they
# start throwaway servers on free ports), so this script keeps apt from auto-starting them and
# stops any that are running.
#
# Runs as root (CI, sessions) or through `sudo -n` for a user with password-less sudo.
# Exit code: 0 when everything is present afterwards, 1 with a message saying what to do otherwise.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { echo "prerequisites: $*"; }
die() {
    echo "prerequisites: ERROR: $*" >&2
    exit 1
}

have_redis() { command -v redis-server >/dev/null 2>&1; }
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { [ -x /usr/bin/chromium ]; }

describe() {
    if have_redis; then
        log "redis-server: $(redis-server --version 2>/dev/null | head -n 1)"
    fi
    if have_postgres; then
        local initdb
        initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)
        log "postgresql:   $("$initdb" --version 2>/dev/null | head -n 1) ($initdb)"
    fi
    if have_chromium; then
        log "chromium:     $(timeout 20 /usr/bin/chromium --version 2>/dev/null | head -n 1 || echo 'present (version unknown)')"
    fi
}

# --- privileges -----------------------------------------------------------------------------
SUDO=()
ensure_root() {
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
        log "not root: using sudo"
    else
        die "missing packages: ${missing[*]}. Installing them needs root (or password-less sudo). Run as root: apt-get update && apt-get install -y ${missing[*]}"
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "apt-get not found: install ${missing[*]} with this system's package manager."
}
as_root() { "${SUDO[@]}" "$@"; }

# --- system services ------------------------------------------------------------------------
# The tests start their own redis-server / PostgreSQL on free ports; the system services would
# only take ports 6379 / 5432 and memory. Stop them if apt (or anyone) started them.
stop_system_services() {
    local svc
    for svc in postgresql redis-server; do
        [ -e "/etc/init.d/$svc" ] || [ -e "/lib/systemd/system/$svc.service" ] || continue
        if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
            if systemctl is-active --quiet "$svc" 2>/dev/null; then
                log "stopping system service $svc (tests start their own servers)"
                as_root systemctl stop "$svc" || log "warning: could not stop $svc"
            fi
            if systemctl is-enabled --quiet "$svc" 2>/dev/null; then
                log "disabling system service $svc at boot"
                as_root systemctl disable --quiet "$svc" || log "warning: could not disable $svc"
            fi
        elif command -v service >/dev/null 2>&1; then
            if service "$svc" status >/dev/null 2>&1; then
                log "stopping system service $svc (tests start their own servers)"
                as_root service "$svc" stop >/dev/null 2>&1 || log "warning: could not stop $svc"
            fi
        fi
    done
}

# --- audit tools (npm) ----------------------------------------------------------------------
# Lighthouse 12 and axe-core for the end-to-end page audits, pinned by tools/audit/package-lock.json, installed
# into tools/audit/node_modules (git-ignored). Needs node and npm (Node 20: Lighthouse 13 would want Node 22).
install_audit_tools() {
    local audit
    audit="$(cd "$(dirname "$0")" && pwd)/audit"
    if [ -f "$audit/node_modules/lighthouse/package.json" ] && [ -f "$audit/node_modules/axe-core/axe.min.js" ] &&
        [ "$audit/node_modules/.package-lock.json" -nt "$audit/package-lock.json" ]; then
        log "audit tools: present ($(node -p "require('$audit/node_modules/lighthouse/package.json').version" 2>/dev/null) lighthouse)"
        return
    fi
    command -v npm >/dev/null 2>&1 || die "npm is needed for the page audits (Lighthouse, axe-core): apt-get install -y nodejs npm"
    log "audit tools: npm ci in $audit"
    (cd "$audit" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) ||
        die "npm ci in $audit failed (no network to the npm registry?)"
}

# --- main -----------------------------------------------------------------------------------
install_audit_tools
missing=()
have_redis || missing+=(redis-server)
have_postgres || missing+=(postgresql)
have_chromium || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
    log "all present, nothing to install"
    describe
    # Only needs privileges if something is actually running.
    if [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
        [ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)
        stop_system_services
    fi
    exit 0
fi

log "missing: ${missing[*]}"
ensure_root

# Keep apt's maintainer scripts from starting the services (invoke-rc.d and deb-systemd-invoke
# both honour policy-rc.d exit code 101). Only if the machine has no policy of its own.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Temporary, written by tools/prerequisites.sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created_policy=true
fi
cleanup() {
    if [ "$created_policy" = true ]; then
        as_root rm -f "$policy" || true
    fi
}
trap cleanup EXIT

apt_opts=(-y -q -o DPkg::Lock::Timeout=300)
log "apt-get update"
as_root apt-get update -q -o DPkg::Lock::Timeout=300 ||
    die "apt-get update failed (no network to the Debian mirror?). Install manually: apt-get install -y ${missing[*]}"
log "apt-get install ${missing[*]}"
as_root apt-get install "${apt_opts[@]}" "${missing[@]}" ||
    die "apt-get install ${missing[*]} failed; see the apt output above."

still=()
have_redis || still+=(redis-server)
have_postgres || still+=(postgresql)
have_chromium || still+=(chromium)
if [ ${#still[@]} -ne 0 ]; then
    die "installed packages but these binaries are still missing: ${still[*]}"
fi

stop_system_services
log "installed: ${missing[*]}"
describe
