# Sourced by the benchmark scripts that need a throwaway PostgreSQL: `start_bench_postgres NAME` finds the server
# binaries, starts a cluster in a fresh /tmp/NAME-bench.* folder on a free port (password auth, as a user's server),
# stops and removes it on exit, and sets pgbin, work, port, password and PGPASSWORD.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_bench_postgres() {
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$pgbin/initdb" ] || { echo "bench: PostgreSQL is needed (apt-get install postgresql)" >&2; exit 2; }
  work=$(mktemp -d "/tmp/$1-bench.XXXXXX")
  chmod 755 "$work"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  password="bench-$RANDOM$RANDOM"
  echo "$password" > "$work/pw"; [ "$(id -u)" = 0 ] && chown postgres "$work/pw"
  trap 'as_pg "$pgbin/pg_ctl" stop -D "$work/data" -m immediate -w >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  as_pg "$pgbin/initdb" -D "$work/data" -U postgres -A scram-sha-256 --pwfile "$work/pw" -E UTF8 --locale=C >/dev/null
  as_pg "$pgbin/pg_ctl" start -w -D "$work/data" -l "$work/server.log" -o "-p $port -k $work -c listen_addresses=127.0.0.1" >/dev/null
  export PGPASSWORD="$password"
}
