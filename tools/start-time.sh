#!/usr/bin/env bash
# Times a start of the app to /healthz and prints its start-up timeline (the "Start-up: ..." log
# lines). Run it twice on the same store to time a restart. It starts the app at nice 19, polls
# /healthz every 0.1 s for at most 5 minutes, then kills the app.
# Usage: bash tools/start-time.sh APP_FOLDER STORE_FOLDER PORT LABEL
#   e.g.  cp -r AgentConsole/bin/Release/net10.0 /tmp/app && bash tools/start-time.sh /tmp/app /tmp/store 5611 first
set -euo pipefail
app=$1; store=$2; port=$3; label=$4
mkdir -p "$store"
started=$(date +%s.%N)
cd "$app"
ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development nice -n 19 dotnet AgentConsole.dll --urls="http://127.0.0.1:$port" \
  "--ConnectionStrings:AgentConsole=Data Source=$store/app.db" --Demo:LiveTraffic=false --Demo:Agents=false \
  --Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning > "$store/$label.log" 2>&1 &
pid=$!
for _ in $(seq 3000); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
answered=$(date +%s.%N)
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "$label: /healthz answered after $(echo "$answered - $started" | bc) s"
grep -o "Start-up: .*" "$store/$label.log" || true
