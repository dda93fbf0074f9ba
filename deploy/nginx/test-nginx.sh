#!/usr/bin/env bash
# The reverse-proxy test (./build.sh --target=Test-Nginx): real nginx (Debian's package) running deploy/nginx/nexus.conf
# — only its addresses, ports and file paths replaced — in front of two Nexus hosts on one throwaway PostgreSQL, with a
# self-signed certificate made here by openssl. Fails loudly at the first thing that is not so:
#   HTTPS answers over HTTP/2 with HSTS; HTTP redirects to HTTPS; static files come gzipped and versioned ones are
#   cached by nginx; requests reach both instances; Nexus sees the forwarded scheme (Secure cookies) from its trusted
#   proxy; a sign-in on one instance holds on the other; a sign-in flood is refused with 429; with one instance stopped
#   every request still succeeds.
# Prints `PROXY instances=2 ... failed_after_stop=0` as its last line.
#
#   deploy/nginx/test-nginx.sh
#   NEXUS_PUBLISHED=/path/to/publish deploy/nginx/test-nginx.sh    # reuse a publish output (self-contained or not)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "test-nginx: $*"; }
work=$(mktemp -d /var/tmp/nexus-nginx-test.XXXXXX)
chmod 755 "$work"
pids=()
fail() {
    echo "test-nginx: FAILED: $*" >&2
    for f in "$work"/nexus-*.log "$work/nginx-error.log"; do
        [ -f "$f" ] || continue
        echo "--- $f (last 25 lines) ---" >&2
        tail -n 25 "$f" >&2 || true
    done
    exit 1
}
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    if [ -d "$work/pg/data" ]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- tools -------------------------------------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -ne 0 ]; then
    [ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}: run as root, or apt-get install -y ${missing[*]}"
    say "installing ${missing[*]}"
    # Keep apt from starting the packaged services (they would take ports 80 and 5432).
    created_policy=false
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created_policy=true
    fi
    apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null && apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null ||
        fail "apt-get install ${missing[*]} failed"
    [ "$created_policy" = true ] && rm -f /usr/sbin/policy-rc.d
fi
pg_bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)")

# --- the hosts' build --------------------------------------------------------------------------------------------------
app="${NEXUS_PUBLISHED:-}"
if [ -z "$app" ]; then
    app="$work/app"
    dotnet publish "$root/src/Host/Nexus.Host/Nexus.Host.csproj" -c Release -o "$app" -v q -nologo || fail "dotnet publish failed"
fi
if [ -x "$app/Nexus.Host" ]; then host_cmd=("$app/Nexus.Host"); else host_cmd=(dotnet "$app/Nexus.Host.dll"); fi

# --- PostgreSQL (refuses to run as root: the postgres user owns it) ----------------------------------------------------
pg_port=$(free_port)
mkdir -p "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -A trust -U nexus >/dev/null || fail "initdb failed"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" -l "$work/pg/log" start >/dev/null || fail "PostgreSQL did not start"
runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U nexus nexus || fail "createdb failed"

# --- certificate, nginx configuration ----------------------------------------------------------------------------------
https_port=$(free_port)
http_port=$(free_port)
port1=$(free_port)
port2=$(free_port)
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=shop.example" -addext "subjectAltName=DNS:shop.example" \
    -keyout "$work/shop.key" -out "$work/shop.crt" 2>/dev/null || fail "openssl could not make a certificate"

