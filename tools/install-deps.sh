#!/bin/sh
# tools/install-deps.sh — installs the Debian packages hunt builds and tests
# with, only those missing. Needs root (or sudo) on a Debian/Ubuntu machine;
# elsewhere it says what to install and stops.
PKGS="make gcc re2c lemon libjansson-dev libpcre2-dev libcurl4-openssl-dev libsqlite3-dev libedit-dev libxxhash-dev libyaml-dev libexpat1-dev zlib1g-dev libssl-dev libmaxminddb-dev uap-core python3 sqlite3 curl"
missing=""
for p in $PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "hunt: please install:$missing" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "hunt: installing:$missing" >&2
$SUDO apt-get update -qq >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
