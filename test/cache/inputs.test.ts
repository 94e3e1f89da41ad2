/**
 * Inputs of a step's cache key that are not files of the build context: heredoc bodies (written in the Dockerfile),
 * what an ADD fetches (a URL's content, a git commit), images read by `COPY --from` or a mount, and secrets, which
 * are never part of the key. And an edit of the Dockerfile itself, which may change any step's text.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { analyzeCache, type Change, type Rebuild, rebuildsFor } from "../../src/cache/analyze.js";
import { keyParts } from "../../src/cache/format.js";
import { type MemoryEntry, memoryContext } from "../../src/context/index.js";
import { initialize, lintSync } from "../../src/rules/lint.js";
import { runCli, runCliIn, TempTree } from "../cli/helpers.js";

before(async () => {
  await initialize();
});

function analyse(dockerfile: string, files: Record<string, MemoryEntry> | null = null) {
  const ctx = files ? memoryContext(files) : null;
  const result = lintSync(dockerfile, { buildContext: ctx });
  return { ctx, analysis: analyzeCache(result.model, ctx) };
}

/** The steps of the last stage. */
function steps(dockerfile: string, files: Record<string, MemoryEntry> | null = null) {
  const { analysis } = analyse(dockerfile, files);
  return analysis.stages[analysis.stages.length - 1].steps;
}

/** Each step's key in words, by line. */
function keys(dockerfile: string, files: Record<string, MemoryEntry> | null = null): Record<number, string> {
  const { analysis } = analyse(dockerfile, files);
  const out: Record<number, string> = {};
  for (const sc of analysis.stages) for (const st of sc.steps) out[st.line] = keyParts(sc, st).join(" + ");
  return out;
}

function rebuild(dockerfile: string, files: Record<string, MemoryEntry> | null, change: Change): Rebuild {
  const { ctx, analysis } = analyse(dockerfile, files);
  return rebuildsFor(analysis, ctx, change);
}

describe("heredocs: their bodies are part of the step", () => {
  it("COPY <<EOF is keyed on its body, reads nothing of the context, and uses the ARGs the body expands", () => {
    const dockerfile =
      "FROM alpine:3.20\nARG V=1\nCOPY <<EOF /x\nhello $V\nEOF\nCOPY <<'EOF' /y\nhello $V\nEOF\nCOPY a.txt <<EOF /z/\nb\nEOF\n";
    const [, copy, quoted, mixed] = steps(dockerfile, { "a.txt": "a\n" });
    assert.deepEqual(
      [copy.heredocs, copy.context, copy.args, copy.sent],
      [["<<EOF"], [], ["V"], null],
      "an unquoted marker expands $V: the ARG is part of the key",
    );
    assert.deepEqual([quoted.heredocs, quoted.args], [["<<'EOF'"], []], "a quoted marker takes the body verbatim");
    assert.deepEqual([mixed.heredocs, mixed.context.map((i) => i.pattern), mixed.sent], [["<<EOF"], ["a.txt"], 1]);
    const k = keys(dockerfile, { "a.txt": "a\n" });
    assert.equal(k[3], "the body of <<EOF (in the Dockerfile) + ARG V + the result of line 2");
    assert.equal(k[6], "the body of <<'EOF' (in the Dockerfile) + the result of line 3");
    assert.equal(k[9], "the body of <<EOF (in the Dockerfile) + a.txt (1 file sent) + the result of line 6");
    // Without a context the heredoc is no context input either.
    assert.deepEqual(steps("FROM alpine:3.20\nADD <<EOF /x\nhi\nEOF\n")[0].context, []);
  });

  it("RUN <<EOF: the script is the command", () => {
    const [run] = steps("FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nRUN echo plain\n");
    assert.deepEqual(run.heredocs, ["<<EOF"]);
    const k = keys("FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nRUN echo plain\n");
    assert.equal(k[2], "command (<<EOF included) + the base image alpine:3.20");
    assert.equal(k[5], "command + the result of line 2");
  });
});

