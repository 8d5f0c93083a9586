# rustvsgo container image (not built on the development machine: it has no Docker engine; tests/deploy reads
# this file and runs its entrypoint without Docker). Stage 1 installs every dependency (better-sqlite3 is a
# native addon, so the build tools live here only), compiles src/ to dist/ (`npm ci` runs `prepare`), then drops
# the dev dependencies; stage 2 is the runtime: compiled JavaScript, production node_modules, no TypeScript.

FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
RUN npm ci \
 && npm prune --omit=dev \
 && npm cache clean --force

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:/app/data/rustvsgo.db
WORKDIR /app
# The digest's trend chart (resvg) draws its labels with a system font; slim images have none.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The embedded SQLite default writes here (compose mounts a named volume); with PostgreSQL it stays empty.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# node itself is the entrypoint (no npm, no shell in between): the container's SIGTERM reaches the bot directly,
# and its shutdown watchdog (src/runtime/shutdown-watchdog.ts) SIGKILLs it if shutdown outlives SHUTDOWN_TIMEOUT_MS.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Other entry points from the same image: `node dist/cli/discord-deploy.js` (npm run discord:deploy) and
# `node dist/cli/main.js <command>` (the rustvsgo command line).
CMD ["node", "dist/main.js"]
