#!/usr/bin/env bash
# fix-buildkit-check.sh: are the Dockerfiles that `dockerfix fix` writes still accepted by BuildKit's parser?
#
# Fixes every corpus file in memory (safe fixes, then with --unsafe-fixes), writes each fixed file that
# changed to a scratch folder, and runs `docker buildx build --call=check,format=json` on it against a
# private dockerd from Debian sid packages (the method of ../shared/oracle/README.md). BuildKit parses
# the Dockerfile and its instructions before it looks up base images, so offline a file that parses
# stops at "failed to resolve source metadata"; a file that does not parse stops with its parse error.
# For every file that ../shared/oracle/buildkit-checks.jsonl shows BuildKit parsed, the fixed file must
# parse too. As in the oracle, a `# syntax=` line is taken out of the directive block (BuildKit would
# try to pull that frontend) and an empty `#` ends the block, so every line keeps its number.
#
# usage: scripts/fix-buildkit-check.sh      (as root; about 15 minutes on 2 cores)
# env:   WORK (default /tmp/dockerfix-buildkit-check), JOBS (4), TIMEOUT (20 s), LIMIT (first n files),
#        KEEP=1 keeps WORK (the sid packages) for a rerun.
# It starts one dockerd (own data root, socket, no bridge, no iptables) and stops it by its PID only.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$HERE/../shared}
WORK=${WORK:-/tmp/dockerfix-buildkit-check}
JOBS=${JOBS:-4}
TIMEOUT=${TIMEOUT:-20}
LIMIT=${LIMIT:-0}

[ "$(id -u)" = 0 ] || { echo "fix-buildkit-check: must run as root (dockerd)" >&2; exit 2; }
[ -f "$SHARED/oracle/buildkit-checks.jsonl" ] || { echo "fix-buildkit-check: $SHARED/oracle is missing" >&2; exit 2; }
mkdir -p "$WORK"
T=$WORK

# --- 1. dockerd, docker CLI and buildx from Debian sid, with a private apt state ------------------
if [ ! -x "$T/x/usr/sbin/dockerd" ] || [ ! -x "$T/x/usr/bin/docker" ] || [ ! -x "$T/x/usr/libexec/docker/cli-plugins/docker-buildx" ]; then
  mkdir -p "$T/apt/lists/partial" "$T/apt/cache/archives/partial" "$T/debs" "$T/x"
  echo 'deb http://deb.debian.org/debian sid main' > "$T/apt/sources.list"
  O=(-o "Dir::Etc::sourcelist=$T/apt/sources.list" -o Dir::Etc::sourceparts=- \
     -o "Dir::State::Lists=$T/apt/lists" -o "Dir::Cache=$T/apt/cache")
  apt-get "${O[@]}" update -qq
  (cd "$T/debs" && apt-get "${O[@]}" download docker.io docker-cli docker-buildx containerd)
  for d in "$T"/debs/*.deb; do dpkg-deb -x "$d" "$T/x"; done
fi
command -v runc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends runc
mkdir -p "$T/dockercfg/cli-plugins"
ln -sfn "$T/x/usr/libexec/docker/cli-plugins/docker-buildx" "$T/dockercfg/cli-plugins/docker-buildx"
echo "dockerd: $("$T/x/usr/sbin/dockerd" --version)"
echo "buildx:  $("$T/x/usr/libexec/docker/cli-plugins/docker-buildx" version)"

# --- 2. the fixed files ---------------------------------------------------------------------------
rm -rf "$T/files" "$T/data" "$T/exec"
mkdir -p "$T/files"
cat > "$T/write-fixed.mts" <<EOF
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fixSync } from "$HERE/src/fix/index.ts";
import { initialize } from "$HERE/src/rules/lint.ts";
import { parse } from "$HERE/src/syntax/parser.ts";
import { encode } from "$HERE/src/syntax/source.ts";
import { corpusFiles } from "$HERE/test/helpers/corpus.ts";

/** The file without its \`# syntax=\` line, an empty \`#\` closing the directive block instead. */
function stripSyntax(bytes: Uint8Array): Uint8Array {
  const tree = parse(bytes);
  const syntax = tree.directives.find((d) => d.name === "syntax" && d.effective);
  if (!syntax) return bytes;
  const last = tree.directives[tree.directives.length - 1];
  const text = tree.text;
  const lineEnd = (offset: number) => text.indexOf("\n", offset) + 1 || text.length;
  const cutStart = syntax.range.start.offset;
  const cutEnd = lineEnd(syntax.range.end.offset);
  const blockEnd = lineEnd(last.range.end.offset);
  const eol = syntax.eol || "\n";
  const out = text.slice(0, cutStart) + text.slice(cutEnd, blockEnd) + "#" + eol + text.slice(blockEnd);
  return encode(out, tree.source.encoding, tree.source.bom);
}

