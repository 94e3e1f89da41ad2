/**
 * The ways dockerfix is distributed besides npm: the GitHub Action (action.yml), the pre-commit hooks
 * (.pre-commit-hooks.yaml) and the container image (Dockerfile, .dockerignore).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { buildProgram } from "../../src/cli/program.js";
import { runCli, TempTree } from "../cli/helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};
const commands = buildProgram(() => {}, [], {
  stdout: () => {},
  stderr: () => {},
  stdin: () => new Uint8Array(),
  isTTY: false,
  env: {},
}).commands.map((c) => c.name());

/** The program and the command of an entry such as `dockerfix lint`, checked against package.json and the CLI. */
function assertEntry(entry: string): void {
  const [bin, command] = entry.split(/\s+/);
  assert.ok(pkg.bin[bin], `${bin} is a bin of package.json`);
  assert.ok(existsSync(join(root, pkg.bin[bin])), `${pkg.bin[bin]} exists`);
  assert.ok(commands.includes(command), `${command} is a dockerfix command`);
}

interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: {
    using: string;
    steps: { name?: string; id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string> }[];
  };
}

describe("GitHub Action (action.yml)", () => {
  const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as Action;
  const text = readFileSync(join(root, "action.yml"), "utf8");

  it("is a composite action with a name, a description and the documented inputs and outputs", () => {
    assert.equal(action.runs.using, "composite");
    assert.equal(typeof action.name, "string");
    assert.ok(action.description.length > 20);
    for (const input of ["paths", "format", "failure-threshold", "config", "sarif-file"]) {
      assert.ok(action.inputs[input], `input ${input}`);
      assert.equal(typeof action.inputs[input].description, "string");
      assert.equal(action.inputs[input].required, false, `${input} is optional`);
    }
    assert.ok(action.outputs["exit-code"].value.includes("steps.lint.outputs.exit-code"));
    assert.ok(action.outputs["sarif-file"].value.includes("steps.lint.outputs.sarif-file"));
  });

  it("sets up Node, builds its own checkout and runs that copy's bin", () => {
    const steps = action.runs.steps;
    assert.ok(steps.some((s) => s.uses?.startsWith("actions/setup-node@")));
    const build = steps.find((s) => s.run?.includes("npm ci"));
    assert.ok(build?.run?.includes("npm run build"), "builds dist/");
    assert.ok(pkg.scripts.build);
    const lint = steps.find((s) => s.id === "lint");
    assert.ok(lint?.run && lint.env);
    assert.equal(lint.env.DOCKERFIX, `\${{ github.action_path }}/${pkg.bin.dockerfix}`);
    assert.match(lint.run, /node "\$DOCKERFIX" lint /);
    assertEntry("dockerfix lint");
    for (const s of steps) if (s.run) assert.equal(s.shell, "bash", `${s.name}: composite run steps need a shell`);
  });

  it("passes inputs through the environment only, and every input it uses is declared", () => {
    for (const s of action.runs.steps)
      assert.doesNotMatch(s.run ?? "", /\$\{\{/, `${s.name}: no expression in a script`);
    for (const m of text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)) assert.ok(action.inputs[m[1]], m[1]);
    for (const input of Object.keys(action.inputs)) assert.match(text, new RegExp(`inputs\\.${input}\\b`), input);
  });

  describe("the lint step, run by bash", () => {
    const lint = action.runs.steps.find((s) => s.id === "lint");
    const trees: TempTree[] = [];
    after(() => {
      for (const t of trees) t.remove();
    });

    /**
     * Runs the step's script as the runner would (its env with the inputs' defaults, then `inputs`), with
     * `DOCKERFIX` the program given: what it printed, its exit code, and the outputs it set.
     */
    const runStep = (
      t: TempTree,
      dockerfix: string,
      inputs: Record<string, string>,
      env: Record<string, string> = {},
    ) => {
      const vars: Record<string, string> = {};
      for (const [name, value] of Object.entries(lint?.env ?? {})) {
        const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
        if (input) vars[name] = inputs[input] ?? action.inputs[input].default ?? "";
      }
      const outputs = t.path("github-output");
      t.write("github-output", "");
      const r = spawnSync("bash", ["-e", "-c", lint?.run ?? ""], {
        cwd: t.root,
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...vars, ...env, DOCKERFIX: dockerfix, GITHUB_OUTPUT: outputs },
      });
      const set = Object.fromEntries(
        readFileSync(outputs, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs: set };
    };

    /**
     * A stand-in for dockerfix: the SARIF pass (`--output FILE`) writes FILE unless STUB_NO_WRITE is set and exits with
     * STUB_SARIF, the other pass prints an annotation and exits with STUB_LOG; each run's arguments go to calls.log.
     */
    const stub = (t: TempTree) => {
      t.write(
        "stub.mjs",
        [
          'import { appendFileSync, writeFileSync } from "node:fs";',
          "const args = process.argv.slice(2);",
          'appendFileSync("calls.log", `${args.join(" ")}\\n`);',
          'const out = args.indexOf("--output");',
          "if (out >= 0) {",
          '  if (!process.env.STUB_NO_WRITE) writeFileSync(args[out + 1], \'{"version":"2.1.0","runs":[]}\\n\');',
          "  process.exit(Number(process.env.STUB_SARIF ?? 0));",
          "}",
          'console.log("::warning file=Dockerfile,line=1::a finding");',
          "process.exit(Number(process.env.STUB_LOG ?? 0));",
          "",
        ].join("\n"),
      );
      return t.path("stub.mjs");
    };

    it("a SARIF pass that fails (2) after writing the report: sarif-file is set, the annotations run, exit 2", () => {
      const t = new TempTree({ Dockerfile: "FROM alpine:3.20\n" });
      trees.push(t);
      const r = runStep(t, stub(t), { "sarif-file": "reports/dockerfix.sarif" }, { STUB_SARIF: "2", STUB_LOG: "1" });
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(r.outputs, { "sarif-file": "reports/dockerfix.sarif", "exit-code": "2" });
      assert.ok(existsSync(t.path("reports/dockerfix.sarif")));
      assert.match(r.stdout, /^::warning file=Dockerfile,line=1::a finding$/m, "the annotation pass ran");
      const calls = readFileSync(t.path("calls.log"), "utf8").trim().split("\n");
      assert.equal(calls.length, 2);
      assert.match(calls[0], /--no-fail --format sarif --output reports\/dockerfix\.sarif/);
      assert.match(calls[1], /--format github/);
    });

    it("a SARIF pass that fails without writing: no sarif-file (an earlier run's report is not taken), exit 2", () => {
      const t = new TempTree({ Dockerfile: "FROM alpine:3.20\n", "dockerfix.sarif": "{}\n" });
      trees.push(t);
      const env = { STUB_SARIF: "2", STUB_NO_WRITE: "1", STUB_LOG: "0" };
      const r = runStep(t, stub(t), { "sarif-file": "dockerfix.sarif" }, env);
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(r.outputs, { "exit-code": "2" });
      assert.match(r.stdout, /::warning file=Dockerfile/, "the annotation pass ran");
    });

    it("an error of the annotation pass is the step's exit code; without sarif-file there is one pass", () => {
      const t = new TempTree({ Dockerfile: "FROM alpine:3.20\n" });
      trees.push(t);
      const r = runStep(t, stub(t), { "sarif-file": "out.sarif" }, { STUB_SARIF: "0", STUB_LOG: "2" });
      assert.equal(r.code, 2);
      assert.deepEqual(r.outputs, { "sarif-file": "out.sarif", "exit-code": "2" });
      const one = runStep(t, stub(t), {}, { STUB_LOG: "1" });
      assert.equal(one.code, 1);
      assert.deepEqual(one.outputs, { "exit-code": "1" });
      assert.equal(readFileSync(t.path("calls.log"), "utf8").trim().split("\n").length, 3);
    });

    it("with dockerfix itself: the SARIF report in a new folder, the annotations, exit 1 for a finding", () => {
      const t = new TempTree({ Dockerfile: "FROM alpine\nRUN apk add curl\n" });
      trees.push(t);
      const tsx = join(root, "node_modules/tsx/dist/esm/index.mjs");
      const r = runStep(
        t,
        join(root, "src/cli/main.ts"),
        { "sarif-file": "reports/dockerfix.sarif", shellcheck: "false" },
        { NODE_OPTIONS: `--import ${tsx}` },
      );
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.outputs, { "sarif-file": "reports/dockerfix.sarif", "exit-code": "1" });
      const sarif = JSON.parse(readFileSync(t.path("reports/dockerfix.sarif"), "utf8"));
      assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === "untagged-image"));
      assert.match(r.stdout, /^::warning file=Dockerfile,line=1/m);
    });
  });

  it("the default format is one dockerfix has", async () => {
    const r = await runCli(["lint", "--format", action.inputs.format.default ?? "", "-"], {
      stdin: "FROM alpine:3.20\n",
    });
    assert.equal(r.code, 0, r.stderr);
  });
});

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  description?: string;
}

