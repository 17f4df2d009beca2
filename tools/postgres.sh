#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, from Debian's packages (postgresql 15), for the
# tests, CI and trying the app on PostgreSQL. Trust authentication, loopback only, a folder of its own.
#   tools/postgres.sh start DIR [PORT] [PID]   initdb into DIR (if empty) and start; prints the connection string.
#                                        With PID, the cluster is stopped and DIR removed once that process has ended.
#   tools/postgres.sh stop DIR           stop the cluster in DIR
# As root, the server runs as the unprivileged user postgres (which Debian's package creates); initdb
# refuses to run as root.
set -euo pipefail
command=${1:?usage: tools/postgres.sh start DIR [PORT] | stop DIR}
dir=${2:?usage: tools/postgres.sh start DIR [PORT] | stop DIR}
port=${3:-54329}
owner=${4:-}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL's server programs are not installed (apt-get install -y postgresql)" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      chmod a+x "$(dirname "$dir")"  # the server's user must reach its folder
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      log=$(mktemp)
      as_owner "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>"$log" \
        || { cat "$log" >&2; exit 1; }
    fi
    # The socket in the data folder, so no system folder is needed; fsync off: a test cluster is thrown away.
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    if [ -n "$owner" ]; then
      # A watchdog outside the owner's process group: however the owner ends, the cluster goes with it.
      setsid bash -c 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; "$1" stop "$2" >/dev/null 2>&1; rm -rf "$2"' \
        "$owner" "$(realpath "$0")" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=true"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: tools/postgres.sh start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
