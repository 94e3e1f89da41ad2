/**
 * Dockerfiles that follow every essential lint with no finding at all under the default configuration: a
 * good file must exit 0 at the default `info` threshold, and a rule that fires on one is wrong, not the
 * file. Each is linted with its build context (a `.dockerignore` and the files it copies), and with
 * ShellCheck when it is installed. The set: a multi-stage uv build, a pip app, a Node.js app, Go and
 * Python on distroless `nonroot`, the repository's examples/good/Dockerfile, and what `dockerfix init`
 * writes for a few projects.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generate } from "../../src/generate/index.js";
import { memoryProject } from "../../src/generate/project.js";
import type { BuildContext } from "../../src/model/context.js";
import { initialize } from "../../src/rules/lint.js";
import { lintWithShellcheck } from "../../src/rules/shellcheck.js";
import { memoryContext } from "../helpers/memory-context.js";

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "../../examples");
const shellcheckInstalled = spawnSync("shellcheck", ["--version"]).status === 0;

const DOCKERIGNORE = ".git\n.venv\n__pycache__\nnode_modules\n.env\n*.pem\n";

interface GoodFile {
  name: string;
  dockerfile: string;
  /** Files of the build context besides the Dockerfile and `.dockerignore`. */
  files: string[];
}

const GOOD: GoodFile[] = [
  {
    name: "multi-stage uv build, unprivileged numeric user",
    files: ["pyproject.toml", "uv.lock", "app/__init__.py", "app/main.py"],
    dockerfile: `# syntax=docker/dockerfile:1
FROM ghcr.io/astral-sh/uv:0.8.13 AS uv

FROM python:3.12-slim-trixie AS build
COPY --from=uv /uv /uvx /bin/
ENV UV_COMPILE_BYTECODE=1 \\
    UV_LINK_MODE=copy \\
    UV_PYTHON_DOWNLOADS=0
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --locked --no-install-project --no-dev
COPY . .
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --locked --no-dev

FROM python:3.12-slim-trixie
RUN useradd --no-log-init --create-home --uid 10001 --user-group app
WORKDIR /app
COPY --from=build --chown=10001:10001 /app /app
ENV PATH="/app/.venv/bin:$PATH" \\
    PYTHONUNBUFFERED=1
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
`,
  },
  {
    name: "pip app running as a named user created with a fixed id",
    files: ["requirements.txt", "app.py"],
    dockerfile: `FROM python:3.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --uid 10001 appuser
WORKDIR /srv
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER appuser
EXPOSE 8080
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/', timeout=4)"]
CMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]
`,
  },
  {
    name: "Node.js app as the image's node user",
    files: ["package.json", "package-lock.json", "server.js"],
    dockerfile: `FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
`,
  },
  {
    name: "Go binary on distroless static, nonroot",
    files: ["go.mod", "go.sum", "cmd/app/main.go"],
    dockerfile: `FROM golang:1.23-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/app"]
`,
  },
  {
    name: "Python on distroless, nonroot by id",
    files: ["requirements.txt", "main.py"],
    dockerfile: `FROM python:3.11-slim-bookworm AS build
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir --target /app/deps -r requirements.txt
COPY . .

FROM gcr.io/distroless/python3-debian12:nonroot
WORKDIR /app
COPY --from=build /app /app
ENV PYTHONPATH=/app/deps
USER 65532
ENTRYPOINT ["python3", "main.py"]
`,
  },
];

function contextOf(files: string[], dockerfile: string, dockerignore: string, name = "Dockerfile"): BuildContext {
  const entries: Record<string, string> = {};
  for (const f of files) entries[f] = "";
  entries[name === "Dockerfile" ? ".dockerignore" : `${name}.dockerignore`] = dockerignore;
  entries[name] = dockerfile;
  return memoryContext(entries, dockerignore, name === "Dockerfile" ? ".dockerignore" : `${name}.dockerignore`);
}

async function findingsOf(dockerfile: string, buildContext: BuildContext): Promise<string[]> {
  const result = await lintWithShellcheck(dockerfile, { buildContext });
  if (shellcheckInstalled) assert.equal(result.shellcheck.status, "ran", result.shellcheck.message ?? "");
  return result.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.rule} ${f.message}`);
}

describe("good Dockerfiles lint with no finding", () => {
  before(async () => {
    await initialize();
  });

  for (const good of GOOD) {
    it(good.name, async () => {
      const found = await findingsOf(good.dockerfile, contextOf(good.files, good.dockerfile, DOCKERIGNORE));
      assert.deepEqual(found, [], good.dockerfile);
    });
  }

  it("examples/good/Dockerfile", async () => {
    const dir = join(EXAMPLES, "good");
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf8");
    const files = readdirSync(dir).filter((f) => f !== "Dockerfile");
    const found = await findingsOf(dockerfile, contextOf(files, dockerfile, DOCKERIGNORE));
    assert.deepEqual(found, []);
  });

  const projects: Record<string, Record<string, string>> = {
    "FastAPI with pip": {
      "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n",
      "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    },
    "Streamlit with uv": {
      "pyproject.toml":
        '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["streamlit>=1.38"]\n',
      "uv.lock": "version = 1\n",
      "app.py": "import streamlit as st\nst.write('hi')\n",
    },
    "Flask with a .python-version": {
      ".python-version": "3.13\n",
      "requirements.txt": "flask==3.0.3\ngunicorn==23.0.0\n",
      "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    },
  };
  for (const [name, files] of Object.entries(projects)) {
    it(`dockerfix init output: ${name}`, async () => {
      const result = generate(memoryProject(files));
      const found = await findingsOf(
        result.dockerfile,
        contextOf(Object.keys(files), result.dockerfile, result.dockerignore),
      );
      assert.deepEqual(found, [], result.dockerfile);
    });
  }
});
