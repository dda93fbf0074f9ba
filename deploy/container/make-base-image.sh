#!/usr/bin/env bash
# Makes the runtime base image for Nexus's container without any image registry: Debian stable (bookworm) from the
# Debian archive apt already uses, `debootstrap --variant=minbase` plus the libraries of the official
# mcr.microsoft.com/dotnet/runtime-deps image (ICU, OpenSSL 3, CA certificates, tzdata, zlib) and its non-root `app`
# user (uid/gid 1654), imported into podman as nexus-base:<hash>. The hash covers the suite, the package list and this
# recipe version, so a change to any of them makes a new image and an unchanged one is reused (70–150 s the first time,
# 0 s after). Prints the image name as its last line.
#
# Also makes podman usable on these machines, idempotently: installs podman, runc and debootstrap when missing (apt;
# root or password-less sudo), makes runc podman's runtime (crun refuses this kernel's hybrid cgroups) and clears the
# default ulimits and pids limit in /etc/containers/containers.conf (otherwise setting rlimits is refused).
#
#   deploy/container/make-base-image.sh            # prints e.g. localhost/nexus-base:3f2a9c1d0b7e
#   NEXUS_BASE_SUITE=bookworm NEXUS_BASE_MIRROR=http://deb.debian.org/debian deploy/container/make-base-image.sh
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { echo "make-base-image: $*" >&2; }
die() {
    echo "make-base-image: ERROR: $*" >&2
    exit 1
}

SUITE="${NEXUS_BASE_SUITE:-bookworm}"
# The packages of the official runtime-deps image (Debian 12 flavour); bash and coreutils come with minbase and carry
# the HEALTHCHECK probe (deploy/container/healthcheck.sh), so no curl is needed.
PACKAGES="ca-certificates,libicu72,libssl3,tzdata,zlib1g,libgcc-s1,libstdc++6"
APP_UID=1654
# Raise when the recipe below changes (the image name's hash covers it with the suite and packages; comments don't count).
RECIPE=1

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        die "needs root (or password-less sudo) for apt, debootstrap and podman's system configuration"
    fi
fi
as_root() { "${SUDO[@]}" "$@"; }

# --- tools ------------------------------------------------------------------------------------------------------------
missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || [ -x /usr/sbin/runc ] || missing+=(runc)
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
if [ ${#missing[@]} -ne 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -q -o DPkg::Lock::Timeout=300 >&2 || die "apt-get update failed (no network to the Debian mirror?)"
    as_root apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
fi
export PATH="$PATH:/usr/sbin:/sbin"

# --- podman: runc, no default ulimits ----------------------------------------------------------------------------------
conf=/etc/containers/containers.conf
marker="# nexus: written by deploy/container/make-base-image.sh"
if ! grep -qF "$marker" "$conf" 2>/dev/null; then
    if [ -s "$conf" ]; then
        # Someone else's configuration: keep it, say what it needs instead of editing it blindly.
        grep -q 'runtime *= *"runc"' "$conf" ||
            log "warning: $conf exists and does not name runc; podman may pick crun (pass --runtime runc)"
    else
        log "writing $conf (runc, no default ulimits, no pids limit)"
        as_root mkdir -p /etc/containers
        printf '%s\n[containers]\ndefault_ulimits = []\npids_limit = 0\n\n[engine]\nruntime = "runc"\n' "$marker" |
            as_root tee "$conf" >/dev/null
    fi
fi

# --- the image ---------------------------------------------------------------------------------------------------------
MIRROR="${NEXUS_BASE_MIRROR:-}"
if [ -z "$MIRROR" ]; then
    # The mirror apt already uses (deb822 or one-line sources), so no other address has to be reachable.
    MIRROR=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null |
        grep -oE 'https?://[^ ]*/debian/?( |$)' | head -n 1 | tr -d ' ' || true)
    MIRROR="${MIRROR:-http://deb.debian.org/debian}"
fi

hash=$(printf '%s\n%s\n%s\n' "$SUITE" "$PACKAGES" "$RECIPE" | sha256sum | cut -c1-12)
image="localhost/nexus-base:$hash"
if as_root podman image exists "$image"; then
    log "$image exists (cached)"
    echo "$image"
    exit 0
fi

work=$(mktemp -d /var/tmp/nexus-base.XXXXXX)
trap 'as_root rm -rf "$work"' EXIT
started=$(date +%s)
log "debootstrap --variant=minbase $SUITE from $MIRROR (about a minute)"
as_root debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$work/root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    die "debootstrap failed (log above)"
}

# The official images' non-root user, so `USER 1654` means the same in both bases; apt's caches are not shipped.
grep -q '^app:' "$work/root/etc/group" || echo "app:x:$APP_UID:" | as_root tee -a "$work/root/etc/group" >/dev/null
grep -q '^app:' "$work/root/etc/passwd" ||
    echo "app:x:$APP_UID:$APP_UID:app:/home/app:/usr/sbin/nologin" | as_root tee -a "$work/root/etc/passwd" >/dev/null
as_root mkdir -p "$work/root/home/app"
as_root chown "$APP_UID:$APP_UID" "$work/root/home/app"
as_root rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"* "$work/root/var/log/"*

as_root tar -C "$work/root" -c . | as_root podman import -q \
    --change 'CMD ["/bin/bash"]' --change 'ENV APP_UID=1654' --change 'ENV LANG=C.UTF-8' \
    --message "nexus-base: debootstrap minbase $SUITE + $PACKAGES" - "$image" >/dev/null ||
    die "podman import failed"
log "made $image in $(($(date +%s) - started)) s"
echo "$image"
