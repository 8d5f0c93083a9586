# rustvsgo container image (not built on the development machine: it has no Docker engine; see docs/scaling.md).
# Stage 1 installs the production dependencies (better-sqlite3 is a native addon, so the build tools live
# here only); stage 2 is the runtime: the TypeScript sources run through tsx, a runtime dependency, so there
# is no compile step and no dev dependency in the image.

FROM node:20.19-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
 && npm cache clean --force

FROM node:20.19-bookworm-slim AS runtime
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
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
# The embedded SQLite default writes here; with PostgreSQL (DATABASE_URL=postgres://...) it stays empty.
RUN mkdir -p /app/data && chown node:node /app/data
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# One node process (tsx as a loader, not the tsx CLI, which would put a second process between the
# container's SIGTERM and the bot's graceful shutdown).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
