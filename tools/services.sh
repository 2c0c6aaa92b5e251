#!/usr/bin/env bash
# PostgreSQL and RabbitMQ on loopback, with their data in a temporary folder (never the system's default cluster or node).
#
#   eval "$(tools/services.sh start)"   # installs what is missing (apt-get), starts both, waits until they answer,
#                                       # prints: export DABIR_QUEUE=amqp://… DABIR_STORE=postgres://…
#   tools/services.sh env               # prints the exports again (exit 1 when the servers do not answer)
#   tools/services.sh stop              # stops both and deletes the folder
#   tools/services.sh restart-db        # restarts PostgreSQL (fast shutdown: open transactions roll back)
#   tools/services.sh restart-broker    # restarts RabbitMQ's application (connections drop; queues survive on disk)
#
# Idempotent: start on running servers only prints the exports; stop on stopped ones does nothing.
# Settings (environment): DABIR_SERVICES_DIR (default /tmp/dabir-services), DABIR_PG_PORT (55432),
# DABIR_AMQP_PORT (55672; the Erlang distribution port is DABIR_AMQP_PORT+1).
# As root the servers run as the packages' users (postgres refuses to run as root); otherwise as the caller.
# Diagnostics go to stderr; only the export line goes to stdout.
set -euo pipefail

DIR="${DABIR_SERVICES_DIR:-/tmp/dabir-services}"
PG_PORT="${DABIR_PG_PORT:-55432}"
AMQP_PORT="${DABIR_AMQP_PORT:-55672}"
DIST_PORT=$((AMQP_PORT + 1))
PG_USER=dabir
PG_PASSWORD=dabir
RMQ_USER=dabir
RMQ_PASSWORD=dabir
NODE="dabir@localhost"

log() { echo "services: $*" >&2; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" ]] && { echo "$d"; return 0; }
  done
  return 1
}

as_pg() {   # run as the postgres user when root
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

as_rmq() {  # run as the rabbitmq user when root, with our node's environment
  local envs=(HOME="$DIR/rabbitmq" RABBITMQ_NODENAME="$NODE" RABBITMQ_MNESIA_BASE="$DIR/rabbitmq/mnesia"
    RABBITMQ_LOG_BASE="$DIR/rabbitmq/log" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$AMQP_PORT"
    RABBITMQ_DIST_PORT="$DIST_PORT" RABBITMQ_CONFIG_FILE="$DIR/rabbitmq/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/rabbitmq/enabled_plugins"
    RABBITMQ_PID_FILE="$DIR/rabbitmq/pid" ERL_EPMD_ADDRESS=127.0.0.1)
  if [[ $(id -u) == 0 ]]; then runuser -u rabbitmq -- env "${envs[@]}" "$@"; else env "${envs[@]}" "$@"; fi
}

install_missing() {
  local need=()
  pg_bin >/dev/null || need+=(postgresql)
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || need+=(rabbitmq-server)
  if ((${#need[@]})); then
    log "installing ${need[*]}"
    if [[ $(id -u) != 0 ]]; then log "need root to apt-get install ${need[*]}"; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2 || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2; }
    # The packages start the system's own servers; ours are separate: stop theirs so ports and CPU stay free.
    if command -v service >/dev/null; then service postgresql stop >&2 2>&1 || true; service rabbitmq-server stop >&2 2>&1 || true; fi
  fi
}

pg_up() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }
rmq_up() { as_rmq /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$NODE" await_startup --timeout 1 >/dev/null 2>&1; }

start_pg() {
  local bin; bin="$(pg_bin)"
  if pg_up; then return 0; fi
  mkdir -p "$DIR"
  if [[ ! -f "$DIR/pg/PG_VERSION" ]]; then
    mkdir -p "$DIR/pg"
    [[ $(id -u) == 0 ]] && chown postgres: "$DIR/pg"
    chmod 700 "$DIR/pg"
    local pw="$DIR/pg.pw"; echo "$PG_PASSWORD" > "$pw"; [[ $(id -u) == 0 ]] && chown postgres: "$pw"
    as_pg "$bin/initdb" -D "$DIR/pg" -U "$PG_USER" --pwfile="$pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
    rm -f "$pw"
    cat >> "$DIR/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
max_locks_per_transaction = 256
EOF
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT ($DIR/pg)"
  as_pg "$bin/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w -t 60 start >&2
}

start_rmq() {
  if rmq_up; then return 0; fi
  mkdir -p "$DIR/rabbitmq/log" "$DIR/rabbitmq/mnesia"
  # Quorum queues are built in (3.8+); no plugins; loopback only; the dabir user may connect from loopback.
  cat > "$DIR/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
loopback_users = none
default_user = $RMQ_USER
default_pass = $RMQ_PASSWORD
disk_free_limit.absolute = 50MB
EOF
  echo "[]." > "$DIR/rabbitmq/enabled_plugins"
  [[ $(id -u) == 0 ]] && chown -R rabbitmq: "$DIR/rabbitmq"
  log "starting RabbitMQ $NODE on 127.0.0.1:$AMQP_PORT ($DIR/rabbitmq)"
  (cd "$DIR/rabbitmq" && as_rmq /usr/lib/rabbitmq/bin/rabbitmq-server -detached >&2)
  local i
  for i in $(seq 1 120); do
    if rmq_up; then return 0; fi
    sleep 1
  done
  log "RabbitMQ did not start in 120 s; see $DIR/rabbitmq/log"
  exit 1
}

print_env() {
  echo "export DABIR_QUEUE=amqp://$RMQ_USER:$RMQ_PASSWORD@127.0.0.1:$AMQP_PORT/ DABIR_STORE=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
}

stop_all() {
  local bin; bin="$(pg_bin 2>/dev/null || true)"
  if [[ -n "$bin" && -f "$DIR/pg/postmaster.pid" ]]; then
    log "stopping PostgreSQL"
    as_pg "$bin/pg_ctl" -D "$DIR/pg" -m fast -w stop >&2 || true
  fi
  if [[ -d "$DIR/rabbitmq" ]]; then
    log "stopping RabbitMQ"
    as_rmq /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$NODE" stop >&2 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start)
    install_missing
    start_pg
    start_rmq
    print_env
    ;;
  env)
    if pg_bin >/dev/null && pg_up && rmq_up; then print_env; else log "not running (tools/services.sh start)"; exit 1; fi
    ;;
  stop)
    stop_all
    ;;
  restart-db)
    as_pg "$(pg_bin)/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -m fast -w restart >&2
    ;;
  restart-broker)
    # stop_app/start_app restarts RabbitMQ inside its running Erlang VM: every connection drops and the queues
    # recover from disk, as in a node restart, without the VM's minute-long boot on a loaded machine.
    as_rmq /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$NODE" stop_app >&2
    as_rmq /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$NODE" start_app >&2
    ;;
  *)
    echo "usage: tools/services.sh start|stop|env|restart-db|restart-broker" >&2
    exit 2
    ;;
esac
