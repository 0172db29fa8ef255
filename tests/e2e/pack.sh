#!/bin/sh
# Pack every sos report folder (sosreport-*) of a testdata bundle into archives, the way users
# receive them. Deterministic: sorted names, fixed owner and mtime.
#   pack.sh SRC OUTDIR [FORMAT...]      FORMAT: xz (default) gz bz2 zst tar collect
# "collect" makes one `sos collect` style tar holding the .tar.xz reports.
set -eu
src=$1 out=$2
shift 2
[ $# -gt 0 ] || set -- xz
mkdir -p "$out"
out=$(cd "$out" && pwd)
taropts="--sort=name --mtime=2025-03-03T14:40:12Z --owner=0 --group=0 --numeric-owner"
for fmt in "$@"; do
  for d in "$src"/sosreport-*; do
    [ -d "$d" ] || continue
    name=$(basename "$d")
    base="$out/$name.tar"
    # shellcheck disable=SC2086
    case $fmt in
      xz)  tar $taropts -C "$src" -cf - "$name" | xz -T1 -3 -c > "$base.xz" ;;
      gz)  tar $taropts -C "$src" -cf - "$name" | gzip -n -c > "$base.gz" ;;
      bz2) tar $taropts -C "$src" -cf - "$name" | bzip2 -c > "$base.bz2" ;;
      zst) tar $taropts -C "$src" -cf - "$name" | zstd -q -c > "$base.zst" ;;
      tar) tar $taropts -C "$src" -cf "$base" "$name" ;;
      collect) ;;
      *) echo "pack.sh: unknown format $fmt" >&2; exit 2 ;;
    esac
  done
  if [ "$fmt" = collect ]; then
    c="sos-collector-2025-03-03-abcde"
    tmp="$out/.collect"
    rm -rf "$tmp"; mkdir -p "$tmp/$c/sos_logs"
    for d in "$src"/sosreport-*; do
      name=$(basename "$d")
      # shellcheck disable=SC2086
      tar $taropts -C "$src" -cf - "$name" | xz -T1 -3 -c > "$tmp/$c/$name.tar.xz"
    done
    echo "sos collect: testdata" > "$tmp/$c/sos_logs/sos.log"
    # shellcheck disable=SC2086
    tar $taropts -C "$tmp" -cf "$out/$c.tar" "$c"
    rm -rf "$tmp"
  fi
done
