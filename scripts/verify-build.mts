/**
 * `npm run verify:build`: builds Dockerfiles written by `dockerfix init` with a real container engine
 * and checks that the images work. A measurement, not a CI test: it needs root, Debian's apt and a few
 * minutes, and skips (exit 0, with the reason) when no engine can be set up.
 *
 * With no registry to pull from, the base image the generator names (`python:3.13-slim-trixie`) is made
 * locally: Debian trixie (whose python3 is 3.13) bootstrapped with debootstrap, with the apps'
 * dependencies from Debian's python3-* packages (PyPI cannot be reached, so `pip install -r
 * requirements.txt` finds them already satisfied), pip's "externally managed" marker removed as in the
 * official images, and `python`/`pip` on PATH. The engine is buildah (builds) and podman (runs).
 *
 * For a Flask and a FastAPI project it: generates the Dockerfile and .dockerignore (default options:
 * port 80, unprivileged user); builds without cache and times it; runs the image and requests / over
 * loopback; edits only the app code, rebuilds and times it, and reports which steps came from the
 * cache (the dependency install must); and checks the new code is served. A Streamlit and a Panel
 * project are verified the same way when Debian packages their framework (it does not, as of trixie:
 * they are then reported as not verified, with the reason).
 *
 * Environment: VERIFY_BUILD_DIR (work folder, default /var/tmp/dockerfix-verify-build; the base image
 * is kept between runs), VERIFY_BUILD_NO_INSTALL=1 (never apt-get install the engine).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate, readProject, verify } from "../src/generate/index.js";
import { initialize } from "../src/rules/lint.js";

const WORK = process.env.VERIFY_BUILD_DIR ?? "/var/tmp/dockerfix-verify-build";
const PYTHON = "3.13";
const CODENAME = "trixie";
const BASE = `python:${PYTHON}-slim-${CODENAME}`;
/** Packages of the base image itself; each project adds the Debian packages of its dependencies. */
const BASE_PACKAGES = ["python3", "python3-pip", "python-is-python3"];
const PACKAGES_LABEL = "dockerfix.verify.packages";
const CONF = join(WORK, "containers.conf");
const env = { ...process.env, CONTAINERS_CONF: CONF };

interface Ran {
  status: number | null;
  out: string;
  ms: number;
}