describe("pre-commit hooks (.pre-commit-hooks.yaml)", () => {
  const hooks = parse(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

  it("has dockerfix and dockerfix-fix, node hooks whose entries are dockerfix commands", () => {
    assert.deepEqual(hooks.map((h) => h.id).sort(), ["dockerfix", "dockerfix-fix"]);
    for (const h of hooks) {
      assert.equal(h.language, "node", h.id);
      assert.equal(typeof h.name, "string");
      assertEntry(h.entry);
    }
    assert.match(hooks.find((h) => h.id === "dockerfix")?.entry ?? "", /^dockerfix lint\b/);
    assert.match(hooks.find((h) => h.id === "dockerfix-fix")?.entry ?? "", /^dockerfix fix\b/);
  });

  it("picks Dockerfiles by name and leaves other files alone", () => {
    for (const h of hooks) {
      const files = new RegExp(h.files);
      const exclude = new RegExp(h.exclude ?? "(?!)");
      const picks = (path: string) => files.test(path) && !exclude.test(path);
      for (const path of [
        "Dockerfile",
        "dockerfile",
        "api/Dockerfile",
        "api/Dockerfile.dev",
        "Dockerfile-prod",
        "Dockerfile_ci",
        "web/prod.Dockerfile",
        "x.dockerfile",
        "Containerfile",
        "build/Containerfile.arm64",
      ])
        assert.equal(picks(path), true, `${h.id}: ${path}`);
      for (const path of [
        ".dockerignore",
        "Dockerfile.dockerignore",
        "docs/Dockerfile.md",
        "Dockerfiles/README",
        "MyDockerfile",
        "docker-compose.yml",
        "src/dockerfile.ts",
        // Templates are not Dockerfiles until rendered (a folder search skips them while tags are left).
        "Dockerfile.j2",
        "deploy/Dockerfile.tmpl",
        "Dockerfile.erb",
        "Dockerfile.template",
        "Dockerfile.in",
      ])
        assert.equal(picks(path), false, `${h.id}: ${path}`);
    }
  });

  it("package.json builds the package on install, and runs no script when it is packed", () => {
    // pre-commit runs `npm install`, then `npm pack`, whose standard output must be the tarball's name alone: npm
    // prints there every lifecycle script it runs (prepack, prepare, postpack).
    assert.match(pkg.scripts.postinstall ?? "", /scripts\/postinstall\.mjs/);
    for (const script of ["prepack", "prepare", "postpack"]) assert.equal(pkg.scripts[script], undefined, script);
    assert.ok(pkg.files.includes("scripts/postinstall.mjs"), "the installed package runs it too");
  });
});

describe("container image (Dockerfile)", () => {
  const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");

  it("lints with no finding under the default rules", async () => {
    const r = await runCli(["lint", "-f", "json", join(root, "Dockerfile")]);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; line: number; message: string }[] };
    assert.deepEqual(
      report.findings.map((f) => `${f.line} ${f.rule}: ${f.message}`),
      [],
    );
    assert.equal(r.code, 0);
  });

  it("builds in one stage and runs as an unprivileged user from a pinned slim Node 20 image", () => {
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    assert.equal(froms.length, 2, "multi-stage");
    for (const image of froms) assert.match(image, /^node:20\.\d+\.\d+-[a-z]+-slim$/);
    assert.match(dockerfile, /^RUN npm ci\b/m);
    assert.match(dockerfile, /npm run build/);
    assert.match(dockerfile, /npm prune --omit=dev/);
    const user = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]).pop();
    assert.ok(user && user !== "root" && user !== "0", "non-root USER");
    assert.match(dockerfile, /^ENTRYPOINT \["dockerfix"\]$/m);
    assert.match(dockerfile, /^CMD \["lint", "--help"\]$/m);
  });

  it("its .dockerignore keeps the build's own outputs and the repository out of the context", () => {
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n");
    for (const entry of ["node_modules", "dist", ".git"]) assert.ok(ignored.includes(entry), entry);
  });
});
