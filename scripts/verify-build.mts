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
 * cache (the dependency install must); and checks the new code is served.
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
const DEBIAN_PACKAGES = [
  "python3",
  "python3-pip",
  "python-is-python3",
  "python3-flask",
  "gunicorn",
  "python3-fastapi",
  "uvicorn",
];
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

/** The local stand-in for the official image the generator names. */
function setUpBase(): number {
  if (run("podman", ["image", "exists", `localhost/${BASE}`]).status === 0) {
    console.log(`base image localhost/${BASE} already made`);
    return 0;
  }
  const rootfs = join(WORK, "rootfs");
  rmSync(rootfs, { recursive: true, force: true });
  console.log(`making ${BASE} with debootstrap (Debian ${CODENAME} and ${DEBIAN_PACKAGES.join(", ")})…`);
  const boot = run(
    "debootstrap",
    ["--variant=minbase", `--include=${DEBIAN_PACKAGES.join(",")}`, CODENAME, rootfs, "http://deb.debian.org/debian"],
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
  files: Record<string, string>;
  /** The app file edited between the builds, and the text it serves before and after. */
  app: string;
}

const PROJECTS: Project[] = [
  {
    name: "flask",
    app: "app.py",
    files: {
      "requirements.txt": "flask\ngunicorn\n",
      ".python-version": `${PYTHON}\n`,
      "app.py":
        'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return "hello v1"\n',
    },
  },
  {
    name: "fastapi",
    app: "main.py",
    files: {
      "requirements.txt": "fastapi\nuvicorn\n",
      ".python-version": `${PYTHON}\n`,
      "main.py":
        'from fastapi import FastAPI\nfrom fastapi.responses import PlainTextResponse\n\napp = FastAPI()\n\n\n@app.get("/", response_class=PlainTextResponse)\ndef root():\n    return "hello v1"\n',
    },
  },
];

/** Which build steps came from the cache, from buildah's output. */
function cachedSteps(out: string): { step: string; cached: boolean }[] {
  const steps: { step: string; cached: boolean }[] = [];
  for (const line of out.split("\n")) {
    const m = /^STEP \d+\/\d+: (.*)$/.exec(line);
    if (m) steps.push({ step: m[1], cached: false });
    else if (/^--> Using cache/.test(line) && steps.length > 0) steps[steps.length - 1].cached = true;
  }
  return steps;
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
  sysctl: boolean;
}

async function serve(image: string, name: string, port: number): Promise<{ body: string | null; sysctl: boolean }> {
  for (const sysctl of [false, true]) {
    run("podman", ["rm", "-f", name]);
    const args = ["run", "-d", "--name", name, "-p", `127.0.0.1:${port}:80`];
    // Docker (20.10+) lets unprivileged processes bind low ports; podman may need to be told.
    if (sysctl) args.push("--sysctl", "net.ipv4.ip_unprivileged_port_start=0");
    const r = run("podman", [...args, image]);
    if (r.status !== 0) fail(`podman run ${image}`, r);
    const body = await get(`http://127.0.0.1:${port}/`, name, 30_000);
    if (body !== null) {
      run("podman", ["rm", "-f", name]);
      return { body, sysctl };
    }
    const logs = run("podman", ["logs", name]);
    console.log(
      `  ${image} did not answer${sysctl ? "" : " (retrying with unprivileged ports allowed)"}:\n${logs.out
        .trim()
        .split("\n")
        .slice(-5)
        .map((l) => `    ${l}`)
        .join("\n")}`,
    );
  }
  run("podman", ["rm", "-f", name]);
  return { body: null, sysctl: true };
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
  const build = (tag: string, noCache: boolean) =>
    run(
      "buildah",
      ["bud", "--layers", ...(noCache ? ["--no-cache"] : []), "--format", "docker", "-t", `${image}:${tag}`, "."],
      {
        cwd: dir,
      },
    );
  // A cold first build: only the base image is there (no layers of earlier runs or other projects).
  for (const o of PROJECTS)
    run("podman", ["rmi", "-f", `localhost/dockerfix-verify-${o.name}:1`, `localhost/dockerfix-verify-${o.name}:2`]);
  run("podman", ["image", "prune", "-f"]);
  const first = build("1");
  if (first.status !== 0) fail(`${p.name}: first build`, first);
  console.log(`  first build (cold: base image only): ${seconds(first.ms)}`);
  const one = await serve(`${image}:1`, `dockerfix-verify-${p.name}`, port);
  console.log(`  GET / on 127.0.0.1:${port} → ${JSON.stringify(one.body)}`);

  const appPath = join(dir, p.app);
  writeFileSync(appPath, readFileSync(appPath, "utf8").replace("hello v1", "hello v2"));
  const second = build("2");
  if (second.status !== 0) fail(`${p.name}: rebuild`, second);
  const steps = cachedSteps(second.out);
  const dependency = steps.find((s) => /^RUN .*pip install/.test(s.step));
  console.log(`  rebuild after editing ${p.app}: ${seconds(second.ms)}`);
  for (const s of steps) console.log(`    ${s.cached ? "cached " : "rebuilt"}  ${s.step.slice(0, 90)}`);
  const two = await serve(`${image}:2`, `dockerfix-verify-${p.name}`, port);
  console.log(`  GET / after the rebuild → ${JSON.stringify(two.body)}`);
  return {
    name: p.name,
    firstBuild: first.ms,
    rebuild: second.ms,
    cached: steps.filter((s) => s.cached).map((s) => s.step),
    rebuilt: steps.filter((s) => !s.cached).map((s) => s.step),
    dependencyCached: dependency?.cached === true,
    answered: one.body,
    answeredAfterEdit: two.body,
    sysctl: one.sysctl || two.sysctl,
  };
}

async function main(): Promise<void> {
  if (process.platform !== "linux") skip("needs Linux");
  setUpEngine();
  setUpBase();
  await initialize();
  const outcomes: Outcome[] = [];
  let port = 18080;
  for (const p of PROJECTS) outcomes.push(await verifyProject(p, port++));

  console.log("\nproject   first build  rebuild  dependency layer  answers        after edit     unprivileged port 80");
  let ok = true;
  for (const o of outcomes) {
    const good = o.answered === "hello v1" && o.answeredAfterEdit === "hello v2" && o.dependencyCached;
    ok &&= good;
    console.log(
      [
        o.name.padEnd(8),
        seconds(o.firstBuild).padStart(11),
        seconds(o.rebuild).padStart(8),
        (o.dependencyCached ? "reused" : "REBUILT").padEnd(16),
        JSON.stringify(o.answered).padEnd(14),
        JSON.stringify(o.answeredAfterEdit).padEnd(14),
        o.sysctl ? "with --sysctl net.ipv4.ip_unprivileged_port_start=0" : "as is",
      ].join("  "),
    );
  }
  if (existsSync(join(WORK, "projects"))) console.log(`\nprojects and Dockerfiles: ${join(WORK, "projects")}`);
  console.log(
    ok ? "verify:build: all outputs built, answered and reused the dependency layer" : "verify:build: FAILED",
  );
  process.exit(ok ? 0 : 1);
}

await main();