function run(cmd: string, args: string[], options: { cwd?: string; timeout?: number } = {}): Ran {
  const start = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    env,
    encoding: "utf8",
    timeout: options.timeout ?? 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`;
  return { status: r.status, out, ms: Math.round(performance.now() - start) };
}

function have(cmd: string): boolean {
  return run("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

function skip(reason: string): never {
  console.log(`verify:build skipped: ${reason}`);
  process.exit(0);
}

function fail(step: string, r: Ran): never {
  console.error(`verify:build failed at ${step} (exit ${r.status}):\n${r.out.split("\n").slice(-30).join("\n")}`);
  process.exit(1);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** buildah, podman, runc and debootstrap, installed with apt-get when missing. */
function setUpEngine(): void {
  const missing = ["buildah", "podman", "runc", "debootstrap"].filter((c) => !have(c));
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) skip(`${missing.join(", ")} missing and not running as root to install them`);
    if (process.env.VERIFY_BUILD_NO_INSTALL === "1") skip(`${missing.join(", ")} missing (VERIFY_BUILD_NO_INSTALL=1)`);
    if (!have("apt-get")) skip(`${missing.join(", ")} missing and no apt-get to install them`);
    console.log(`installing ${missing.join(", ")} with apt-get…`);
    const apt = [
      "-c",
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah podman runc debootstrap",
    ];
    const r = have("flock") ? run("flock", ["/tmp/apt.lock", "sh", ...apt]) : run("sh", apt);
    if (r.status !== 0) skip(`apt-get could not install the engine:\n${r.out.slice(-2000)}`);
    console.log(`  installed in ${seconds(r.ms)}`);
  }
  // runc (crun fails on this kind of cgroup setup) and limits that root without CAP_SYS_RESOURCE can set.
  mkdirSync(WORK, { recursive: true });
  writeFileSync(
    CONF,
    '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n',
  );
  const info = run("buildah", ["info"]);
  if (info.status !== 0) skip(`buildah does not work here:\n${info.out.slice(-1000)}`);
}

/** The packages of `wanted` that Debian's release has no candidate for (a private apt state, the host's is untouched). */
function missingFromDebian(wanted: string[]): string[] {
  const state = join(WORK, "apt");
  mkdirSync(join(state, "lists", "partial"), { recursive: true });
  mkdirSync(join(state, "cache", "archives", "partial"), { recursive: true });
  writeFileSync(join(state, "sources.list"), `deb http://deb.debian.org/debian ${CODENAME} main\n`);
  const o = [
    "-o",
    `Dir::Etc::sourcelist=${join(state, "sources.list")}`,
    "-o",
    "Dir::Etc::sourceparts=-",
    "-o",
    `Dir::State::Lists=${join(state, "lists")}`,
    "-o",
    `Dir::Cache=${join(state, "cache")}`,
  ];
  const update = run("apt-get", [...o, "update", "-qq"]);
  if (update.status !== 0) skip(`Debian's ${CODENAME} package lists cannot be read:\n${update.out.slice(-1000)}`);
  const policy = run("apt-cache", [...o, "policy", ...wanted]).out;
  const candidate = new Map<string, boolean>();
  let current = "";
  for (const line of policy.split("\n")) {
    const name = /^(\S+):$/.exec(line);
    if (name) current = name[1];
    const c = /^\s+Candidate: (.*)$/.exec(line);
    if (c && current) candidate.set(current, c[1] !== "(none)");
  }
  return wanted.filter((p) => candidate.get(p) !== true);
}

/** The local stand-in for the official image the generator names, with `packages` installed. */
function setUpBase(packages: string[]): number {
  const want = packages.join(",");
  const have = run("podman", [
    "image",
    "inspect",
    "--format",
    `{{index .Labels "${PACKAGES_LABEL}"}}`,
    `localhost/${BASE}`,
  ]);
  if (have.status === 0 && have.out.trim() === want) {
    console.log(`base image localhost/${BASE} already made (${packages.join(", ")})`);
    return 0;
  }
  const rootfs = join(WORK, "rootfs");
  rmSync(rootfs, { recursive: true, force: true });
  console.log(`making ${BASE} with debootstrap (Debian ${CODENAME} and ${packages.join(", ")})…`);
  const boot = run(
    "debootstrap",
    ["--variant=minbase", `--include=${want}`, CODENAME, rootfs, "http://deb.debian.org/debian"],
    { timeout: 900_000 },
  );
  if (boot.status !== 0) skip(`debootstrap could not make the base image:\n${boot.out.slice(-2000)}`);
  // As the official image: pip may install into the image's Python, `python` and `pip` are on PATH.
  const lib = join(rootfs, "usr/lib");
  for (const dir of readdirSync(lib).filter((d) => /^python3\.\d+$/.test(d)))
    rmSync(join(lib, dir, "EXTERNALLY-MANAGED"), { force: true });
  const slim = [
    `rm -rf ${rootfs}/var/cache/apt/archives/*.deb ${rootfs}/var/lib/apt/lists/* ${rootfs}/usr/share/man/* ${rootfs}/usr/share/doc/*`,
    `[ -e ${rootfs}/usr/bin/pip ] || ln -s pip3 ${rootfs}/usr/bin/pip`,
  ].join(" && ");
  const s = run("sh", ["-c", slim]);
  if (s.status !== 0) fail("slimming the base", s);
  const tar = join(WORK, "rootfs.tar");
  const t = run("tar", ["--numeric-owner", "-C", rootfs, "-cf", tar, "."]);
  if (t.status !== 0) fail("packing the base", t);
  const imp = run("podman", [
    "import",
    "--change",
    'CMD ["python3"]',
    "--change",
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "--change",
    `LABEL ${PACKAGES_LABEL}=${want}`,
    tar,
    `localhost/${BASE}`,
  ]);
  if (imp.status !== 0) fail("importing the base", imp);
  run("podman", ["tag", `localhost/${BASE}`, `docker.io/library/${BASE}`]);
  rmSync(tar, { force: true });
  rmSync(rootfs, { recursive: true, force: true });
  console.log(`  made in ${seconds(boot.ms + imp.ms)}`);
  return boot.ms + imp.ms;
}

