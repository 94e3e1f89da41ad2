# syntax=docker/dockerfile:1
# dockerfix in a container: `docker run --rm -v "$PWD:/work" dockerfix lint`

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the build needs only the bash grammar's .wasm, not the native modules.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsup.config.ts ./
COPY scripts ./scripts
COPY bin ./bin
# The secret-value rule's documented bad example is a made-up connection string with a password.
# dockerfix ignore=context-secret-content -- the rule documentation's example, not a credential
COPY docs ./docs
# dockerfix ignore=context-secret-content -- the same example in the rule's source
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20.2-bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends shellcheck=0.9.0-1 \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /opt/dockerfix
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
COPY --from=build /src/docs ./docs
RUN ln -s /opt/dockerfix/bin/dockerfix.js /usr/local/bin/dockerfix
# The image's unprivileged `node` user.
USER 1000
WORKDIR /work
ENTRYPOINT ["dockerfix"]
CMD ["lint", "--help"]
