# vigil worker image. Build stage compiles TypeScript; the runtime stage holds only dist/,
# production dependencies and the config, and runs as a non-root user.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
# npm ci runs the prepare script, which compiles src/ to dist/.
RUN npm ci && npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the compiled dist/ comes from the build stage; prepare would need the dev tools.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
COPY demo ./demo
# The outbox (mail.transport: outbox) must be writable by the user the worker runs as.
RUN mkdir -p /app/outbox && chown node:node /app/outbox
USER node
# Healthy while the config loads and Redis answers; a container that cannot reach Redis reports unhealthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "bin/vigil.mjs", "health"]
ENTRYPOINT ["node", "bin/vigil.mjs"]
CMD ["worker"]
