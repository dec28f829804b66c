#!/bin/sh
# Prepares a checkout for `docker compose`: .env from .env.example when there is none, then every
# variable of deploy/compose.env.example that .env lacks (GATEWAY_TOKEN gets 32 random letters and
# digits), a random password for every bus identity (NATS_PASSWORD_<IDENTITY> named in
# deploy/nats/auth.conf, REDIS_PASSWORD_<IDENTITY> in the Redis ACL templates, all generated from
# libs/access by scripts/compose-identities.ts; deploy/scale's adds REDIS_PASSWORD_REPLICA and
# REDIS_PASSWORD_SENTINEL), the ACL files secrets/redis-users.acl and secrets/scale/redis-users.acl
# (the templates with the SHA-256 of those passwords) and secrets/grafana_admin_password. Never
# changes a value that is already set; prints names only, never a value. Run it again after a
# wallet change (new executor identities get their passwords, the ACL files follow .env).
# MIRRORBOOK_ROOT overrides the checkout directory (tests).
set -eu
ROOT=${MIRRORBOOK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
umask 077

NATS_AUTH=deploy/nats/auth.conf
# each Redis ACL template and the file written from it: docker-compose.yml's, deploy/scale's
REDIS_ACLS="deploy/redis/users.acl.template:secrets/redis-users.acl deploy/scale/redis/users.acl.template:secrets/scale/redis-users.acl"

# A letter first: nats-server reads a $VARIABLE's value as a config value, and one starting with
# digits can parse as a number (1e5…) instead of a string.
random() { printf '%s%s' "$(LC_ALL=C tr -dc 'A-Za-z' </dev/urandom | head -c 1)" "$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 31)"; }

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -c1-64
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 | cut -c1-64
  else openssl dgst -sha256 -r | cut -c1-64
  fi
}

# the REDIS_PASSWORD_<IDENTITY> variables an ACL template hashes, in order, each once
redis_variables() { grep -v '^#' "$1" | grep -o '<sha256:REDIS_PASSWORD_[A-Z0-9_]*>' | sed 's/^<sha256:\(.*\)>$/\1/' | awk '!seen[$0]++'; }

# an ACL file from its template: comment lines dropped, each placeholder the SHA-256 of the value in .env
render_acl() {
  template=$1
  out=$2
  mkdir -p "$(dirname "$out")"
  grep -v '^#' "$template" > "$out.tmp"
  for name in $(redis_variables "$template"); do
    hash=$(printf '%s' "$(value_of "$name")" | sha256)
    sed "s/<sha256:${name}>/${hash}/" "$out.tmp" > "$out.tmp2"
    mv "$out.tmp2" "$out.tmp"
  done
  # Hashes only. Readable by all (0644) so that Redis's own user in the container (uid 999) can
  # read the bind mount; secrets/ itself stays 0700 on the host.
  chmod 0644 "$out.tmp"
  mv "$out.tmp" "$out"
  echo "init-env: wrote ${out} (Redis users, password hashes only)"
}

# the value of NAME in .env (empty when unset)
value_of() { sed -n "s/^$1=//p" .env | head -n 1; }

# set NAME to VALUE in .env unless it has a value: fill an empty assignment in place, or append
ensure() {
  name=$1
  value=$2
  if grep -Eq "^${name}=.+" .env; then return 0; fi
  if grep -Eq "^${name}=" .env; then
    awk -v n="$name" -v v="$value" 'BEGIN { FS = OFS = "=" } $1 == n && $2 == "" { print n "=" v; next } { print }' .env > .env.tmp
    mv .env.tmp .env
  else
    printf '%s=%s\n' "$name" "$value" >> .env
  fi
  echo "init-env: set ${name} in .env"
}

for file in "$NATS_AUTH" $(for pair in $REDIS_ACLS; do echo "${pair%%:*}"; done); do
  [ -f "$file" ] || { echo "init-env: $file is missing (node -r @swc-node/register scripts/compose-identities.ts)" >&2; exit 1; }
done

if [ ! -f .env ]; then
  cp .env.example .env
  echo "init-env: created .env from .env.example"
fi

# NAME=VALUE lines of the template, in order
grep -E '^[A-Z_][A-Z0-9_]*=' deploy/compose.env.example | while IFS= read -r line; do
  name=${line%%=*}
  value=${line#*=}
  case "$name" in
    GATEWAY_TOKEN) value=$(random) ;;
  esac
  ensure "$name" "$value"
done

# one password per identity and server
{
  grep -o 'password: \$NATS_PASSWORD_[A-Z0-9_]*' "$NATS_AUTH" | sed 's/^password: \$//'
  for pair in $REDIS_ACLS; do redis_variables "${pair%%:*}"; done
} | awk '!seen[$0]++' | while IFS= read -r name; do
  ensure "$name" "$(random)"
done

mkdir -p secrets
for pair in $REDIS_ACLS; do render_acl "${pair%%:*}" "${pair#*:}"; done

if [ ! -s secrets/grafana_admin_password ]; then
  random > secrets/grafana_admin_password
  # Grafana runs as uid 472: the file must be readable by it
  chmod 0444 secrets/grafana_admin_password
  echo "init-env: wrote secrets/grafana_admin_password (Grafana user: admin)"
fi