describe("ADD from outside: a URL's content, a git commit", () => {
  it("ADD <url> depends on the content served, known only at build time unless --checksum pins it", () => {
    const sum = "sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d";
    const dockerfile = `FROM alpine:3.20\nADD https://example.com/x.tgz /x\nADD --checksum=${sum} https://example.com/y /y\n`;
    for (const files of [null, { "x.tgz": "" }]) {
      const [plain, pinned] = steps(dockerfile, files);
      assert.deepEqual(plain.remote, [{ source: "https://example.com/x.tgz", kind: "url", checksum: null }]);
      assert.deepEqual(pinned.remote, [{ source: "https://example.com/y", kind: "url", checksum: sum }]);
      assert.deepEqual([plain.context, plain.sent], [[], null], "no file of the context");
    }
    const k = keys(dockerfile);
    assert.equal(
      k[2],
      "the content of https://example.com/x.tgz (known only at build time: fetched on each build) + the base image alpine:3.20",
    );
    assert.equal(k[3], `the content of https://example.com/y (pinned by --checksum ${sum}) + the result of line 2`);
  });

  it("ADD <git url> depends on the commit its ref resolves to; --checksum, checksum= or a commit id pin it", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const dockerfile = [
      "FROM alpine:3.20",
      "ADD https://github.com/moby/buildkit.git#v0.12.0 /a",
      `ADD git@github.com:moby/buildkit.git#${sha} /b`,
      `ADD --checksum=${sha} https://github.com/moby/buildkit.git#v0.12.0 /c`,
      `ADD https://github.com/moby/buildkit.git?ref=v0.12.0&checksum=${sha} /d`,
      "",
    ].join("\n");
    assert.deepEqual(
      steps(dockerfile).map((s) => s.remote.map((r) => [r.kind, r.checksum])),
      [[["git", null]], [["git", sha]], [["git", sha]], [["git", sha]]],
    );
    const k = keys(dockerfile);
    assert.equal(
      k[2],
      "the commit of git https://github.com/moby/buildkit.git#v0.12.0 (known only at build time: its ref is resolved on each build) + the base image alpine:3.20",
    );
    assert.equal(
      k[3],
      `the git repository git@github.com:moby/buildkit.git#${sha} (a fixed commit) + the result of line 2`,
    );
    assert.equal(
      k[4],
      `the git repository https://github.com/moby/buildkit.git#v0.12.0 at commit ${sha} + the result of line 3`,
    );
  });

  it("COPY of a local file and an ADD of a local archive are no remote input", () => {
    const [copy, add] = steps("FROM alpine:3.20\nCOPY app.py /\nADD vendor.tar.gz /v\n", {
      "app.py": "1\n",
      "vendor.tar.gz": "",
    });
    assert.deepEqual([copy.remote, add.remote], [[], []]);
    assert.deepEqual(
      add.context.map((i) => i.pattern),
      ["vendor.tar.gz"],
    );
  });
});

