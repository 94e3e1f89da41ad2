import rule from "../../src/rules/catalog/dependency-install-order.js";
import { memoryContext } from "../helpers/memory-context.js";
import { ruleTester } from "../helpers/rule-tester.js";

const FLASK =
  "FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt base.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n";
const includes = (requirements: string, extra: Record<string, string> = {}) =>
  memoryContext({ "app.py": "import flask\n", "requirements.txt": requirements, "base.txt": "flask\n", ...extra });

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
      name: "fix: npm: workspaces need their packages: unsafe",
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
      name: "fix: go: a module replaced by a local folder: unsafe",
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
      name: "fix: bundler: a Gemfile with gemspec reads the project's .gemspec: unsafe",
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
      name: "fix: maven: a multi-module pom needs its modules: unsafe",
      code: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline\n",
      context: memoryContext({
        "pom.xml": "<project><modules><module>core</module></modules></project>",
        "core/pom.xml": "",
      }),
      errors: [{ line: 4 }],
      output: "FROM maven:3\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline\n",
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
