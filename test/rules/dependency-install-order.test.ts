import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { BuildContext } from "../../src/model/context.js";
import rule from "../../src/rules/catalog/dependency-install-order.js";
import { initialize } from "../../src/rules/lint.js";
import { memoryContext } from "../helpers/memory-context.js";
import { findingsOf, ruleTester } from "../helpers/rule-tester.js";

const FLASK =
  "FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt base.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n";
const includes = (requirements: string, extra: Record<string, string> = {}) =>
  memoryContext({ "app.py": "import flask\n", "requirements.txt": requirements, "base.txt": "flask\n", ...extra });
const PIP = "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n";
const requirements = (content: string, extra: Record<string, string> = {}) =>
  memoryContext({ "app.py": "", "requirements.txt": content, ...extra });
const BUNDLE = "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n";
const gemfile = (content: string, extra: Record<string, string> = {}) =>
  memoryContext({ Gemfile: `source "https://rubygems.org"\n${content}`, "Gemfile.lock": "", ...extra });
const PNPM = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n";
const pnpm = (pkg: object, extra: Record<string, string> = {}) =>
  memoryContext({ "package.json": JSON.stringify(pkg), "pnpm-lock.yaml": "", "index.js": "", ...extra });

ruleTester(rule, {
  valid: [
    "FROM p\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
    "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install .\n",
    "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\n",
    "FROM p\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --no-install-project\nCOPY . .\nRUN uv sync\n",
    "FROM node\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
    // Manifests copied with wildcards, the usual way to copy optional lock files.
    'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "i.js"]\n',
    "FROM node\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./\nRUN npm ci\nCOPY . .\n",
    "FROM p\nWORKDIR /app\nCOPY pyproject.toml poetry.lock* ./\nRUN poetry install --no-root\nCOPY . .\n",
    "FROM p\nWORKDIR /app\nCOPY requirements*.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
    {
      name: "a wildcard that matches only manifests in the build context",
      code: "FROM p\nWORKDIR /app\nCOPY req*.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
      context: memoryContext({ "requirements.txt": "flask\n", "app.py": "" }),
    },
    {
      name: "requirements that install local code (-e .) need the code",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: memoryContext({ "requirements.txt": "flask\n-e .\n", "setup.py": "" }),
    },
    {
      name: "an install from a wheel folder of the context needs more than the manifests",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install --no-index --find-links=wheels -r requirements.txt\n",
    },
    {
      name: "a copy from another stage is not the code",
      code: "FROM p\nCOPY --from=build /out /app\nRUN pip install flask\n",
    },
    {
      name: "system packages after copying one file",
      code: "FROM p\nCOPY app.conf /etc/\nRUN apt-get install -y curl\n",
    },
    { name: "another stage", code: "FROM p AS a\nCOPY . /src\nFROM p\nRUN pip install -r requirements.txt\n" },
    {
      name: "a file requirements.txt includes with -r is a manifest",
      code: FLASK,
      context: includes("-r base.txt\ngunicorn\n"),
    },
    ...[
      "-c base.txt",
      "--requirement base.txt",
      "--constraint=base.txt",
      "-rbase.txt",
      "  -r ./base.txt  # shared",
    ].map((line) => ({ name: `included with ${line.trim()}`, code: FLASK, context: includes(`${line}\ngunicorn\n`) })),
    {
      name: "includes are followed through one another, relative to the including file",
      code: "FROM p\nWORKDIR /srv\nCOPY requirements.txt deps/common.txt pins.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
      context: memoryContext({
        "requirements.txt": "-r deps/common.txt\ngunicorn\n",
        "deps/common.txt": "-c ../pins.txt\nflask\n",
        "pins.txt": "flask==3.1.0\n",
      }),
    },
    // Local code in a requirements file, however written, is installed from the code: as `-e .` and `./pkg`.
    ...["wheels/x-1.0-py3-none-any.whl", "lib/", "./pkg", "../x", "x-1.0.tar.gz", "mypkg @ file:///app/mypkg"].map(
      (line) => ({
        name: `a requirements file naming local code: ${line}`,
        code: PIP,
        context: requirements(`flask\n${line}\n`, { "wheels/x-1.0-py3-none-any.whl": "", "lib/setup.py": "" }),
      }),
    ),
    // A wheel folder of the context in a requirements file, as on pip's command line (`pip install -f wheels`).
    ...["--find-links ./wheels", "-f wheels", "--find-links=file:///app/wheels", "--index-url ./simple"].map(
      (line) => ({
        name: `a requirements file reading packages from the context: ${line}`,
        code: PIP,
        context: requirements(`${line}\nflask\n`, { "wheels/flask-3.1.0-py3-none-any.whl": "" }),
      }),
    ),
    {
      name: "the Maven wrapper and its .mvn folder, copied with pom.xml, are no code",
      code: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY mvnw pom.xml ./\nCOPY .mvn .mvn\nRUN ./mvnw dependency:go-offline\nCOPY src src\n",
    },
    {
      name: "a build script is no dependency install",
      code: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./gradlew dependencies\n",
    },
    {
      name: "a file the install names is a manifest, without the build context",
      code: "FROM p\nWORKDIR /srv\nCOPY base.txt requirements.txt ./\nRUN pip install -r base.txt -r requirements.txt\nCOPY . .\n",
    },
  ],
  invalid: [
    {
      name: "a .txt file that no requirements file includes is code",
      code: FLASK,
      context: includes("flask\ngunicorn\n"),
      errors: [{ line: 4, message: /runs after `COPY requirements.txt base.txt \.\/` \(line 3\)/ }],
    },
    {
      name: "an include is resolved relative to the including file: base.txt at the root is not requirements/base.txt",
      code: "FROM p\nWORKDIR /srv\nCOPY requirements/prod.txt base.txt ./\nRUN pip install -r prod.txt\nCOPY . .\n",
      context: memoryContext({ "requirements/prod.txt": "-r base.txt\n", "base.txt": "x\n" }),
      errors: [{ line: 4 }],
    },
    {
      code: "FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n",
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 36,
          message:
            "`pip install -r requirements.txt` runs after `COPY . .` (line 2), so every change to the code reinstalls the dependencies; copy requirements.txt first and install before copying the code",
        },
      ],
    },
    {
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n",
      errors: [{ line: 4, column: 5, endColumn: 11, message: /copy package\.json and package-lock\.json first/ }],
    },
    {
      code: "FROM p\nWORKDIR /app\nCOPY src/ src/\nRUN poetry install --no-root\n",
      errors: [{ line: 4, message: /pyproject\.toml and poetry\.lock/ }],
    },
    {
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y gcc\n",
      errors: [{ line: 4, column: 23, message: /system packages/ }],
    },
    {
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN sudo -E python3 -m pip install flask\n",
      errors: [{ line: 4, message: /move the install before/ }],
    },
    {
      name: "position on a continuation line",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN set -eux; \\\n    pip install \\\n      -r requirements.txt\n",
      errors: [{ line: 5, column: 5, endLine: 6, endColumn: 26 }],
    },
    {
      name: "a wildcard that names no manifest (*.json) may copy code",
      code: "FROM p\nWORKDIR /app\nCOPY *.json ./\nRUN pip install -r requirements.txt\n",
      errors: [{ line: 4, message: /runs after `COPY \*\.json \.\/`/ }],
    },
    {
      name: "a wildcard that matches code in the build context copies code",
      code: "FROM p\nWORKDIR /app\nCOPY package* ./\nRUN npm ci\n",
      context: memoryContext({ "package.json": "{}", "packages/app/index.js": "" }),
      errors: [{ line: 4 }],
    },
    {
      name: "fix: copy the manifest first and move the install (unsafe without the build context)",
      code: 'FROM p\nWORKDIR /app\nCOPY . .\n# deps\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      errors: [{ line: 5 }],
      output:
        'FROM p\nWORKDIR /app\nCOPY requirements.txt .\n# deps\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      unsafe: true,
    },
    {
      name: "fix: the files a requirements file includes are copied with it, and the move is safe",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: includes("-r base.txt\ngunicorn\n"),
      errors: [{ line: 4 }],
      output:
        "FROM p\nWORKDIR /app\nCOPY requirements.txt base.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n",
    },
    {
      name: "fix: a file in a subfolder is copied to that subfolder (a COPY of several files flattens them)",
      code: "FROM p\nWORKDIR /app\nCOPY --chown=app . .\nRUN pip install -r requirements.txt\n",
      context: memoryContext({ "requirements.txt": "-r reqs/base.txt\n", "reqs/base.txt": "flask\n" }),
      errors: [{ line: 4 }],
      output:
        "FROM p\nWORKDIR /app\nCOPY --chown=app requirements.txt .\nCOPY --chown=app reqs/base.txt reqs/\nRUN pip install -r requirements.txt\nCOPY --chown=app . .\n",
    },
    {
      name: "fix: a manifest the install names in a subfolder goes to that subfolder of the destination",
      code: "FROM p\nWORKDIR /srv\nCOPY . /srv/\nRUN pip install -r requirements/prod.txt -r requirements/dev.txt\n",
      context: memoryContext({ "requirements/prod.txt": "flask\n", "requirements/dev.txt": "pytest\n" }),
      errors: [{ line: 4 }],
      output:
        "FROM p\nWORKDIR /srv\nCOPY requirements/prod.txt requirements/dev.txt /srv/requirements/\nRUN pip install -r requirements/prod.txt -r requirements/dev.txt\nCOPY . /srv/\n",
    },
    {
      name: "fix: a manifest copied elsewhere earlier is copied again, where the install reads it",
      code: "FROM p\nWORKDIR /app\nCOPY requirements.txt /tmp/\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: memoryContext({ "requirements.txt": "flask\n" }),
      errors: [{ line: 5 }],
      output:
        "FROM p\nWORKDIR /app\nCOPY requirements.txt /tmp/\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
    },
    {
      name: "fix: a manifest an earlier COPY put where the install reads it is not copied again",
      code: "FROM p\nWORKDIR /app\nCOPY requirements.txt /app/requirements.txt\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: memoryContext({ "requirements.txt": "flask\n" }),
      errors: [{ line: 5 }],
      output:
        "FROM p\nWORKDIR /app\nCOPY requirements.txt /app/requirements.txt\nRUN pip install -r requirements.txt\nCOPY . .\n",
    },
    {
      name: "fix: npm: a plain package.json and its lock file: safe",
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
      context: memoryContext({
        "package.json": '{"dependencies": {"express": "4.21.0"}}',
        "package-lock.json": "{}",
        "i.js": "",
      }),
      errors: [{ line: 4 }],
      output: "FROM node\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n",
    },
    {
      name: "fix: npm: a postinstall script reads the code: unsafe",
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
      context: memoryContext({
        "package.json": '{"scripts": {"postinstall": "node scripts/setup.js"}}',
        "package-lock.json": "{}",
        "scripts/setup.js": "",
      }),
      errors: [{ line: 4 }],
      output: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
    },
    {
      name: "fix: npm: workspaces need their packages: no fix",
      code: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
      context: memoryContext({
        "package.json": '{"workspaces": ["packages/*"]}',
        "package-lock.json": "{}",
        "packages/a/package.json": "{}",
      }),
      errors: [{ line: 4 }],
      output: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
    },
    {
      name: "fix: none for cargo, which refuses a manifest without its targets",
      code: "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo fetch\n",
      context: memoryContext({
        "Cargo.toml": '[package]\nname = "app"\n',
        "Cargo.lock": "",
        "src/main.rs": "fn main() {}\n",
      }),
      errors: [{ line: 4 }],
      output: "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo fetch\n",
    },
    {
      name: "fix: none for cargo, which refuses a manifest without its targets",
      code: "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo fetch\n",
      context: memoryContext({
        "Cargo.toml": '[package]\nname = "app"\n',
        "Cargo.lock": "",
        "src/main.rs": "fn main() {}\n",
      }),
      errors: [{ line: 4 }],
      unsafe: true,
      output: "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo fetch\n",
    },
    {
      name: "fix: go: a module replaced by a local folder: no fix",
      code: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\n",
      context: memoryContext({
        "go.mod": "module app\nreplace example.com/lib => ./lib\n",
        "go.sum": "",
        "lib/go.mod": "",
      }),
      errors: [{ line: 4 }],
      output: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\n",
    },
    {
      name: "fix: go: a plain go.mod: safe",
      code: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\n",
      context: memoryContext({ "go.mod": "module app\nrequire example.com/lib v1.0.0\n", "go.sum": "", "main.go": "" }),
      errors: [{ line: 4 }],
      output: "FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n",
    },
    {
      name: "fix: bundler: a Gemfile with gemspec reads the project's .gemspec: no fix",
      code: "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n",
      context: memoryContext({
        Gemfile: 'source "https://rubygems.org"\ngemspec\n',
        "Gemfile.lock": "",
        "app.gemspec": "",
      }),
      errors: [{ line: 4 }],
      output: "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\n",
    },
    {
      name: "fix: maven: a multi-module pom needs its modules: no fix",
      code: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline\n",
      context: memoryContext({
        "pom.xml": "<project><modules><module>core</module></modules></project>",
        "core/pom.xml": "",
      }),
      errors: [{ line: 4 }],
      output: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline\n",
    },
    {
      name: "fix: the Maven wrapper is a file of the context: no fix, and the message names it",
      code: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./mvnw dependency:go-offline\n",
      context: memoryContext({ "pom.xml": "<project/>", mvnw: "#!/bin/sh\n", "src/Main.java": "" }),
      errors: [{ line: 4, message: /copy pom\.xml, mvnw and \.mvn first/ }],
      output: "FROM eclipse-temurin:21\nWORKDIR /app\nCOPY . .\nRUN ./mvnw dependency:go-offline\n",
      unsafe: true,
    },
    {
      name: "fix: pip of a virtual environment made before the code is no file of the context: safe",
      code: "FROM p\nWORKDIR /app\nRUN python -m venv .venv\nCOPY . .\nRUN .venv/bin/pip install -r requirements.txt\n",
      context: requirements("flask\n"),
      errors: [{ line: 5 }],
      output:
        "FROM p\nWORKDIR /app\nRUN python -m venv .venv\nCOPY requirements.txt .\nRUN .venv/bin/pip install -r requirements.txt\nCOPY . .\n",
    },
    {
      name: "fix: a remote wheel folder in the environment reads nothing of the context: safe",
      code: "FROM p\nENV PIP_FIND_LINKS=https://example.com/wheels PIP_NO_INDEX=0\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: requirements("flask\n"),
      errors: [{ line: 5 }],
      output:
        "FROM p\nENV PIP_FIND_LINKS=https://example.com/wheels PIP_NO_INDEX=0\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
    },
    {
      name: "fix: bundler: a Gemfile of gems only: safe",
      code: BUNDLE,
      context: gemfile('gem "rails", "~> 7.1"\n', { "app.rb": "" }),
      errors: [{ line: 4 }],
      output: "FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n",
    },
    {
      name: "fix: pnpm: a plain package.json and its lock file: safe",
      code: PNPM,
      context: pnpm({ dependencies: { express: "4.21.0" } }),
      errors: [{ line: 4 }],
      output:
        "FROM node:20\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\nCOPY . .\n",
    },
    {
      name: "fix: maven: a parent looked up in the repositories (<relativePath/>): safe",
      code: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline\n",
      context: memoryContext({ "pom.xml": "<project><parent><relativePath/></parent></project>", "src/A.java": "" }),
      errors: [{ line: 4 }],
      output: "FROM maven:3\nWORKDIR /app\nCOPY pom.xml .\nRUN mvn dependency:go-offline\nCOPY . .\n",
    },
    {
      name: "fix: a manifest missing from the context (CI may make it first) is copied as named: unsafe",
      code: PIP,
      context: memoryContext({ "app.py": "" }),
      errors: [{ line: 4 }],
      output: "FROM p\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
      unsafe: true,
    },
    {
      name: "fix: an include from a URL keeps the move unsafe",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: includes("-r https://example.com/base.txt\ngunicorn\n"),
      errors: [{ line: 4 }],
      output: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
    },
    {
      name: "fix: none when an included file is missing from the context",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: memoryContext({ "requirements.txt": "-r missing.txt\n" }),
      errors: [{ line: 4 }],
      output: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      unsafe: true,
    },
    {
      name: "fix: safe for a system install with nothing in between",
      code: "FROM p\nWORKDIR /app\nCOPY --chown=app . .\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 4, column: 23 }],
      output:
        "FROM p\nWORKDIR /app\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY --chown=app . .\n",
    },
    {
      name: "fix: optional lock files are copied with a pattern, to a folder destination",
      code: "FROM n\nWORKDIR /app\nCOPY . /app\nRUN yarn install --frozen-lockfile\n",
      errors: [{ line: 4 }],
      output:
        "FROM n\nWORKDIR /app\nCOPY package.json yarn.lock* /app/\nRUN yarn install --frozen-lockfile\nCOPY . /app\n",
      unsafe: true,
    },
    {
      name: "fix: none when the RUN does more than install",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && python manage.py collectstatic\n",
      errors: [{ line: 4 }],
      output: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && python manage.py collectstatic\n",
      unsafe: true,
    },
    {
      name: "fix: none when a WORKDIR lies between",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nWORKDIR /app/sub\nRUN pip install -r requirements.txt\n",
      errors: [{ line: 5 }],
      output: "FROM p\nWORKDIR /app\nCOPY . .\nWORKDIR /app/sub\nRUN pip install -r requirements.txt\n",
      unsafe: true,
    },
  ],
});