describe("images and stages read by COPY --from and mounts", () => {
  it("COPY --from=<image> depends on that image, as a base image: no stage is read or built for it", () => {
    const dockerfile =
      "FROM alpine:3.20 AS build\nRUN echo x > /out\nFROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /n\nCOPY --from=build /out /o\nCOPY --from=0 /out /o2\n";
    const { analysis } = analyse(dockerfile);
    const [image, stage, index] = analysis.stages[1].steps;
    assert.deepEqual([image.images, image.stages], [["nginx:1.27"], []]);
    assert.deepEqual([stage.images, stage.stages.map((s) => s.name)], [[], ["build"]]);
    assert.deepEqual([index.images, index.stages.map((s) => s.index)], [[], [0]]);
    const k = keys(dockerfile);
    assert.equal(k[4], "the image nginx:1.27 + the base image alpine:3.20");
    assert.equal(k[5], "stage build + the result of line 4");
    // Only the stage is built for the target.
    const alone = analyse("FROM alpine:3.20 AS unused\nRUN echo\nFROM alpine:3.20\nCOPY --from=nginx:1 /a /a\n");
    assert.deepEqual(
      alone.analysis.stages.map((s) => s.built),
      [false, true],
    );
  });

  it("an image named by an ARG is the value it expands to, or the name as written when only the build knows it", () => {
    const [, known] = steps("FROM alpine:3.20\nARG IMG=nginx:1\nCOPY --from=${IMG} /a /a\n");
    assert.deepEqual([known.images, known.args], [["nginx:1"], ["IMG"]]);
    const [, unknown] = steps("FROM alpine:3.20\nARG IMG\nCOPY --from=${IMG} /a /a\n");
    assert.deepEqual(unknown.images, ["${IMG}"]);
  });

  it("RUN --mount=type=bind,from=<image or stage>: the image or stage, no file of the context", () => {
    const dockerfile =
      "FROM alpine:3.20 AS build\nCOPY src /src\nFROM alpine:3.20\nRUN --mount=type=bind,from=nginx:1,source=/etc/nginx,target=/n cat /n/nginx.conf\nRUN --mount=type=bind,from=build,source=/src,target=/s ls /s\n";
    const files = { "src/a.c": "1\n" };
    const [image, stage] = steps(dockerfile, files);
    assert.deepEqual([image.images, image.stages, image.context], [["nginx:1"], [], []]);
    assert.deepEqual([stage.images, stage.stages.map((s) => s.name), stage.context], [[], ["build"], []]);
    const k = keys(dockerfile, files);
    assert.equal(k[4], "command + the image nginx:1 + the base image alpine:3.20");
    // Editing a file the stage copies rebuilds the mount of it (kept if the files it mounts come out the same).
    const r = rebuild(dockerfile, files, { paths: ["src/a.c"] });
    assert.deepEqual(
      r.layers.map((s) => [s.step.line, s.cause, s.uncertain]),
      [
        [2, "file", false],
        [5, "stage", true],
      ],
    );
  });

  it("RUN --mount=type=bind from the context depends on the files it exposes: a source, or the whole context", () => {
    const files = { "conf/app.toml": "x\n", "app.py": "1\n" };
    const dockerfile =
      "FROM alpine:3.20\nRUN --mount=type=bind,source=conf,target=/c cat /c/app.toml\nRUN --mount=type=bind,target=/src ls /src\n";
    const [conf, whole] = steps(dockerfile, files);
    assert.deepEqual([conf.context.map((i) => [i.pattern, i.via]), conf.sent], [[["conf", "mount"]], 1]);
    assert.deepEqual([whole.context.map((i) => [i.pattern, i.via]), whole.sent], [[["", "mount"]], 2]);
    assert.deepEqual(
      rebuild(dockerfile, files, { paths: ["app.py"] }).layers.map((s) => [s.step.line, s.cause]),
      [[3, "file"]],
    );
    assert.deepEqual(
      rebuild(dockerfile, files, { paths: ["conf/app.toml"] }).layers.map((s) => [s.step.line, s.cause]),
      [
        [2, "file"],
        [3, "file"],
      ],
    );
  });
});

describe("secrets are not part of the key", () => {
  it("a secret mount adds no input: listed apart, by id (default: the base name of its target)", () => {
    const dockerfile =
      "FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=secret,target=/run/secrets/token npm ci\n";
    const files = { npmrc: "//registry/:_authToken=x\n", token: "t\n" };
    const [run] = steps(dockerfile, files);
    assert.deepEqual([run.secrets, run.context, run.sent], [["npmrc", "token"], [], null]);
    assert.equal(
      keys(dockerfile, files)[2],
      "command + the base image node:20-slim + not the secrets npmrc and token (never in the key)",
    );
    // One id mounted twice is one secret; a mount with neither id nor target names none (BuildKit rejects it).
    const [twice] = steps("FROM alpine:3.20\nRUN --mount=type=secret,id=a --mount=type=secret,id=a,env=A echo\n");
    assert.deepEqual(twice.secrets, ["a"]);
    assert.deepEqual(steps("FROM alpine:3.20\nRUN --mount=type=secret echo\n")[0].secrets, []);
    // A target's trailing slashes are not part of its base name.
    assert.deepEqual(steps("FROM alpine:3.20\nRUN --mount=type=secret,target=/run/secrets/key// echo\n")[0].secrets, [
      "key",
    ]);
    // Files of the context named like the secrets are no input of the step.
    assert.deepEqual(rebuild(dockerfile, files, { paths: ["npmrc", "token"] }).layers, []);
  });
});

