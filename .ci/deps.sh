#!/bin/sh
# Install what sosrca needs to build and test, when it is missing. Used by `make deps` (and so by
# `make demo` and `make check`). Installs with apt-get only when a package is missing and apt-get is
# usable (root, or sudo without a password); otherwise says exactly what to install.
set -u
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
have_pc libarchive || need="$need libarchive-dev"
have_pc libpcre2-8 || need="$need libpcre2-dev"
have_pc jansson || need="$need libjansson-dev"
have_pc sqlite3 || need="$need libsqlite3-dev"
have_pc cmocka || need="$need libcmocka-dev"
[ -f /usr/share/zoneinfo/UTC ] || need="$need tzdata" # zone rules for local log times
# Tools the tests use to pack testdata into every compression.
command -v tar >/dev/null 2>&1 || need="$need tar"
command -v xz >/dev/null 2>&1 || need="$need xz-utils"
command -v zstd >/dev/null 2>&1 || need="$need zstd"
command -v bzip2 >/dev/null 2>&1 || need="$need bzip2"
command -v gzip >/dev/null 2>&1 || need="$need gzip"
[ -z "$need" ] && exit 0
echo "sosrca: missing build packages:$need"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=none; fi
if [ "$sudo" = none ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "sosrca: cannot install them here; please install:$need" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || { echo "sosrca: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null || { echo "sosrca: apt-get install failed" >&2; exit 1; }
echo "sosrca: installed:$need"
