#!/usr/bin/env bash
# A throwaway Redis server on a loopback port, from Debian's packages (redis-server 7), for the tests,
# CI and trying the SignalR backplane. No persistence, loopback only, a folder of its own.
#   tools/redis.sh start DIR [PORT] [PID]   start; prints the connection string. With PID, the server
#                                           is stopped and DIR removed once that process has ended.
#   tools/redis.sh stop DIR                 stop the server started in DIR
set -euo pipefail
command=${1:?usage: tools/redis.sh start DIR [PORT] [PID] | stop DIR}
dir=${2:?usage: tools/redis.sh start DIR [PORT] [PID] | stop DIR}
port=${3:-63799}
owner=${4:-}

if ! command -v redis-server >/dev/null; then
  echo "Redis is not installed (apt-get install -y redis-server)" >&2
  exit 3
fi

case "$command" in
  start)
    mkdir -p "$dir"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
      sleep 0.1
    done
    redis-cli -p "$port" ping | grep -q PONG || { cat "$dir/redis.log" >&2; exit 1; }
    if [ -n "$owner" ]; then
      # A watchdog outside the owner's process group: however the owner ends, the server goes with it.
      setsid bash -c 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; "$1" stop "$2" >/dev/null 2>&1; rm -rf "$2"' \
        "$owner" "$(realpath "$0")" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "127.0.0.1:$port"
    ;;
  stop)
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    ;;
  *)
    echo "usage: tools/redis.sh start DIR [PORT] [PID] | stop DIR" >&2
    exit 2
    ;;
esac
