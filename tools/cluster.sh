#!/usr/bin/env bash
# A three-node AgentConsole cluster on this machine, for a person to try and for the tests: PostgreSQL
# (the store), Redis (Orleans membership and the SignalR backplane), three app nodes on loopback ports
# and the YARP front end (AgentConsole.Proxy) that pins each browser to a node.
#   tools/cluster.sh start [DIR]   build, start everything, wait until each node answers; prints the URL
#   tools/cluster.sh stop [DIR]    stop the nodes, the proxy, Redis and PostgreSQL, and remove DIR
# DIR (default /tmp/agentconsole-cluster) holds the servers' data, the logs and the process ids.
# Ports: proxy 5100, nodes 5101-5103 (silos 11111-11113), PostgreSQL 54350, Redis 63850.
set -euo pipefail
command=${1:?usage: tools/cluster.sh start|stop [DIR]}
dir=$(realpath -m "${2:-/tmp/agentconsole-cluster}")
root=$(cd "$(dirname "$0")/.." && pwd)
nodes=(5101 5102 5103)

wait_healthy() { # URL SECONDS
  for _ in $(seq 1 "$2"); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "$1 did not answer in $2 s; see $dir/*.log" >&2
  return 1
}

case "$command" in
  start)
    mkdir -p "$dir"
    dotnet build "$root/AgentConsole/AgentConsole.csproj" -c Release -v q -nologo >/dev/null
    dotnet build "$root/AgentConsole.Proxy/AgentConsole.Proxy.csproj" -c Release -v q -nologo >/dev/null
    postgres=$("$root/tools/postgres.sh" start "$dir/postgres" 54350)
    redis=$("$root/tools/redis.sh" start "$dir/redis" 63850)
    store="$postgres;Database=agentconsole"
    for i in 0 1 2; do
      port=${nodes[$i]}
      settings=(--urls="http://127.0.0.1:$port" --Database:Provider=Postgres --ConnectionStrings:AgentConsole="$store"
        --Redis:Connection="$redis" --Cluster:SiloPort=$((11111 + i)))
      # One node plays the demo's customers and agents; three would triple the traffic.
      [ "$i" -gt 0 ] && settings+=(--Demo:LiveTraffic=false --Demo:Agents=false)
      ASPNETCORE_ENVIRONMENT=Development nohup dotnet "$root/AgentConsole/bin/Release/net10.0/AgentConsole.dll" "${settings[@]}" \
        >"$dir/node$((i + 1)).log" 2>&1 &
      echo $! >"$dir/node$((i + 1)).pid"
      # The first node migrates and seeds the store; the others start once it answers.
      wait_healthy "http://127.0.0.1:$port/healthz" 120
    done
    nohup dotnet "$root/AgentConsole.Proxy/bin/Release/net10.0/AgentConsole.Proxy.dll" --contentRoot "$root/AgentConsole.Proxy" \
      --nodes="http://127.0.0.1:5101/,http://127.0.0.1:5102/,http://127.0.0.1:5103/" >"$dir/proxy.log" 2>&1 &
    echo $! >"$dir/proxy.pid"
    wait_healthy "http://127.0.0.1:5100/healthz" 60
    echo "The cluster answers at http://127.0.0.1:5100/ (nodes at :5101, :5102, :5103; logs in $dir)."
    ;;
  stop)
    for pidfile in "$dir"/*.pid; do
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    for pidfile in "$dir"/*.pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    done
    [ -d "$dir/redis" ] && "$root/tools/redis.sh" stop "$dir/redis" || true
    [ -d "$dir/postgres" ] && "$root/tools/postgres.sh" stop "$dir/postgres" || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: tools/cluster.sh start|stop [DIR]" >&2
    exit 2
    ;;
esac