interface Project {
  name: string;
  /** Debian packages that provide the dependencies (pip then finds them installed: PyPI cannot be reached). */
  debian: string[];
  files: Record<string, string>;
  /** The app file edited between the builds ("hello v1" becomes "hello v2"). */
  app: string;
  /** The path requested, and whether its answer shows the app's text (else any 200 answer will do). */
  path: string;
  servesText: boolean;
}

const PROJECTS: Project[] = [
  {
    name: "flask",
    debian: ["python3-flask", "gunicorn"],
    app: "app.py",
    path: "/",
    servesText: true,
    files: {
      "requirements.txt": "flask\ngunicorn\n",
      ".python-version": `${PYTHON}\n`,
      "app.py":
        'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return "hello v1"\n',
    },
  },
  {
    name: "fastapi",
    debian: ["python3-fastapi", "uvicorn"],
    app: "main.py",
    path: "/",
    servesText: true,
    files: {
      "requirements.txt": "fastapi\nuvicorn\n",
      ".python-version": `${PYTHON}\n`,
      "main.py":
        'from fastapi import FastAPI\nfrom fastapi.responses import PlainTextResponse\n\napp = FastAPI()\n\n\n@app.get("/", response_class=PlainTextResponse)\ndef root():\n    return "hello v1"\n',
    },
  },
  {
    // The page is drawn over a websocket, so its health endpoint is what HTTP can check.
    name: "streamlit",
    debian: ["python3-streamlit"],
    app: "streamlit_app.py",
    path: "/_stcore/health",
    servesText: false,
    files: {
      "requirements.txt": "streamlit\n",
      ".python-version": `${PYTHON}\n`,
      "streamlit_app.py": 'import streamlit as st\n\nst.write("hello v1")\n',
    },
  },
  {
    name: "panel",
    debian: ["python3-panel"],
    app: "app.py",
    path: "/liveness",
    servesText: false,
    files: {
      "requirements.txt": "panel\n",
      ".python-version": `${PYTHON}\n`,
      "app.py": 'import panel as pn\n\npn.panel("hello v1").servable()\n',
    },
  },
];

/** Which build steps came from the cache, from buildah's output (FROM is the base image, never cached). */
function cachedSteps(out: string): { step: string; cached: boolean }[] {
  const steps: { step: string; cached: boolean }[] = [];
  for (const line of out.split("\n")) {
    const m = /^STEP \d+\/\d+: (.*)$/.exec(line);
    if (m) steps.push({ step: m[1], cached: false });
    else if (/^--> Using cache/.test(line) && steps.length > 0) steps[steps.length - 1].cached = true;
  }
  return steps;
}