describe("an edit of the Dockerfile itself", () => {
  const HEREDOC = "FROM alpine:3.20\nCOPY <<EOF /x\nhello\nEOF\nRUN echo built\nCOPY . /app\n";

  it("may rebuild every step (a path does not say which it changes); a copy of the context that sends it is rebuilt", () => {
    const files = { Dockerfile: HEREDOC, "a.txt": "a\n" };
    const r = rebuild(HEREDOC, files, {
      paths: ["Dockerfile"],
      dockerfile: { name: "Dockerfile", path: "Dockerfile" },
    });
    assert.deepEqual(
      r.layers.map((s) => [s.step.line, s.cause, s.uncertain]),
      [
        [2, "dockerfile", true],
        [5, "dockerfile", true],
        [6, "file", false],
      ],
    );
    assert.deepEqual(
      r.paths.map((p) => [p.path, p.dockerfile, p.readBy.map((s) => s.line)]),
      [["Dockerfile", true, [6]]],
    );
    // Without the edit of the Dockerfile, the same path is only a file of the context.
    assert.deepEqual(
      rebuild(HEREDOC, files, { paths: ["Dockerfile"] }).layers.map((s) => s.step.line),
      [6],
    );
  });

  it("a certain cause stays certain; image settings and later stages may change too", () => {
    const dockerfile = "FROM alpine:3.20 AS base\nARG V\nENV A=1\nRUN echo $V\nFROM base\nCOPY a.txt /\n";
    const r = rebuild(dockerfile, { "a.txt": "a\n" }, { args: ["V"], dockerfile: { name: "D", path: null } });
    assert.deepEqual(
      r.rebuilt.map((s) => [s.step.line, s.cause, s.uncertain]),
      [
        [2, "dockerfile", true],
        [3, "dockerfile", true],
        [4, "arg", false],
        [6, "base", false],
      ],
    );
  });

  it("excluded by .dockerignore, the Dockerfile is still read by BuildKit: its steps may rebuild", () => {
    const files = { Dockerfile: HEREDOC, ".dockerignore": "Dockerfile\n" };
    const r = rebuild(HEREDOC, files, {
      paths: ["Dockerfile"],
      dockerfile: { name: "Dockerfile", path: "Dockerfile" },
    });
    assert.deepEqual(
      r.layers.map((s) => [s.step.line, s.cause]),
      [
        [2, "dockerfile"],
        [5, "dockerfile"],
        [6, "dockerfile"],
      ],
    );
    assert.deepEqual(
      r.paths.map((p) => [p.ignored, p.readBy.length]),
      [[true, 0]],
    );
  });
});

