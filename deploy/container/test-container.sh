#!/usr/bin/env bash
# The container test (./build.sh --target=Test-Container): builds Nexus's image for real and runs it with podman, the
# way a small shop would run it, and fails loudly at the first thing that is not so.
#   1. the base image (deploy/container/make-base-image.sh: debootstrap, cached between runs)
#   2. a self-contained ReadyToRun publish on this machine, then deploy/container/Dockerfile.prebuilt (no registry is
#      reachable here, so the SDK stage of the root Dockerfile cannot be pulled; the runtime stage is the same)
#   3. a container on a named volume: /healthz answers, the image's own HEALTHCHECK passes, / and /css/site.css are 200
#   4. the first administrator signs in (Identity__Admin__*) and adds a demo product to the cart
#   5. SIGTERM (podman stop): exit code 0 within the shutdown timeout, the host's shutdown line in the log
#   6. a new container on the same volume: the same cookie still signs the shopper in, the cart still holds the
#      product, and a fresh sign-in works (data, keys and key encryption all survived)
# Prints the timings, then `CONTAINER base_image_s=... image_build_s=... ready_s=... stop_s=...` as its last line.
#
#   deploy/container/test-container.sh                      # everything
#   NEXUS_PUBLISHED=/path/to/publish deploy/container/test-container.sh   # reuse a publish output
#   NEXUS_KEEP=1 ...                                        # leave the image and volume for a look afterwards
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "test-container: $*"; }
fail() {
    echo "test-container: FAILED: $*" >&2
    for c in "${containers[@]}"; do
        echo "--- podman logs $c (last 40 lines) ---" >&2
        podman logs --tail 40 "$c" >&2 2>&1 || true
    done
    exit 1
}
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

