#!/bin/sh
# Install the Debian packages named in the lists given (packaging/apt/*.txt)
# that are missing: with apt-get when run as root, else print the one sudo
# line that does it and fail. Silent when nothing is missing.
set -eu
listed=$(sed -e 's/#.*//' "$@")
packages=$(echo $listed)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian system; install the equivalents of:" $packages >&2
  exit 0
fi
installed=$(dpkg-query -W -f '${db:Status-Status} ${Package}\n' $packages 2>/dev/null \
  | awk '$1 == "installed" { print $2 }')
missing=""
for package in $packages; do
  if ! printf '%s\n' "$installed" | grep -qx "$package"; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages. Run once, then again the make command:" >&2
  echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