describe("dockerfix cache on these inputs", () => {
  it("shows the inputs of heredocs, ADD <url>, ADD <git> and COPY --from=<image>", async () => {
    const t = new TempTree({
      D: "FROM alpine:3\nCOPY <<EOF /x\nhello\nEOF\nADD https://example.com/x /y\nCOPY --from=nginx:1 /etc/nginx /n\n",
    });
    try {
      const r = await runCli(["cache", "--no-color", t.path("D")]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout.split("\n").slice(2).join("\n"),
        [
          "stage #0: FROM alpine:3",
          "  line 2  COPY <<EOF /x",
          "          key: the body of <<EOF (in the Dockerfile) + the base image alpine:3",
          "  line 5  ADD https://example.com/x /y",
          "          key: the content of https://example.com/x (known only at build time: fetched on each build) + the result of line 2",
          "  line 6  COPY --from=nginx:1 /etc/nginx /n",
          "          key: the image nginx:1 + the result of line 5",
          "",
          "3 layers built, 0 expensive.",
          "",
        ].join("\n"),
      );
      const doc = JSON.parse((await runCli(["cache", "-f", "json", t.path("D")])).stdout);
      const [copy, add, from] = doc.stages[0].steps;
      assert.deepEqual([copy.inputs.heredocs, copy.inputs.filesSent], [["<<EOF"], null]);
      assert.deepEqual(add.inputs.remote, [{ source: "https://example.com/x", kind: "url", checksum: null }]);
      assert.deepEqual([from.inputs.images, from.inputs.stages], [["nginx:1"], []]);
      assert.deepEqual(copy.secrets, []);
    } finally {
      t.remove();
    }
  });

  it("--changed <the Dockerfile>: its steps may rebuild, a heredoc's included", async () => {
    const t = new TempTree({ H: "FROM alpine:3\nCOPY <<EOF /x\nhello\nEOF\n" });
    try {
      const r = await runCliIn(t.root, ["cache", "--no-color", "H", "--changed", "H"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        [
          "H (build context ., no .dockerignore)",
          'Editing H rebuilds 1 of 1 layer, 0 expensive (it may not be: marked "may rebuild").',
          "",
          "  H is the Dockerfile: a step whose text the edit changes (a heredoc body too) is rebuilt, and what builds on it; a path does not say which, so each step may rebuild",
          "",
          "  line 2  COPY <<EOF /x",
          "          may rebuild: if the edit to H changes this step or one it builds on",
          "",
        ].join("\n"),
      );
      const doc = JSON.parse((await runCliIn(t.root, ["cache", "-f", "json", "H", "--changed", "./H"])).stdout);
      assert.equal(doc.change.dockerfile, "H");
      assert.deepEqual(
        doc.change.paths.map((p: { path: string; dockerfile: boolean }) => [p.path, p.dockerfile]),
        [["H", true]],
      );
      assert.deepEqual(
        doc.change.rebuilt.map((s: { line: number; cause: string; uncertain: boolean }) => [
          s.line,
          s.cause,
          s.uncertain,
        ]),
        [[2, "dockerfile", true]],
      );
    } finally {
      t.remove();
    }
  });

  it("--changed <the Dockerfile> outside the build context is the Dockerfile, not a path outside it", async () => {
    const t = new TempTree({ Dockerfile: "FROM alpine:3\nRUN echo hi\n", "ctx/a.txt": "a\n" });
    try {
      const doc = JSON.parse(
        (await runCliIn(t.root, ["cache", "-f", "json", "Dockerfile", "--context", "ctx", "--changed", "Dockerfile"]))
          .stdout,
      );
      assert.equal(doc.change.dockerfile, "Dockerfile");
      assert.deepEqual(doc.change.paths, []);
      assert.deepEqual(
        doc.change.rebuilt.map((s: { line: number; cause: string }) => [s.line, s.cause]),
        [[2, "dockerfile"]],
      );
      const text = await runCliIn(t.root, [
        "cache",
        "--no-color",
        "Dockerfile",
        "--context",
        "ctx",
        "--changed",
        "Dockerfile",
      ]);
      assert.match(text.stdout, /^Editing Dockerfile rebuilds 1 of 1 layer/m);
      assert.doesNotMatch(text.stdout, /outside the build context/);
    } finally {
      t.remove();
    }
  });

  it("--git: a Dockerfile modified since HEAD is an edit of the Dockerfile", async () => {
    const t = new TempTree({ Dockerfile: "FROM alpine:3\nRUN <<EOF\necho hi\nEOF\n" }, { git: false });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
        cwd: t.root,
        stdio: "pipe",
      });
    try {
      git("init", "-q");
      git("add", ".");
      git("commit", "-qm", "init");
      const clean = JSON.parse((await runCli(["cache", "-f", "json", t.path("Dockerfile"), "--git"])).stdout);
      assert.equal(clean.change.dockerfile, null);
      writeFileSync(t.path("Dockerfile"), "FROM alpine:3\nRUN <<EOF\necho hello\nEOF\n");
      const doc = JSON.parse((await runCli(["cache", "-f", "json", t.path("Dockerfile"), "--git"])).stdout);
      assert.equal(doc.change.dockerfile, t.path("Dockerfile"));
      assert.deepEqual(
        doc.change.rebuilt.map((s: { line: number; cause: string }) => [s.line, s.cause]),
        [[2, "dockerfile"]],
      );
    } finally {
      t.remove();
    }
  });
});
