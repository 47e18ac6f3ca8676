# Not built here: the development machines have no container engine (README, Deployment, says what was checked).
# Build stage: install with dev dependencies (.puppeteerrc.cjs skips Puppeteer's own browser) and compile to dist/.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
COPY test ./test
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

# Runtime: Node 22 LTS, Debian's Chromium for whatsapp-web.js, a non-root user, compiled JavaScript only.
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk fonts-noto-core ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
# CHROMIUM_SANDBOX=off: under Docker's default seccomp profile Chromium's own sandbox cannot create its user
# namespace ("No usable sandbox", puppeteer#3451); the container is the isolation instead (non-root, no
# capabilities, no new privileges, read-only root: compose.yaml). README, Deployment, says how to keep Chromium's
# sandbox with a seccomp profile instead. Every variable here is a default that .env overrides.
ENV NODE_ENV=production \
    SPORTELLO_MODE=production \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    CHROMIUM_SANDBOX=off \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The staff console's browser files are served from next to the compiled module (src/console/console.routes.ts).
COPY src/console/assets ./dist/src/console/assets
COPY package.json ./
COPY locales ./locales
COPY content ./content
# DATA_DIR (WhatsApp sessions, the intake spool) belongs to this user alone (0700).
RUN useradd --system --create-home --uid 10001 sportello && mkdir -p /data && chown sportello /data && chmod 0700 /data
USER sportello
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
