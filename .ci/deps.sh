#!/bin/sh
# The one place that knows sosrca's packages. Installs what is missing with apt-get when it can
# (root, or sudo without a password); otherwise prints the command to paste.
#   sh .ci/deps.sh build   make, a C compiler, pkg-config and the four libraries (`make`, `make install`)
#   sh .ci/deps.sh test    those and the test tools (`make check`, `make demo`, `make install-check`)
# Used by the Makefile and by .ci/bootstrap (which runs before make exists).
set -u
what=${1:-test}
need=""
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1" 2>/dev/null; }
have() { command -v "$1" >/dev/null 2>&1; }
have make || need="$need make"
have cc || need="$need gcc libc6-dev"
have pkg-config || need="$need pkg-config"
have_pc libarchive || need="$need libarchive-dev"
have_pc libpcre2-8 || need="$need libpcre2-dev"
have_pc jansson || need="$need libjansson-dev"
have_pc sqlite3 || need="$need libsqlite3-dev"
# the zone rules local log times are read with (at run time too)
[ -f /usr/share/zoneinfo/UTC ] || need="$need tzdata"
if [ "$what" = test ]; then
  have_pc cmocka || need="$need libcmocka-dev"
  # Tools the tests use to pack testdata into every compression, and the install test's.
  have tar || need="$need tar"
  have xz || need="$need xz-utils"
  have zstd || need="$need zstd"
  have bzip2 || need="$need bzip2"
  have gzip || need="$need gzip"
  have groff || need="$need groff-base"
  have readelf || need="$need binutils"
  have dpkg-buildflags || need="$need dpkg-dev"
  have bash || need="$need bash"
  # the e2e and corpus tests read the JSON reports with it
  have python3 || need="$need python3"
fi
[ -z "$need" ] && exit 0
echo "sosrca: missing packages:$need"
if [ "$(id -u)" = 0 ]; then sudo=""; elif have sudo && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=none; fi
if [ "$sudo" = none ] || ! have apt-get; then
  echo "sosrca: cannot install them here (not root, no password-less sudo); please run:" >&2
  if have sudo; then
    echo "  sudo apt-get install$need" >&2
  else
    echo "  su -c 'apt-get install$need'" >&2
  fi
  echo "then run the same command again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || { echo "sosrca: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null || { echo "sosrca: apt-get install failed" >&2; exit 1; }
echo "sosrca: installed:$need"