/** The applicability of the fix of the rule's only finding: "safe", "unsafe" or "none". */
function applicability(code: string, context?: BuildContext): string {
  const found = findingsOf(rule, { code, context });
  assert.equal(found.length, 1, `expected one finding for:\n${code}`);
  return found[0].fix?.applicability ?? "none";
}

describe("dependency-install-order: how safe the fix is", () => {
  before(async () => {
    await initialize();
  });
  const cases: { name: string; code: string; context?: BuildContext; expected: string }[] = [
    {
      name: "the Maven wrapper, a file of the context",
      code: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN ./mvnw dependency:go-offline\n",
      context: memoryContext({ "pom.xml": "<project/>", mvnw: "", ".mvn/wrapper/maven-wrapper.properties": "" }),
      expected: "none",
    },
    {
      name: "the Maven wrapper, without the build context",
      code: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN ./mvnw dependency:go-offline\n",
      expected: "none",
    },
    {
      name: "a script of the context in the same RUN",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN sh scripts/install.sh && pip install -r requirements.txt\n",
      context: requirements("flask\n", { "scripts/install.sh": "" }),
      expected: "none",
    },
    {
      name: "ENV PIP_FIND_LINKS with a local folder",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nENV PIP_FIND_LINKS=/app/wheels\nRUN pip install -r requirements.txt\n",
      context: requirements("flask\n", { "wheels/flask-3.1.0-py3-none-any.whl": "" }),
      expected: "none",
    },
    {
      name: "ENV PIP_FIND_LINKS set before the code is copied",
      code: "FROM p\nENV PIP_FIND_LINKS=wheels\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: requirements("flask\n", { "wheels/flask-3.1.0-py3-none-any.whl": "" }),
      expected: "none",
    },
    {
      name: "ENV PIP_NO_INDEX=1",
      code: "FROM p\nENV PIP_NO_INDEX=1\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: requirements("flask\n"),
      expected: "none",
    },
    {
      name: "ARG PIP_NO_INDEX=true",
      code: "FROM p\nARG PIP_NO_INDEX=true\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      context: requirements("flask\n"),
      expected: "none",
    },
    {
      name: "PIP_NO_INDEX=1 before the command",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN PIP_NO_INDEX=1 pip install -r requirements.txt\n",
      context: requirements("flask\n"),
      expected: "none",
    },
    {
      name: "pip install --no-index",
      code: "FROM p\nWORKDIR /app\nCOPY . .\nRUN pip install --no-index -r requirements.txt\n",
      context: requirements("flask\n"),
      expected: "none",
    },
    {
      name: "a remote editable requirement (checked out to ./src)",
      code: PIP,
      context: requirements("-e git+https://github.com/pallets/flask.git#egg=flask\n"),
      expected: "unsafe",
    },
    {
      name: "requirements of packages and remote URLs only",
      code: PIP,
      context: requirements(
        'flask==3.1.0\nrequests[socks]>=2; python_version >= "3.8"\nlib @ https://example.com/lib-1.0.whl\n' +
          "git+https://github.com/a/b.git\n--find-links https://example.com/wheels\n",
      ),
      expected: "safe",
    },
    {
      name: "a Gemfile with a path: gem",
      code: BUNDLE,
      context: gemfile('gem "x", path: "vendor/x"\n'),
      expected: "none",
    },
    {
      name: "a Gemfile with a path block",
      code: BUNDLE,
      context: gemfile('path "components" do\n  gem "admin"\nend\n'),
      expected: "none",
    },
    { name: "a Gemfile with gemspec", code: BUNDLE, context: gemfile("gemspec\n"), expected: "none" },
    {
      name: "a Gemfile that reads the Ruby version from .ruby-version",
      code: BUNDLE,
      context: gemfile('ruby file: ".ruby-version"\ngem "rails"\n', { ".ruby-version": "3.3.0\n" }),
      expected: "none",
    },
    {
      name: "a Gemfile that reads the Ruby version from .tool-versions",
      code: BUNDLE,
      context: gemfile('ruby(file: ".tool-versions")\ngem "rails"\n', { ".tool-versions": "ruby 3.3.0\n" }),
      expected: "none",
    },
    {
      name: "a Gemfile with a Ruby version written in it",
      code: BUNDLE,
      context: gemfile('ruby "3.3.0"\ngem "rails"\n'),
      expected: "safe",
    },
    {
      name: "a vendor/cache folder, which bundler installs from",
      code: BUNDLE,
      context: gemfile('gem "rails"\n', { "vendor/cache/rails-7.1.0.gem": "" }),
      expected: "none",
    },
    {
      name: "a vendor/cache folder that .dockerignore excludes",
      code: BUNDLE,
      context: memoryContext(
        {
          Gemfile: 'source "https://rubygems.org"\ngem "rails"\n',
          "Gemfile.lock": "",
          "vendor/cache/rails-7.1.0.gem": "",
        },
        "vendor/cache\n",
      ),
      expected: "safe",
    },
    {
      name: "a .bundle/config, which the fix does not copy",
      code: BUNDLE,
      context: gemfile('gem "rails"\n', { ".bundle/config": 'BUNDLE_WITHOUT: "development"\n' }),
      expected: "unsafe",
    },
    {
      name: "pnpm: patched dependencies in package.json",
      code: PNPM,
      context: pnpm(
        { dependencies: { a: "1.0.0" }, pnpm: { patchedDependencies: { "a@1.0.0": "patches/a@1.0.0.patch" } } },
        { "patches/a@1.0.0.patch": "" },
      ),
      expected: "none",
    },
    {
      name: "pnpm: patched dependencies in pnpm-workspace.yaml",
      code: PNPM,
      context: pnpm(
        { dependencies: { a: "1.0.0" } },
        {
          "pnpm-workspace.yaml": "patchedDependencies:\n  a@1.0.0: patches/a@1.0.0.patch\n",
          "patches/a@1.0.0.patch": "",
        },
      ),
      expected: "none",
    },
    {
      name: "pnpm: a file: dependency",
      code: PNPM,
      context: pnpm({ dependencies: { a: "file:./vendor/a" } }, { "vendor/a/package.json": "{}" }),
      expected: "none",
    },
    {
      name: "pnpm: a link: override",
      code: PNPM,
      context: pnpm({ pnpm: { overrides: { a: "link:./vendor/a" } } }),
      expected: "none",
    },
    {
      name: "pnpm: pnpm-workspace.yaml with settings only, which the fix does not copy",
      code: PNPM,
      context: pnpm(
        { dependencies: { a: "1.0.0" } },
        { "pnpm-workspace.yaml": "onlyBuiltDependencies:\n  - esbuild\n" },
      ),
      expected: "unsafe",
    },
    {
      name: "yarn: a patch: resolution",
      code: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install\n",
      context: memoryContext({
        "package.json": JSON.stringify({ resolutions: { a: "patch:a@1.0.0#./.yarn/patches/a.patch" } }),
        "yarn.lock": "",
      }),
      expected: "none",
    },
    {
      name: "npm: an install script (it may read anything)",
      code: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
      context: memoryContext({ "package.json": '{"scripts": {"prepare": "husky"}}', "package-lock.json": "{}" }),
      expected: "unsafe",
    },
    {
      name: "a manifest missing from the context",
      code: PIP,
      context: memoryContext({ "app.py": "" }),
      expected: "unsafe",
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.expected}`, () => {
      assert.equal(applicability(c.code, c.context), c.expected);
    });
  }
});
