# Shared by the maintainer scripts of reception-terminal and reception-platform
# (copied in front of each script when the package is built).
# RECEPTION_ROOT: tests run the scripts against a temporary root instead of /;
# users are then made with useradd --prefix and nothing runs as another user.
ROOT="${RECEPTION_ROOT:-}"

have_user() {
  grep -q "^$1:" "$ROOT/etc/passwd"
}

make_user() {  # make_user NAME HOME [GROUPS]
  if ! grep -q "^$1:" "$ROOT/etc/group"; then
    groupadd --system ${ROOT:+--prefix "$ROOT"} "$1"
  fi
  if ! have_user "$1"; then
    useradd --system ${ROOT:+--prefix "$ROOT"} --gid "$1" --home-dir "$2" --no-create-home \
      --shell /usr/sbin/nologin --comment "reception $1" "$1"
  fi
  if [ -n "${3:-}" ]; then
    usermod ${ROOT:+--prefix "$ROOT"} --append --groups "$3" "$1"
  fi
}

drop_user() {
  if have_user "$1"; then userdel ${ROOT:+--prefix "$ROOT"} "$1" || true; fi
  if grep -q "^$1:" "$ROOT/etc/group"; then groupdel ${ROOT:+--prefix "$ROOT"} "$1" || true; fi
}

private_dir() {  # private_dir PATH OWNER: a folder only OWNER reads (0700)
  mkdir -p "$1"
  chown "$2:$2" "$1" 2>/dev/null || chown "$(id -u):$(id -g)" "$1"
  chmod 0700 "$1"
}

as_user() {  # as_user USER COMMAND...: run as the service user (as is, under a test root)
  user="$1"; shift
  if [ -z "$ROOT" ] && [ "$(id -u)" -eq 0 ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

systemd_running() {
  [ -z "$ROOT" ] && [ -d /run/systemd/system ]
}

# Keep the installed program folder for a rollback: hard links, no copy of the data.
keep_previous() {  # keep_previous PROGRAM_DIR SAVE_DIR OLD_VERSION
  rm -rf "$2"
  if [ -d "$1" ]; then
    mkdir -p "$2"
    cp -al "$1" "$2/program"
    echo "$3" > "$2/version"
  fi
}

# Put the kept program folder back in place of the new one.
roll_back() {  # roll_back PROGRAM_DIR SAVE_DIR: 0 if it did
  [ -d "$2/program" ] || return 1
  rm -rf "$1"
  mv "$2/program" "$1"
  echo "reception: the previous version $(cat "$2/version") is back in $1" >&2
  return 0
}