await initialize();
const limit = Number(process.env.LIMIT ?? 0);
const files = corpusFiles().slice(0, limit > 0 ? limit : undefined);
const list: string[] = [];
for (const f of files) {
  const bytes = readFileSync(f.file);
  for (const mode of ["safe", "unsafe"]) {
    const result = fixSync(bytes, { unsafe: mode === "unsafe" });
    if (!result.changed) continue;
    const dir = "$T/files/" + mode + "/" + f.id;
    mkdirSync(dir, { recursive: true });
    writeFileSync(dir + "/Dockerfile", stripSyntax(result.bytes));
    list.push(JSON.stringify({ id: f.id, mode, path: dir + "/Dockerfile" }));
  }
}
// Controls: one file BuildKit must reject, one it must accept, to show the check tells them apart.
mkdirSync("$T/files/control/bad", { recursive: true });
mkdirSync("$T/files/control/good", { recursive: true });
writeFileSync("$T/files/control/bad/Dockerfile", "FROM alpine:3.20\nCOPY --bogus=1 a /a\n");
writeFileSync("$T/files/control/good/Dockerfile", "FROM alpine:3.20\nCOPY a /a\n");
list.push(JSON.stringify({ id: "bad", mode: "control", path: "$T/files/control/bad/Dockerfile" }));
list.push(JSON.stringify({ id: "good", mode: "control", path: "$T/files/control/good/Dockerfile" }));
writeFileSync("$T/files/list.jsonl", list.join("\n") + "\n");
console.log("fixed files written: " + list.length);
EOF
(cd "$HERE" && LIMIT=$LIMIT node --import tsx "$T/write-fixed.mts")

# --- 3. dockerd, then one check per fixed file ----------------------------------------------------
cat > "$T/check.py" <<'PYEOF'
import concurrent.futures as cf, json, os, re, signal, subprocess, sys, tempfile, time, shutil

work, oracle_path, jobs, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
env = dict(os.environ, DOCKER_HOST="unix://%s/docker.sock" % work, DOCKER_CONFIG=work + "/dockercfg",
           PATH=work + "/x/usr/bin:" + work + "/x/usr/sbin:" + os.environ["PATH"], BUILDX_NO_DEFAULT_ATTESTATIONS="1")
docker = work + "/x/usr/bin/docker"
oracle = {}
for line in open(oracle_path):
    o = json.loads(line)
    oracle[o["id"]] = o

# Errors that come after parsing: the file was parsed (base image lookup, ARG expansion in FROM, stages).
AFTER_PARSE = re.compile(r"failed to resolve source metadata|pull access denied|no such host|base name .* should not be blank|"
                         r"failed to parse stage name|no build stage in current context|variable expansion is not supported|"
                         r"failed to process|invalid reference format")

def parsed(error):
    return error is None or bool(AFTER_PARSE.search(error))

