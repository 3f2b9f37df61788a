# Failover Lab dashboard: the production Next.js build plus the custom server (server/main.ts, run by tsx).
# Build:  docker build -t failover-lab:latest .
# Run in the cluster: deploy/kubernetes/ (see its README.md).

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=build --chown=node:node /app ./
# `npm start` rebuilds when a source file is newer than .next/BUILD_ID; the image is built already, and has
# no dev dependencies to build with, so mark the build as the newest file.
RUN touch .next/BUILD_ID
USER node
EXPOSE 3000
CMD ["npm", "start"]
