# syntax=docker/dockerfile:1
#
# One image for every server role: `docker run <image> api|relay|cdp-worker|flows-worker|all`.
# The server runs its TypeScript sources through tsx (as `npm start` does), so the runtime stage keeps the
# workspace's node_modules, tsx included; the web app is built once here and served by the `api` role.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- manifests: only the package.json files, so `npm ci` below is cached until a dependency changes ---------
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print \
     | xargs cp --parents --target-directory=/manifests

# --- deps: every workspace's dependencies, dev tools included (vite, nx, tsx) ----------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund

# --- build: the suite's web app (apps/web/dist) ---------------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build:web

# --- runtime ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    APP_MODE=staging \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Owned by root and only readable by the app user: the process cannot rewrite its own code.
COPY --from=build /app ./
USER node
EXPOSE 3000
ENTRYPOINT ["node", "--import", "tsx", "apps/server/src/main.ts"]
CMD ["api"]