proc = subprocess.Popen([work + "/x/usr/sbin/dockerd", "--data-root", work + "/data", "--exec-root", work + "/exec",
                         "-H", "unix://%s/docker.sock" % work, "--pidfile", work + "/dockerd.pid",
                         "--bridge=none", "--iptables=false", "--ip6tables=false"],
                        stdout=open(work + "/dockerd.log", "ab"), stderr=subprocess.STDOUT, env=env, start_new_session=True)
open(work + "/dockerd.launch.pid", "w").write(str(proc.pid))
try:
    for _ in range(120):
        if proc.poll() is not None:
            sys.exit("dockerd exited early, see %s/dockerd.log" % work)
        if subprocess.run([docker, "version"], capture_output=True, env=env).returncode == 0:
            break
        time.sleep(0.5)
    else:
        sys.exit("dockerd did not come up")

    def check(path):
        ctx = tempfile.mkdtemp(dir=work)
        try:
            p = subprocess.Popen([docker, "buildx", "build", "--call=check,format=json", "--progress=plain", "-f", path, ctx],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
            try:
                out, err = p.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                out, err = p.communicate()
                return "timeout"
        finally:
            shutil.rmtree(ctx, ignore_errors=True)
        try:
            be = (json.loads(out) or {}).get("buildError")
            return be.get("message") if be else None
        except Exception:
            lines = [l[7:] for l in err.decode("utf-8", "replace").splitlines() if l.startswith("ERROR: ")]
            return lines[0] if lines else (err.decode("utf-8", "replace").strip().splitlines() or ["(no output)"])[-1]

    items = [json.loads(l) for l in open(work + "/files/list.jsonl") if l.strip()]
    with cf.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda it: (it, check(it["path"])), items))
finally:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
    os.unlink(work + "/dockerd.launch.pid")

control = {it["id"]: error for it, error in results if it["mode"] == "control"}
print("control: a file with an unknown flag gives %r; a valid one gives %r" % (control["bad"], control["good"]))
if parsed(control["bad"]) or not parsed(control["good"]):
    sys.exit("the check does not tell a parse error from a file that parses: no result")
kinds = {}
for it, error in results:
    if it["mode"] != "control":
        k = "no error" if error is None else "stopped at the base image lookup" if "resolve source metadata" in error else error[:60]
        kinds[k] = kinds.get(k, 0) + 1
for k, n in sorted(kinds.items(), key=lambda x: -x[1])[:8]:
    print("  %5d  %s" % (n, k))
failed = 0
for mode in ("safe", "unsafe"):
    considered = accepted = 0
    for it, error in results:
        if it["mode"] != mode:
            continue
        o = oracle[it["id"]]
        before = (o.get("error") or {}).get("message")
        if not parsed(before):
            continue  # BuildKit did not parse the original either
        considered += 1
        if parsed(error) or error == before:
            accepted += 1
        else:
            failed += 1
            print("  %s %s: %s" % (mode, it["id"], error))
    total = sum(1 for o in oracle.values() if parsed((o.get("error") or {}).get("message")))
    print("%s fixes: %d of %d changed files that BuildKit parsed before still parse (%d corpus files parse unchanged)"
          % (mode, accepted, considered, total - considered))
sys.exit(1 if failed else 0)
PYEOF
cleanup() {
  local f="$T/dockerd.launch.pid" p
  if [ -s "$f" ]; then
    p=$(cat "$f")
    if [ -r "/proc/$p/cmdline" ] && tr '\0' ' ' < "/proc/$p/cmdline" | grep -q -- "--data-root $T/data"; then kill -TERM "$p" || true; fi
    rm -f "$f"
  fi
  { grep -o " $T/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount "$m" 2>/dev/null || true; done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$T"; else rm -rf "$T/data" "$T/exec" "$T/files"; fi
}
trap cleanup EXIT
python3 "$T/check.py" "$T" "$SHARED/oracle/buildkit-checks.jsonl" "$JOBS" "$TIMEOUT"