/** The requirements pip found installed (from the Debian packages of the base image). */
function satisfied(out: string): string[] {
  return [...out.matchAll(/^Requirement already satisfied: ([^\s<>=!~;[]+)/gm)].map((m) => m[1]);
}

/** GETs `url` until it answers, the container stops, or the time is up. */
async function get(url: string, container: string, timeoutMs: number): Promise<string | null> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (run("podman", ["inspect", "-f", "{{.State.Running}}", container]).out.trim() === "false") return null;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return await r.text();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

interface Outcome {
  name: string;
  firstBuild: number;
  rebuild: number;
  cached: string[];
  rebuilt: string[];
  dependencyCached: boolean;
  answered: string | null;
  answeredAfterEdit: string | null;
  /** Answered (with the app's text before and after the edit, where it shows it) and reused the dependency layer. */
  good: boolean;
  sysctl: boolean;
}

/** Whether this runtime needs to be told to let an unprivileged user bind port 80 (known after the first run). */
let needsSysctl: boolean | null = null;

async function serve(
  image: string,
  name: string,
  port: number,
  path: string,
): Promise<{ body: string | null; sysctl: boolean }> {
  for (const sysctl of needsSysctl === null ? [false, true] : [needsSysctl]) {
    run("podman", ["rm", "-f", name]);
    const args = ["run", "-d", "--name", name, "-p", `127.0.0.1:${port}:80`];
    // Docker (20.10+) lets unprivileged processes bind low ports; podman may need to be told.
    if (sysctl) args.push("--sysctl", "net.ipv4.ip_unprivileged_port_start=0");
    const r = run("podman", [...args, image]);
    if (r.status !== 0) fail(`podman run ${image}`, r);
    const body = await get(`http://127.0.0.1:${port}${path}`, name, 30_000);
    const logs = body === null ? run("podman", ["logs", name]).out.trim().split("\n").slice(-5) : [];
    run("podman", ["rm", "-f", name]);
    if (body !== null) {
      if (needsSysctl === null) {
        needsSysctl = sysctl;
        if (sysctl)
          console.log(
            "  (this podman does not let the image's unprivileged user bind port 80, as Docker does by default:\n" +
              "   from here on containers run with --sysctl net.ipv4.ip_unprivileged_port_start=0)",
          );
      }
      return { body, sysctl };
    }
    console.log(`  ${image} did not answer${sysctl ? "" : " as is"}:\n${logs.map((l) => `    ${l}`).join("\n")}`);
  }
  return { body: null, sysctl: needsSysctl ?? true };
}

async function verifyProject(p: Project, port: number): Promise<Outcome> {
  const dir = join(WORK, "projects", p.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(p.files)) writeFileSync(join(dir, path), text);
  const result = generate(readProject(dir));
  const findings = verify(result.dockerfile, { files: Object.keys(p.files), dockerignore: result.dockerignore });
  if (findings.length > 0) throw new Error(`${p.name}: the generated Dockerfile has findings`);
  writeFileSync(join(dir, "Dockerfile"), result.dockerfile);
  writeFileSync(join(dir, ".dockerignore"), result.dockerignore);
  console.log(`\n${p.name}: ${result.command.join(" ")}`);

  const image = `localhost/dockerfix-verify-${p.name}`;
  const build = (tag: string) =>
    run("buildah", ["bud", "--layers", "--format", "docker", "-t", `${image}:${tag}`, "."], { cwd: dir });
  // A cold first build: only the base image is there (no layers of earlier runs or other projects).
  for (const o of PROJECTS)
    run("podman", ["rmi", "-f", `localhost/dockerfix-verify-${o.name}:1`, `localhost/dockerfix-verify-${o.name}:2`]);
  run("podman", ["image", "prune", "-f"]);
  const first = build("1");
  if (first.status !== 0) fail(`${p.name}: first build`, first);
  const firstCached = cachedSteps(first.out).filter((s) => s.cached).length;
  console.log(`  first build (cold: base image only, ${firstCached} steps from the cache): ${seconds(first.ms)}`);
  const found = satisfied(first.out);
  if (found.length > 0) console.log(`  pip found already installed (Debian's packages): ${found.join(", ")}`);
  const url = `127.0.0.1:${port}${p.path}`;
  const one = await serve(`${image}:1`, `dockerfix-verify-${p.name}`, port, p.path);
  console.log(`  GET ${url} → ${JSON.stringify(one.body)}`);

  const appPath = join(dir, p.app);
  writeFileSync(appPath, readFileSync(appPath, "utf8").replace("hello v1", "hello v2"));
  const second = build("2");
  if (second.status !== 0) fail(`${p.name}: rebuild`, second);
  const steps = cachedSteps(second.out).filter((s) => !s.step.startsWith("FROM "));
  const dependency = steps.find((s) => /^RUN .*pip install/.test(s.step));
  console.log(`  rebuild after editing ${p.app}: ${seconds(second.ms)}`);
  for (const s of steps) console.log(`    ${s.cached ? "cached " : "rebuilt"}  ${s.step.slice(0, 90)}`);
  const two = await serve(`${image}:2`, `dockerfix-verify-${p.name}`, port, p.path);
  const size = Number(run("podman", ["image", "inspect", "--format", "{{.Size}}", `${image}:2`]).out.trim());
  const baseSize = Number(run("podman", ["image", "inspect", "--format", "{{.Size}}", `localhost/${BASE}`]).out.trim());
  console.log(
    `  image size ${(size / 1e6).toFixed(1)} MB: the base image and ${((size - baseSize) / 1e3).toFixed(1)} kB`,
  );
  console.log(`  GET ${url} after the rebuild → ${JSON.stringify(two.body)}`);
  const good = p.servesText
    ? one.body === "hello v1" && two.body === "hello v2"
    : one.body !== null && two.body !== null;
  return {
    name: p.name,
    firstBuild: first.ms,
    rebuild: second.ms,
    cached: steps.filter((s) => s.cached).map((s) => s.step),
    rebuilt: steps.filter((s) => !s.cached).map((s) => s.step),
    dependencyCached: dependency?.cached === true,
    answered: one.body,
    answeredAfterEdit: two.body,
    good: good && dependency?.cached === true,
    sysctl: one.sysctl || two.sysctl,
  };
}

async function main(): Promise<void> {
  if (process.platform !== "linux") skip("needs Linux");
  setUpEngine();
  const missing = new Set(missingFromDebian([...BASE_PACKAGES, ...PROJECTS.flatMap((p) => p.debian)]));
  const base = BASE_PACKAGES.filter((p) => missing.has(p));
  if (base.length > 0) skip(`Debian ${CODENAME} has no ${base.join(", ")}`);
  const projects = PROJECTS.filter((p) => p.debian.every((d) => !missing.has(d)));
  const notVerified = PROJECTS.filter((p) => !projects.includes(p)).map(
    (p) =>
      `${p.name}: not verified: Debian ${CODENAME} has no ${p.debian.filter((d) => missing.has(d)).join(", ")}, and PyPI cannot be reached`,
  );
  for (const line of notVerified) console.log(line);
  setUpBase([...BASE_PACKAGES, ...projects.flatMap((p) => p.debian)]);
  await initialize();
  const outcomes: Outcome[] = [];
  let port = 18080;
  for (const p of projects) outcomes.push(await verifyProject(p, port++));

  const short = (body: string | null) =>
    JSON.stringify(body === null || body.length <= 12 ? body : `${body.slice(0, 9)}…`);
  console.log("\nproject    first build  rebuild  dependency layer  answers       after edit    unprivileged port 80");
  // Flask and FastAPI must be verified; the others are verified where Debian has their packages.
  let ok = ["flask", "fastapi"].every((n) => outcomes.some((o) => o.name === n));
  for (const o of outcomes) {
    ok &&= o.good;
    console.log(
      [
        o.name.padEnd(9),
        seconds(o.firstBuild).padStart(11),
        seconds(o.rebuild).padStart(8),
        (o.dependencyCached ? "reused" : "REBUILT").padEnd(16),
        short(o.answered).padEnd(12),
        short(o.answeredAfterEdit).padEnd(12),
        o.sysctl ? "with --sysctl net.ipv4.ip_unprivileged_port_start=0" : "as is",
      ].join("  "),
    );
  }
  for (const line of notVerified) console.log(line);
  if (existsSync(join(WORK, "projects"))) console.log(`\nprojects and Dockerfiles: ${join(WORK, "projects")}`);
  console.log(
    ok
      ? `verify:build: ${outcomes.map((o) => o.name).join(", ")} built, answered and reused the dependency layer`
      : "verify:build: FAILED",
  );
  process.exit(ok ? 0 : 1);
}

await main();
