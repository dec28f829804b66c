#!/bin/sh
# The offline demo in one command: .env, throwaway wallet keys and the simulator's genesis, then
# the whole stack on the simulator (add `--profile observability` for Prometheus and Grafana:
# deploy/bin/demo.sh --profile observability). Needs Docker with Compose >= 2.20.
set -eu
cd "$(dirname "$0")/../.."
deploy/bin/init-env.sh
docker compose --profile sim build
docker compose --profile sim run --rm demo-init
docker compose --profile sim "$@" up -d
port=$(grep -E '^GATEWAY_PUBLISH=' .env | tail -n 1 | cut -d= -f2)
token=$(grep -E '^GATEWAY_TOKEN=' .env | tail -n 1 | cut -d= -f2-)
bootstrap="http://${port:-127.0.0.1:8080}/api/bots/bootstrap"
# the explicit step that lets the demo bots run by their config default (a bot without a bot:<id>
# record is stopped until then); SET NX, so running the demo again changes nothing
tries=0
until curl -fsS -X POST -H "Authorization: Bearer ${token}" "$bootstrap" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "the gateway did not answer: bootstrap the bots once it is up: curl -X POST -H 'Authorization: Bearer <GATEWAY_TOKEN>' $bootstrap"
    break
  fi
  sleep 2
done
echo "mirrorbook is starting on the simulator: dashboard http://${port:-127.0.0.1:8080}/ (token: GATEWAY_TOKEN in .env)"
echo "docker compose ps shows the health of each service; docker compose logs -f follows them."
