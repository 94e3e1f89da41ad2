/**
 * One-paragraph descriptions of the Dockerfile instructions, shown on hover over a keyword.
 */
export const INSTRUCTION_DOCS: Readonly<Record<string, string>> = {
  FROM: "Starts a build stage from a base image: `FROM [--platform=…] image[:tag|@digest] [AS name]`. Prefer a small, pinned base such as `python:3.12-slim-bookworm`.",
  RUN: 'Runs a command in a new layer: shell form (`RUN cmd && cmd`, run by the SHELL in effect) or exec form (`RUN ["cmd", "arg"]`). Flags: `--mount`, `--network`, `--security`.',
  CMD: "The default command of the container, or the default arguments of ENTRYPOINT. Use the exec (JSON) form so the program is process 1 and receives stop signals. Only the last CMD of a stage counts.",
  LABEL:
    "Adds metadata to the image: `LABEL key=value …`. Use the `org.opencontainers.image.*` keys for authors, source, version.",
  MAINTAINER: 'Deprecated. Use `LABEL org.opencontainers.image.authors="…"` instead.',
  EXPOSE: "Documents the ports the container listens on: `EXPOSE 80` or `EXPOSE 53/udp`. It does not publish them.",
  ENV: "Sets environment variables for the rest of the stage and the running container: `ENV KEY=value`. Never put secrets here: they stay in the image.",
  ADD: "Copies files into the image, and also downloads URLs and unpacks local archives. For plain files use COPY, which does only that.",
  COPY: "Copies files from the build context (or `--from` another stage or image) into the image. Copy dependency manifests before the code so the install layer stays cached.",
  ENTRYPOINT:
    "The program the container runs; CMD and `docker run` arguments are passed to it. Use the exec (JSON) form: the shell form ignores CMD and the run arguments.",
  VOLUME: "Declares mount points: `VOLUME /data`. Changes to that path in later instructions are discarded.",
  USER: "The user (and group) that later RUN, CMD and ENTRYPOINT run as. Ship images that run as a non-root user.",
  WORKDIR:
    "Sets the working directory for the following instructions, creating it if needed. Use an absolute path instead of `cd` in RUN.",
  ARG: "Declares a build argument (`--build-arg`): `ARG NAME[=default]`. Before the first FROM it is usable in FROM lines only. Never pass secrets this way: use `RUN --mount=type=secret`.",
  ONBUILD: "Registers an instruction that runs when another build uses this image as its base.",
  STOPSIGNAL: "The signal `docker stop` sends to the container's process 1, e.g. `STOPSIGNAL SIGTERM`.",
  HEALTHCHECK:
    "How to check that the container still works: `HEALTHCHECK [--interval=…] CMD …`, or `HEALTHCHECK NONE` to disable the base image's.",
  SHELL:
    'The shell for shell-form RUN, CMD and ENTRYPOINT, in exec form: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
};