replace() { # file pattern replacement: exactly one line must match, so a changed nexus.conf fails here, not silently
    local n
    n=$(grep -cF -- "$2" "$1" || true)
    [ "$n" = 1 ] || fail "deploy/nginx/nexus.conf: expected one line with '$2', found $n"
    python3 - "$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
lines = [new if old in line else line for line in text.split("\n")]
open(path, "w").write("\n".join(lines))
PY
}
conf="$work/nexus.conf"
cp "$root/deploy/nginx/nexus.conf" "$conf"
replace "$conf" "# test: instance 1" "    server 127.0.0.1:$port1 max_fails=3 fail_timeout=10s;"
replace "$conf" "# test: instance 2" "    server 127.0.0.1:$port2 max_fails=3 fail_timeout=10s;"
replace "$conf" "# test: cache path" "proxy_cache_path $work/cache levels=1:2 keys_zone=nexus_static:10m max_size=256m inactive=7d use_temp_path=off;"
replace "$conf" "# test: http port v6" ""
replace "$conf" "# test: http port" "    listen 127.0.0.1:$http_port;"
replace "$conf" "# test: https port v6" ""
replace "$conf" "# test: https port" "    listen 127.0.0.1:$https_port ssl http2;"
replace "$conf" "# test: certificate key" "    ssl_certificate_key $work/shop.key;"
replace "$conf" "# test: certificate" "    ssl_certificate $work/shop.crt;"
# licensing.conf (the extracted service's origin) is checked by `nginx -t` with the rest; no Licensing service runs here.
licensing_conf="$work/licensing.conf"
cp "$root/deploy/nginx/licensing.conf" "$licensing_conf"
replace "$licensing_conf" "# test: licensing instance" "    server 127.0.0.1:$port1;"
replace "$licensing_conf" "# test: licensing https port" "    listen 127.0.0.1:$https_port ssl http2;"
replace "$licensing_conf" "# test: licensing certificate key" "    ssl_certificate_key $work/shop.key;"
replace "$licensing_conf" "# test: licensing certificate" "    ssl_certificate $work/shop.crt;"
mkdir -p "$work/nginx-temp"
cat >"$work/nginx.conf" <<CONF
# The test's own main context (Debian's /etc/nginx/nginx.conf stands for this in production).
daemon on;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
worker_processes 2;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $work/nginx-temp/body;
    proxy_temp_path $work/nginx-temp/proxy;
    fastcgi_temp_path $work/nginx-temp/fastcgi;
    uwsgi_temp_path $work/nginx-temp/uwsgi;
    scgi_temp_path $work/nginx-temp/scgi;
    # Which instance served each request: the test reads this log.
    log_format upstream '\$upstream_addr \$status \$request_method \$request_uri';
    access_log $work/access.log upstream;
    include $conf;
    include $licensing_conf;
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" >"$work/nginx-t.log" 2>&1 || {
    cat "$work/nginx-t.log" >&2
    fail "nginx -t refused the configuration"
}

# --- two Nexus instances -----------------------------------------------------------------------------------------------
public_url="https://shop.example:$https_port/"
key=$(openssl rand -base64 32)
admin_email="owner@proxy-test.example"
admin_password="Pr0xy-$(date +%s)-Test!"
start_instance() { # n port
    local n=$1 port=$2
    mkdir -p "$work/data$n"
    (cd / && exec env ASPNETCORE_ENVIRONMENT=Production \
        Nexus__PublicUrl="$public_url" Nexus__DataPath="$work/data$n" Nexus__TrustedProxies="127.0.0.1" \
        Database__Provider=Postgres ConnectionStrings__Nexus="Host=127.0.0.1;Port=$pg_port;Database=nexus;Username=nexus" \
        DataProtection__KeyEncryption__Key="$key" Identity__Admin__Email="$admin_email" Identity__Admin__Password="$admin_password" \
        Modules__Payments__Provider__ApiKey="sk_test_$(openssl rand -hex 16)" Modules__Payments__Provider__WebhookSigningSecret="whsec_$(openssl rand -hex 16)" \
        "${host_cmd[@]}" --urls "http://127.0.0.1:$port" >"$work/nexus-$n.log" 2>&1) &
    pids+=($!)
    for _ in $(seq 1 900); do
        # Straight to the instance, as the proxy would: Host is the public name.
        [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: shop.example' "http://127.0.0.1:$port/healthz" || true)" = 200 ] && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || fail "instance $n exited before /healthz answered"
        sleep 0.1
    done
    fail "instance $n: /healthz did not answer within 90 s"
}
# One after the other, so the first applies the migrations and seeds the demo catalog alone.
start_instance 1 "$port1"
start_instance 2 "$port2"
say "two instances on PostgreSQL :$pg_port ready (127.0.0.1:$port1, 127.0.0.1:$port2)"
nginx -c "$work/nginx.conf" -p "$work" || fail "nginx did not start"

# --- checks through nginx ----------------------------------------------------------------------------------------------
curl_shop() { curl -s --resolve "shop.example:$https_port:127.0.0.1" --resolve "shop.example:$http_port:127.0.0.1" --cacert "$work/shop.crt" "$@"; }
base="https://shop.example:$https_port"

curl_shop -o "$work/body" -D "$work/headers" -w '%{http_code} %{http_version}\n' "$base/" >"$work/status" || fail "HTTPS request failed"
read -r code version <"$work/status"
[ "$code" = 200 ] || fail "GET / over HTTPS answered $code"
[ "$version" = 2 ] || fail "GET / over HTTPS used HTTP/$version, expected HTTP/2"
grep -qi '^strict-transport-security: max-age=31536000' "$work/headers" || fail "no HSTS header on /: $(cat "$work/headers")"
[ "$(grep -ci '^strict-transport-security:' "$work/headers")" = 1 ] || fail "more than one HSTS header on /"
say "HTTPS: 200 over HTTP/2 with one HSTS header"

code=$(curl_shop -o /dev/null -w '%{http_code} %{redirect_url}' "http://shop.example:$http_port/cart")
case "$code" in "301 https://shop.example/cart") ;; *) fail "HTTP did not redirect to HTTPS: $code" ;; esac

