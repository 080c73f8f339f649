#!/usr/bin/env bash
# Start PostgreSQL, Redis and RabbitMQ on their default local ports if they are not answering.
# Used by .ci/run for the production-mode tests; the embedded default needs none of them.
set -uo pipefail
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 60); do up "$1" && return 0; sleep 1; done; echo "port $1 still closed" >&2; return 1; }

if ! up 5432 && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  wait_port 5432
fi
if ! up 6379 && command -v redis-server >/dev/null; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
  wait_port 6379
fi
if ! up 5672 && command -v rabbitmq-server >/dev/null; then
  rabbitmq-server -detached || true
  wait_port 5672
fi
for p in 5432 6379 5672; do up "$p" && echo "service on :$p up" || echo "service on :$p DOWN"; done
exit 0