run_id="$$-$(date +%s)"
image="localhost/nexus:test-$run_id"
volume="nexus-test-data-$run_id"
work=$(mktemp -d /var/tmp/nexus-container-test.XXXXXX)
containers=()
cleanup() {
    for c in "${containers[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1 || true; done
    if [ "${NEXUS_KEEP:-}" != 1 ]; then
        podman volume rm -f "$volume" >/dev/null 2>&1 || true
        podman rmi -f "$image" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- 1. base image -----------------------------------------------------------------------------------------------------
t=$(now)
base=$("$root/deploy/container/make-base-image.sh" | tail -n 1) || fail "could not make the base image"
base_s=$(seconds "$t" "$(now)")
say "base image $base (${base_s} s)"

# --- 2. publish and image ----------------------------------------------------------------------------------------------
mkdir -p "$work/context"
if [ -n "${NEXUS_PUBLISHED:-}" ]; then
    cp -a "$NEXUS_PUBLISHED" "$work/context/app"
else
    t=$(now)
    dotnet publish "$root/src/Host/Nexus.Host/Nexus.Host.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=true -o "$work/context/app" -v q -nologo || fail "dotnet publish failed"
    say "published in $(seconds "$t" "$(now)") s"
fi
cp "$root/deploy/container/healthcheck.sh" "$work/context/app/healthcheck.sh"
[ -x "$work/context/app/Nexus.Host" ] || fail "the publish has no Nexus.Host executable"
[ -f "$work/context/app/wwwroot/css/site.css" ] || fail "the publish has no wwwroot/css/site.css"

t=$(now)
podman build -q --format docker -f "$root/deploy/container/Dockerfile.prebuilt" --build-arg "RUNTIME_IMAGE=$base" \
    -t "$image" "$work/context" >/dev/null || fail "podman build failed"
build_s=$(seconds "$t" "$(now)")
say "image $image built in ${build_s} s ($(podman image inspect "$image" --format '{{.Size}}' | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
[ "$(podman image inspect "$image" --format '{{.Config.User}}')" = "1654:1654" ] || fail "the image does not run as uid 1654"
podman image inspect "$image" --format '{{json .Config.Healthcheck}}' | grep -q healthcheck.sh ||
    fail "the image has no HEALTHCHECK (built without --format docker?)"

# --- 3. run ------------------------------------------------------------------------------------------------------------
podman volume create "$volume" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base_url="http://127.0.0.1:$port"
admin_email="owner@container-test.example"
admin_password="Cont41ner-$(date +%s)-Test!"
key=$(openssl rand -base64 32)
# The stub payment provider runs in the shop (Production still wants its secrets set: no defaults outside Development).
pay_key="sk_test_$(openssl rand -hex 16)"
pay_secret="whsec_$(openssl rand -hex 16)"

start_container() { # name -> prints seconds until /healthz answered 200
    local name=$1 started code
    containers+=("$name")
    started=$(now)
    podman run -d --name "$name" -p "127.0.0.1:$port:8080" -v "$volume:/data" \
        -e "Nexus__PublicUrl=$base_url/" -e "DataProtection__KeyEncryption__Key=$key" \
        -e "Identity__Admin__Email=$admin_email" -e "Identity__Admin__Password=$admin_password" \
        -e "Modules__Payments__Provider__ApiKey=$pay_key" -e "Modules__Payments__Provider__WebhookSigningSecret=$pay_secret" \
        "$image" 2> >(grep -v 'systemd connection' >&2) >/dev/null || fail "podman run $name failed"
    for _ in $(seq 1 600); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/healthz" || true)
        [ "$code" = 200 ] && {
            seconds "$started" "$(now)"
            return 0
        }
        [ "$(podman inspect "$name" --format '{{.State.Running}}')" = true ] || fail "$name exited before /healthz answered"
        sleep 0.1
    done
    fail "$name: /healthz did not answer 200 within 60 s"
}

expect_status() { # url expected [curl args...]
    local url=$1 expected=$2 code
    shift 2
    code=$(curl -s -o "$work/body" -w '%{http_code}' "$@" "$url") || fail "GET $url: curl failed"
    [ "$code" = "$expected" ] || fail "GET $url answered $code, expected $expected: $(head -c 300 "$work/body")"
}

form_token() { # file -> the first antiforgery token in it
    grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'
}

sign_in() { # cookie-jar
    local jar=$1 token code
    expect_status "$base_url/account/login" 200 -c "$jar" -b "$jar"
    token=$(form_token "$work/body")
    [ -n "$token" ] || fail "the sign-in page has no antiforgery token"
    code=$(curl -s -o "$work/body" -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "Input.Email=$admin_email" --data-urlencode "Input.Password=$admin_password" \
        --data-urlencode "__RequestVerificationToken=$token" "$base_url/account/login")
    [ "$code" = 302 ] || fail "signing in answered $code, expected a redirect: $(grep -o 'class="[^"]*error[^"]*"[^<]*<[^<]*' "$work/body" | head -n 3)"
    expect_status "$base_url/account" 200 -c "$jar" -b "$jar"
}

c1="nexus-test-1-$run_id"
ready_s=$(start_container "$c1")
say "$c1 ready in ${ready_s} s"
podman healthcheck run "$c1" >/dev/null 2>&1 || fail "the image's HEALTHCHECK (healthcheck.sh) reports unhealthy while /healthz answers"
expect_status "$base_url/" 200
expect_status "$base_url/css/site.css" 200
grep -q '{' "$work/body" || fail "/css/site.css is not a style sheet"
say "/, /css/site.css: 200; HEALTHCHECK passes"

# --- 4. sign in, add to cart -------------------------------------------------------------------------------------------
jar="$work/cookies"
sign_in "$jar"
expect_status "$base_url/" 200 -b "$jar"
product=$(grep -o 'href="/products/[a-z0-9-]*"' "$work/body" | head -n 1 | sed 's/href="//; s/"$//')
[ -n "$product" ] || fail "the home page links no product (demo data missing?)"
expect_status "$base_url$product" 200 -c "$jar" -b "$jar"
variant=$(grep -o 'name="variantId" value="[^"]*"' "$work/body" | head -n 1 | sed 's/.*value="//; s/"$//')
token=$(form_token "$work/body")
[ -n "$variant" ] || fail "$product has no variant to add (out of stock?)"
code=$(curl -s -o "$work/body" -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $base_url" \
    --data-urlencode "variantId=$variant" --data-urlencode "quantity=2" \
    --data-urlencode "__RequestVerificationToken=$token" "$base_url/cart/add")
[ "$code" = 302 ] || fail "adding $product to the cart answered $code: $(head -c 300 "$work/body")"
expect_status "$base_url/cart" 200 -b "$jar"
grep -q "$product" "$work/body" || fail "the cart does not show $product after adding it"
say "signed in as $admin_email, added 2 x $product to the cart"

# --- 5. SIGTERM --------------------------------------------------------------------------------------------------------
t=$(now)
# Without systemd podman cannot schedule the HEALTHCHECK timer and says so on every run and stop: not our failure.
podman stop -t 30 "$c1" 2> >(grep -v 'systemd connection' >&2) >/dev/null || fail "podman stop failed"
stop_s=$(seconds "$t" "$(now)")
exit_code=$(podman inspect "$c1" --format '{{.State.ExitCode}}')
[ "$exit_code" = 0 ] || fail "$c1 exited with $exit_code after SIGTERM (137 = killed after the timeout)"
podman logs "$c1" >"$work/log1" 2>&1
grep -q "Application is shutting down" "$work/log1" || fail "$c1's log has no clean shutdown line"
if grep -E '"?(Level|@l)"?[:=] *"?(Error|Fatal)|\[(ERR|FTL)\]' "$work/log1" >"$work/errors"; then
    fail "$c1 logged errors: $(head -n 5 "$work/errors")"
fi
say "$c1 stopped by SIGTERM in ${stop_s} s, exit code 0, clean shutdown logged"

# --- 6. a new container, the same volume -------------------------------------------------------------------------------
c2="nexus-test-2-$run_id"
ready2_s=$(start_container "$c2")
say "$c2 ready in ${ready2_s} s on the same volume"
expect_status "$base_url/cart" 200 -b "$jar"
grep -q "$product" "$work/body" || fail "after the restart the cart no longer shows $product"
expect_status "$base_url/account" 200 -b "$jar"
sign_in "$work/cookies2"
say "after the restart: the cookie still signs in, the cart holds $product, a fresh sign-in works"
podman stop -t 30 "$c2" 2> >(grep -v 'systemd connection' >&2) >/dev/null

echo "CONTAINER base_image_s=$base_s image_build_s=$build_s ready_s=$ready_s ready_again_s=$ready2_s stop_s=$stop_s"
