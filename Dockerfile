# syntax=docker/dockerfile:1
#
# mirrorbook images. One Dockerfile, one shared runtime layer stack, one thin target per app:
#
#   docker build --target gateway -t mirrorbook/gateway .      (price-feed, strategy, executor,
#                                                              gateway, injective-sim, cli)
#
# Every target is the `runtime` stage plus metadata (CMD, default HTTP_PORT, EXPOSE): Docker stores
# the code and node_modules once however many app images exist, while each app still gets its own
# image name, default command and health check (deploy/README.md, "Images").
#
# Apps run compiled JavaScript, exactly as `npm start` does: the `build` stage compiles the
# TypeScript with the dev dependencies (scripts/build.mjs → dist/), the runtime gets dist/ and the
# production dependencies only (no TypeScript compiler in any app image).
# Node flags (scripts/node-flags.json is their one source: scripts/start.mjs and the RSS bench read
# it, test/deploy/dockerfile.spec.ts checks every command here against it; README, "Memory"):
# `--max-semi-space-size=4` (MB; Node 20's default is 16): the young generation stays small in an
# idle service, yet under load short-lived objects (decoded messages, decimals) die young instead
# of being promoted; `--heap-growing-percent=20`: V8 grows the old generation by 1.2× at a time, so
# a busy service does not keep a heap it has stopped using. They replaced `--max-semi-space-size=1
# --optimize-for-size`, which kept idle heaps ≈ 0–10 MiB smaller but spent 20–45 % of each busy
# service's time in garbage collection (README, "Memory").
# No secret enters any layer: keys come at run time from /run/secrets (compose `secrets:`).

# Node >= 20.19 is required (the Injective SDK's CommonJS build require()s ESM). 20.20 is what
# development and CI run; override with --build-arg NODE_IMAGE=node:20.19-slim@sha256:… to pin a digest.
ARG NODE_IMAGE=node:20.20-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Production dependencies only, from the lockfile; this layer changes only when the lockfile does.
# --ignore-scripts: nothing needs an install script (native binaries of esbuild and @swc/core
# come as per-platform optional packages), and no package runs code at build time.
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# The compiler's stage: every dependency (dev included: @swc/core), the sources, `npm run build`.
# Only its dist/ reaches the runtime.
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --include=dev --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
COPY scripts/build.mjs scripts/demo-wallets.ts scripts/bus-identities.ts ./scripts/
RUN node scripts/build.mjs

# Code and configuration, owned by root and read-only for the runtime user.
FROM base AS runtime
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
COPY config ./config
COPY deploy/docker ./deploy/docker
# Containers listen on every interface of their own network namespace; compose publishes only
# the gateway. HTTP_PORT is set per target below.
ENV HTTP_HOST=0.0.0.0
# The uid 1000 `node` user of the base image; secret files must be readable by it (deploy/README.md).
USER node
# /health answers 200 only when NATS (and Redis where used) are connected and the app is ready.
# No curl in slim images: Node's own fetch, 3 s budget, exit 0 on 200 only.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/health',{signal:AbortSignal.timeout(3000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]

FROM runtime AS price-feed
ENV HTTP_PORT=8081
EXPOSE 8081
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/apps/price-feed/src/main.js"]

FROM runtime AS strategy
ENV HTTP_PORT=8082
EXPOSE 8082
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/apps/strategy/src/main.js"]

FROM runtime AS executor
ENV HTTP_PORT=8083
EXPOSE 8083
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/apps/executor/src/main.js"]

FROM runtime AS injective-sim
ENV HTTP_PORT=7700
EXPOSE 7700
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/apps/injective-sim/src/main.js"]

# Operator tools: `docker compose run --rm cli <command>`; `cli monitor` serves /health on 8089.
FROM runtime AS cli
ENV HTTP_PORT=8089
HEALTHCHECK NONE
ENTRYPOINT ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/apps/cli/src/main.js"]
CMD ["--help"]

# Last, so that a plain `docker build .` gives the gateway (the dashboard and API).
FROM runtime AS gateway
ENV HTTP_PORT=8080
EXPOSE 8080
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/apps/gateway/src/main.js"]
