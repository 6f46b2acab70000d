# The identity API as a container: `docker compose up --build` (see compose.yaml and the README).
# The server runs compiled (`npm run build` → dist/): it holds ~90 MB less memory than under tsx.

# argon2 and bcrypt are compiled from source in the two stages that install dependencies (the tools
# stay out of the final image). Their prebuilt binaries are not enough: argon2's linux-x64 one
# crashes (segmentation fault, no log line) as soon as it is loaded on some x64 hosts, e.g. AMD EPYC
# under Firecracker. Their install scripts test-load the prebuilt binary and compile only if that
# fails, but on the host that builds the image, which need not be the one that runs it; so the image
# always compiles them (generic x64/arm64 flags, no -march=native), and at run time the loader takes
# build/Release before prebuilds/.
FROM node:20-bookworm-slim AS native-build-tools
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

FROM native-build-tools AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts, then only argon2's and bcrypt's install scripts, compiling as said above (`prisma
# generate` loads argon2: prisma.config.ts reads src/config.ts). Our postinstall needs the sources
# (the Prisma client is generated below), and the app uses driver adapters, never a downloaded query
# engine.
RUN npm ci --ignore-scripts && npm_config_build_from_source=true npm rebuild argon2 bcrypt
# prisma.config.ts reads src/config.ts; generation writes src/generated/.
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY src ./src
RUN npx prisma generate && npm run build

FROM native-build-tools AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm_config_build_from_source=true npm rebuild argon2 bcrypt

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=4000 \
    # argon2id takes 19 MiB per hash on a pool thread. With glibc's default every thread gets an arena
    # that keeps such blocks; one arena that keeps them (below 32 MiB, up to 64 MiB free) reuses the
    # same blocks for every hash: no page faults, and memory bounded (README *Performance*).
    GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY prisma ./prisma
COPY --from=build /app/dist ./dist
# The sources (with the generated Prisma client) serve `npm run admin` and `npm run import`, run with tsx.
COPY --from=build /app/src ./src
# Without DATABASE_URL the embedded database lives in /app/data: mount a volume there to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# No curl in the slim image: Node's fetch asks /health.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1, so SIGTERM from `docker stop` reaches the graceful shutdown (npm would stand between).
CMD ["node", "dist/main.js"]
