#!/bin/sh
# Prepares a checkout for `docker compose`: .env from .env.example when there is none, then every
# variable of deploy/compose.env.example that .env lacks (NATS_PASSWORD, REDIS_PASSWORD and
# GATEWAY_TOKEN get 32 random letters and digits), and secrets/grafana_admin_password. Never
# changes a value that is already set; prints names only, never a value.
# MIRRORBOOK_ROOT overrides the checkout directory (tests).
set -eu
ROOT=${MIRRORBOOK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
umask 077

random() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32; }

if [ ! -f .env ]; then
  cp .env.example .env
  echo "init-env: created .env from .env.example"
fi

# NAME=VALUE lines of the template, in order
grep -E '^[A-Z_][A-Z0-9_]*=' deploy/compose.env.example | while IFS= read -r line; do
  name=${line%%=*}
  value=${line#*=}
  if grep -Eq "^${name}=.+" .env; then continue; fi
  case "$name" in
    NATS_PASSWORD|REDIS_PASSWORD|GATEWAY_TOKEN) value=$(random) ;;
  esac
  if grep -Eq "^${name}=" .env; then
    # an empty assignment: fill it in place
    awk -v n="$name" -v v="$value" 'BEGIN { FS = OFS = "=" } $1 == n && $2 == "" { print n "=" v; next } { print }' .env > .env.tmp
    mv .env.tmp .env
  else
    printf '%s=%s\n' "$name" "$value" >> .env
  fi
  echo "init-env: set ${name} in .env"
done

mkdir -p secrets
if [ ! -s secrets/grafana_admin_password ]; then
  random > secrets/grafana_admin_password
  # Grafana runs as uid 472: the file must be readable by it
  chmod 0444 secrets/grafana_admin_password
  echo "init-env: wrote secrets/grafana_admin_password (Grafana user: admin)"
fi