css=$(grep -o '/css/site.css?v=[A-Za-z0-9_-]*' "$work/body" | head -n 1)
[ -n "$css" ] || fail "the home page links no versioned /css/site.css"
curl_shop -o /dev/null -D "$work/css1" -H 'Accept-Encoding: gzip' "$base$css"
curl_shop -o "$work/css.gz" -D "$work/css2" -H 'Accept-Encoding: gzip' "$base$css"
grep -qi '^content-encoding: gzip' "$work/css2" || fail "$css is not gzipped: $(cat "$work/css2")"
gzip -t "$work/css.gz" || fail "$css says gzip but is not"
grep -qi '^x-cache-status: HIT' "$work/css2" || fail "the versioned $css was not served from nginx's cache the second time: $(cat "$work/css2")"
grep -qi '^cache-control:.*immutable' "$work/css2" || fail "the versioned $css is not marked immutable"
say "static: $css gzipped, immutable, a cache HIT the second time"

# Forwarded scheme: Nexus marks cookies Secure only when it believes the request was HTTPS (Nexus:TrustedProxies).
curl_shop -o "$work/login" -D "$work/login-headers" -c "$work/jar" -b "$work/jar" "$base/account/login"
grep -i '^set-cookie:' "$work/login-headers" | grep -qi 'secure' || fail "cookies over HTTPS through nginx are not Secure: Nexus ignored X-Forwarded-Proto"
grep -i '^set-cookie:' "$work/login-headers" | grep -vqi 'secure' && fail "a cookie over HTTPS lacks Secure: $(grep -i '^set-cookie:' "$work/login-headers" | grep -vi secure)"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/login" | head -n 1 | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || fail "the sign-in page has no antiforgery token"
code=$(curl_shop -o /dev/null -w '%{http_code}' -c "$work/jar" -b "$work/jar" --data-urlencode "Input.Email=$admin_email" \
    --data-urlencode "Input.Password=$admin_password" --data-urlencode "__RequestVerificationToken=$token" "$base/account/login")
[ "$code" = 302 ] || fail "signing in through nginx answered $code"
: >"$work/access.log"
for _ in $(seq 1 10); do
    code=$(curl_shop -o /dev/null -w '%{http_code}' -b "$work/jar" "$base/account")
    [ "$code" = 200 ] || fail "a signed-in GET /account answered $code (the session does not hold across instances?)"
done
served=$(grep ' /account$' "$work/access.log" | awk '{ print $1 }' | sort -u | wc -l)
[ "$served" = 2 ] || fail "10 requests reached $served instance(s), expected both: $(cat "$work/access.log")"
say "Secure cookies from the forwarded scheme; signed in once, the session holds on both instances"

# A sign-in flood from one address: nginx answers 429 before Nexus sees it (10 a minute, bursts of 5).
refused=0
for _ in $(seq 1 12); do
    code=$(curl_shop -o /dev/null -w '%{http_code}' --data "Input.Email=x%40y.z&Input.Password=x" "$base/account/login")
    [ "$code" = 429 ] && refused=$((refused + 1))
done
[ "$refused" -gt 0 ] || fail "12 sign-in POSTs in a row were never refused with 429"
say "sign-in flood: $refused of 12 POSTs refused with 429"

# One instance stops: requests keep succeeding (connection refused -> the other instance, same request).
kill -TERM "${pids[1]}"
wait "${pids[1]}" 2>/dev/null || true
failed=0
for i in $(seq 1 30); do
    code=$(curl_shop -o /dev/null -w '%{http_code}' "$base/?after-stop=$i")
    [ "$code" = 200 ] || failed=$((failed + 1))
done
[ "$failed" = 0 ] || fail "$failed of 30 requests failed with instance 2 stopped"
grep -q "Application is shutting down" "$work/nexus-2.log" || fail "instance 2 did not log a clean shutdown on SIGTERM"
say "instance 2 stopped: 30 of 30 requests succeeded"

echo "PROXY instances=2 http_version=2 hsts=1 gzip=1 static_cache_hit=1 both_instances_served=1 signin_429=$refused failed_after_stop=$failed"
