#!/usr/bin/env bash
# fix-buildkit-check.sh: are the Dockerfiles that `dockerfix fix` writes still accepted by BuildKit's parser?
#
# Fixes every corpus file in memory (safe fixes, then with --unsafe-fixes), writes each fixed file that
# changed to a scratch folder, and runs `docker buildx build --call=check,format=json` on it against a
# private dockerd from Debian sid packages (the method of ../shared/oracle/README.md): every image a file
# names resolves to a dummy base image (tags with `docker tag`, digests in the image store's reference
# file), so BuildKit parses the file and then dispatches every instruction, as it did for the oracle.
# For every file that ../shared/oracle/buildkit-checks.jsonl shows BuildKit parsed, the fixed file must
# parse too, and must not fail with any error the original did not have (a COPY of a URL, a broken image
# reference, a lint violation under `# check=error=true`). Files that name an image for another platform
# stop at the image lookup, after parsing. As in the oracle, a `# syntax=` line is taken out of the
# directive block (BuildKit would try to pull that frontend) and an empty `#` ends the block, so every
# line keeps its number. BuildKit's warnings before (the oracle) and after are counted too.
#
# usage: nice scripts/fix-buildkit-check.sh      (as root; about 15-20 minutes on 2 cores)
# env:   PKGS  sid packages and their binaries, kept for a rerun (default /var/tmp/dockerfix-buildkit-pkgs)
#        WORK  scratch folder, removed at the end unless KEEP=1 (default /tmp/dockerfix-buildkit-check)
#        JOBS (4), TIMEOUT (20 s per check), LIMIT=n (first n corpus files), ONLY=df0001,df0002 (these files),
#        MODES ("safe unsafe", or one of them), PIN=1 (stop when sid no longer ships the oracle's dockerd).
# It starts one dockerd (own data root, socket, no bridge, no iptables) and stops it by its PID only.
# Exit codes: 0 every fixed file is accepted, 1 some are not (each is listed), 2 setup error.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$HERE/../shared}
PKGS=${PKGS:-/var/tmp/dockerfix-buildkit-pkgs}
WORK=${WORK:-/tmp/dockerfix-buildkit-check}
JOBS=${JOBS:-4}
TIMEOUT=${TIMEOUT:-20}
LIMIT=${LIMIT:-0}
ONLY=${ONLY:-}
MODES=${MODES:-safe unsafe}
PIN=${PIN:-0}
# what ../shared/oracle was made with; any BuildKit >= 0.25 (dockerd >= 28.5) parses the same for this check
ORACLE_DOCKERD="28.5.2+dfsg4"

[ "$(id -u)" = 0 ] || { echo "fix-buildkit-check: must run as root (dockerd)" >&2; exit 2; }
[ -f "$SHARED/oracle/buildkit-checks.jsonl" ] || { echo "fix-buildkit-check: $SHARED/oracle is missing" >&2; exit 2; }
case "$PKGS" in "$WORK"|"$WORK"/*) echo "fix-buildkit-check: PKGS must not be inside WORK" >&2; exit 2;; esac
mkdir -p "$WORK" "$PKGS"
T=$WORK
X=$PKGS/x

# --- 1. dockerd, docker CLI and buildx from Debian sid, with a private apt state ------------------
if [ ! -x "$X/usr/sbin/dockerd" ] || [ ! -x "$X/usr/bin/docker" ] || [ ! -x "$X/usr/libexec/docker/cli-plugins/docker-buildx" ]; then
  rm -rf "$PKGS/debs" "$X"
  mkdir -p "$PKGS/apt/lists/partial" "$PKGS/apt/cache/archives/partial" "$PKGS/debs" "$X"
  echo 'deb http://deb.debian.org/debian sid main' > "$PKGS/apt/sources.list"
  O=(-o "Dir::Etc::sourcelist=$PKGS/apt/sources.list" -o Dir::Etc::sourceparts=- \
     -o "Dir::State::Lists=$PKGS/apt/lists" -o "Dir::Cache=$PKGS/apt/cache")
  apt-get "${O[@]}" update -qq
  (cd "$PKGS/debs" && apt-get "${O[@]}" download docker.io docker-cli docker-buildx containerd)
  for d in "$PKGS"/debs/*.deb; do dpkg-deb -x "$d" "$X"; done
fi
# sid's runc needs glibc 2.38: use the host's (bookworm 1.1.5)
command -v runc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends runc
mkdir -p "$T/dockercfg/cli-plugins"
ln -sfn "$X/usr/libexec/docker/cli-plugins/docker-buildx" "$T/dockercfg/cli-plugins/docker-buildx"
V_DOCKERD=$("$X/usr/sbin/dockerd" --version)
echo "dockerd: $V_DOCKERD"
echo "buildx:  $("$X/usr/libexec/docker/cli-plugins/docker-buildx" version)"
case "$V_DOCKERD" in
  *"$ORACLE_DOCKERD"*) echo "         (the version the oracle was made with)" ;;
  *) echo "         (sid has moved past the oracle's $ORACLE_DOCKERD; using what it ships now)"
     [ "$PIN" = 1 ] && { echo "fix-buildkit-check: PIN=1 and dockerd is not $ORACLE_DOCKERD" >&2; exit 2; } ;;
esac

# --- 2. the fixed files ---------------------------------------------------------------------------
rm -rf "$T/files" "$T/data" "$T/exec"
mkdir -p "$T/files"
cat > "$T/write-fixed.mts" <<'EOF'
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const root = process.env.DOCKERFIX_ROOT as string;
const out = process.env.FILES as string;
const { fixSync } = await import(`${root}/src/fix/index.ts`);
const { initialize } = await import(`${root}/src/rules/lint.ts`);
const { parse } = await import(`${root}/src/syntax/parser.ts`);
const { encode } = await import(`${root}/src/syntax/source.ts`);
const { corpusFiles } = await import(`${root}/test/helpers/corpus.ts`);

/** The file without its `# syntax=` line, an empty `#` closing the directive block instead. */
function stripSyntax(bytes: Uint8Array): Uint8Array {
  const tree = parse(bytes);
  const syntax = tree.directives.find((d: { name: string; effective: boolean }) => d.name === "syntax" && d.effective);
  if (!syntax) return bytes;
  const last = tree.directives[tree.directives.length - 1];
  const text: string = tree.text;
  const lineEnd = (offset: number) => text.indexOf("\n", offset) + 1 || text.length;
  const cutStart = syntax.range.start.offset;
  const cutEnd = lineEnd(syntax.range.end.offset);
  const blockEnd = lineEnd(last.range.end.offset);
  const eol = syntax.eol || "\n";
  const stripped = text.slice(0, cutStart) + text.slice(cutEnd, blockEnd) + "#" + eol + text.slice(blockEnd);
  return encode(stripped, tree.source.encoding, tree.source.bom);
}

await initialize();
const limit = Number(process.env.LIMIT ?? 0);
const only = new Set((process.env.ONLY ?? "").split(",").filter(Boolean));
const modes = (process.env.MODES ?? "safe unsafe").split(/\s+/).filter(Boolean);
let files = corpusFiles();
if (only.size > 0) files = files.filter((f: { id: string }) => only.has(f.id));
if (limit > 0) files = files.slice(0, limit);
const list: string[] = [];
for (const f of files) {
  const bytes = readFileSync(f.file);
  for (const mode of modes) {
    let result;
    try {
      result = fixSync(bytes, { unsafe: mode === "unsafe" });
    } catch (e) {
      list.push(JSON.stringify({ id: f.id, mode, crash: String((e as Error)?.stack ?? e).split("\n").slice(0, 3).join(" | ") }));
      continue;
    }
    if (!result.changed) continue;
    const dir = `${out}/${mode}/${f.id}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/Dockerfile`, stripSyntax(result.bytes));
    const rules = [...new Set(result.applied.map((a: { rule: string }) => a.rule))];
    list.push(JSON.stringify({ id: f.id, mode, path: `${dir}/Dockerfile`, rules }));
  }
}
// Controls: one file BuildKit must reject, one it must accept, to show the check tells them apart.
for (const [id, text] of [
  ["bad", "FROM alpine:3.20\nCOPY --bogus=1 a /a\n"],
  ["good", "FROM alpine:3.20\nCOPY a /a\n"],
]) {
  mkdirSync(`${out}/control/${id}`, { recursive: true });
  writeFileSync(`${out}/control/${id}/Dockerfile`, text);
  list.push(JSON.stringify({ id, mode: "control", path: `${out}/control/${id}/Dockerfile`, rules: [] }));
}
writeFileSync(`${out}/list.jsonl`, `${list.join("\n")}\n`);
writeFileSync(`${out}/scope.json`, JSON.stringify({ ids: files.map((f: { id: string }) => f.id), modes }));
console.log(`corpus files: ${files.length}; fixed files that changed: ${list.length - 2} (${modes.join(" and ")} fixes)`);
EOF
START=$(date +%s)
(cd "$HERE" && DOCKERFIX_ROOT=$HERE FILES=$T/files LIMIT=$LIMIT ONLY=$ONLY MODES=$MODES node --import tsx "$T/write-fixed.mts")
echo "fixing took $(( $(date +%s) - START )) s"

# --- 3. dockerd, then one check per fixed file ----------------------------------------------------
cat > "$T/check.py" <<'PYEOF'
import collections, concurrent.futures as cf, json, os, re, signal, subprocess, sys, tarfile, tempfile, threading, time, shutil

work, pkgs, oracle_path, jobs, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
x = pkgs + "/x"
env = dict(os.environ, DOCKER_HOST="unix://%s/docker.sock" % work, DOCKER_CONFIG=work + "/dockercfg",
           PATH=x + "/usr/bin:" + x + "/usr/sbin:" + os.environ["PATH"], BUILDX_NO_DEFAULT_ATTESTATIONS="1",
           DOCKER_CLI_HINTS="false")
docker = x + "/usr/bin/docker"
oracle = {}
for line in open(oracle_path):
    o = json.loads(line)
    oracle[o["id"]] = o
scope = json.load(open(work + "/files/scope.json"))

DUMMY = "fix-check-dummy:linux-amd64"
DUMMY_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
RESOLVE = re.compile(r"failed to resolve source metadata for (\S+): ")
LOOKUP = re.compile(r"failed to resolve source metadata|pull access denied|no such host")
# Errors BuildKit gives after it parsed the file (ARG expansion in FROM, image references, stages).
AFTER_PARSE = {
    "blank base name": re.compile(r"base name .* should not be blank"),
    "stage name": re.compile(r"failed to parse stage name"),
    "no stage": re.compile(r"no build stage in current context"),
    "expansion": re.compile(r"failed to process"),
    "--from expansion": re.compile(r"variable expansion is not supported"),
    "reference": re.compile(r"invalid reference format"),
}

def kind(error):
    """None (no error), "lookup" (parsed, stopped at the base image), an AFTER_PARSE kind, or "rejected"."""
    if error is None:
        return None
    if error.startswith("timeout after"):
        return "timeout"
    if LOOKUP.search(error):
        return "lookup"
    for k, rx in AFTER_PARSE.items():
        if rx.search(error):
            return k
    return "rejected"

def parsed(error):
    return kind(error) != "rejected"

DOCKERD = [None]


def start_dockerd():
    proc = subprocess.Popen([x + "/usr/sbin/dockerd", "--data-root", work + "/data", "--exec-root", work + "/exec",
                             "-H", "unix://%s/docker.sock" % work, "--pidfile", work + "/dockerd.pid",
                             "--bridge=none", "--iptables=false", "--ip6tables=false"],
                            stdout=open(work + "/dockerd.log", "ab"), stderr=subprocess.STDOUT, env=env, start_new_session=True)
    DOCKERD[0] = proc
    open(work + "/dockerd.launch.pid", "w").write(str(proc.pid))
    for _ in range(120):
        if proc.poll() is not None:
            sys.exit("dockerd exited early, see %s/dockerd.log" % work)
        if subprocess.run([docker, "version"], capture_output=True, env=env).returncode == 0:
            return
        time.sleep(0.5)
    sys.exit("dockerd did not come up")


def stop_dockerd():
    proc, DOCKERD[0] = DOCKERD[0], None
    if proc is None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    os.unlink(work + "/dockerd.launch.pid")


def familiar(ref):
    """A digest reference as moby's reference store keys it: (repository, reference), familiar names,
    a name:tag@digest reference by its digest only."""
    name, digest = ref.split("@", 1)
    slash = name.rfind("/")
    if name.rfind(":") > slash:
        name = name[:name.rfind(":")]
    if name.startswith("docker.io/"):
        name = name[len("docker.io/"):]
        if name.startswith("library/") and name.count("/") == 1:
            name = name[len("library/"):]
    return name, name + "@" + digest


start_dockerd()
try:

    # A dummy base image (one empty layer, PATH only, as the oracle's) that every image reference a run asks
    # for is tagged to, so that BuildKit goes past the base image lookup and dispatches every instruction
    # (variable expansion, COPY --from, stage references) as it did for the oracle. A reference asked for
    # another platform (FROM --platform=linux/arm64) does not match it: such files stop at the lookup.
    empty = work + "/empty.tar"
    with tarfile.open(empty, "w"):
        pass
    r = subprocess.run([docker, "import", "-c", "ENV " + DUMMY_ENV, empty, DUMMY], capture_output=True, env=env)
    if r.returncode != 0:
        sys.exit("docker import of the dummy base image failed: %s" % r.stderr.decode().strip())
    tagged, tag_lock = set(), threading.Lock()

    def stub(ref):
        """Whether `ref` is (now) tagged to the dummy; tagging is serialised, so a tag exists once this returns."""
        if "@" in ref:
            return False
        with tag_lock:
            if ref not in tagged and subprocess.run([docker, "tag", DUMMY, ref], capture_output=True, env=env).returncode == 0:
                tagged.add(ref)
            return ref in tagged

    def check_once(path):
        ctx = tempfile.mkdtemp(dir=work)
        try:
            p = subprocess.Popen([docker, "buildx", "build", "--call=check,format=json", "--progress=plain", "-f", path, ctx],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
            try:
                out, err = p.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.communicate()
                return "timeout after %d s" % timeout, []
        finally:
            shutil.rmtree(ctx, ignore_errors=True)
        try:
            res = json.loads(out) or {}
            be = res.get("buildError")
            return (be.get("message") if be else None), [w.get("ruleName") for w in res.get("warnings") or []]
        except Exception:
            lines = [l[7:] for l in err.decode("utf-8", "replace").splitlines() if l.startswith("ERROR: ")]
            return (lines[0] if lines else (err.decode("utf-8", "replace").strip().splitlines() or ["(no output)"])[-1]), []

    done = [0]

    def check(it):
        retried = set()
        for _ in range(40):
            error, warnings = check_once(it["path"])
            m = RESOLVE.search(error or "")
            # a reference that still fails once tagged is asked for another platform
            if not m or m.group(1) in retried or not stub(m.group(1)):
                break
            retried.add(m.group(1))
        with tag_lock:
            done[0] += 1
            if done[0] % 500 == 0:
                print("  %d checks done, %.0f s" % (done[0], time.time() - t0), flush=True)
        return it, error, warnings

    items = [json.loads(l) for l in open(work + "/files/list.jsonl") if l.strip()]
    crashes = [it for it in items if "crash" in it]
    items = [it for it in items if "crash" not in it]
    t0 = time.time()
    with cf.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(check, items))
    # References with a digest cannot be tagged: they go into the image store's reference file while dockerd
    # is stopped, then the files that stopped at one are checked again (a file may name several: 4 rounds).
    dummy_id = subprocess.run([docker, "image", "inspect", "-f", "{{.Id}}", DUMMY], capture_output=True,
                              env=env).stdout.decode().strip()
    digests = set()
    for _ in range(4):
        waiting = {}
        for n, (it, error, _) in enumerate(results):
            m = RESOLVE.search(error or "")
            if m and "@" in m.group(1) and m.group(1) not in digests:
                waiting[n] = m.group(1)
        if not waiting or not dummy_id:
            break
        stop_dockerd()
        store_path = work + "/data/image/overlay2/repositories.json"
        store = json.load(open(store_path))
        for ref in set(waiting.values()):
            repo, key = familiar(ref)
            store.setdefault("Repositories", {}).setdefault(repo, {})[key] = dummy_id
            digests.add(ref)
        json.dump(store, open(store_path + ".tmp", "w"))
        os.replace(store_path + ".tmp", store_path)
        start_dockerd()
        with cf.ThreadPoolExecutor(jobs) as pool:
            again = list(pool.map(check, [results[n][0] for n in waiting]))
        for n, r in zip(waiting, again):
            results[n] = r
    elapsed = time.time() - t0
finally:
    stop_dockerd()

print("%d fixed files checked in %.0f s; %d image references tagged to the dummy base, %d digest references added"
      % (len(results), elapsed, len(tagged), len(digests)))
control = {it["id"]: error for it, error, _ in results if it["mode"] == "control"}
print("control: a file with an unknown flag gives %r;\n         a valid one gives %r" % (control["bad"], control["good"]))
if parsed(control["bad"]) or control["good"] is not None:
    sys.exit("the check does not tell a parse error from a file that parses: no result")
kinds = collections.Counter()
for it, error, _ in results:
    if it["mode"] != "control":
        kinds["no error: every instruction dispatched" if error is None else
              "parsed, stopped at a base image that cannot be stubbed (digest, other platform)" if kind(error) == "lookup" else
              error[:70]] += 1
print("what BuildKit said about the fixed files:")
for k, n in kinds.most_common(8):
    print("  %5d  %s" % (n, k))

ids = scope["ids"]
before = {i: (oracle[i].get("error") or {}).get("message") for i in ids}
parsed_before = [i for i in ids if parsed(before[i])]
print("\ncorpus files: %d; BuildKit parsed %d of them (the oracle), did not parse %d (left out)"
      % (len(ids), len(parsed_before), len(ids) - len(parsed_before)))
failures = []
for c in crashes:
    failures.append((c["mode"], c["id"], "dockerfix fix crashed: " + c["crash"], []))
for mode in scope["modes"]:
    changed = accepted = 0
    new_warnings, files_with = collections.Counter(), collections.defaultdict(list)
    compared = warnings_before = warnings_after = 0
    for it, error, warnings in results:
        if it["mode"] != mode or not parsed(before[it["id"]]):
            continue
        changed += 1
        k, was = kind(error), kind(before[it["id"]])
        # no error, a base image that cannot be stubbed, or the very kind of error the original had
        if k in (None, "lookup") or k == was:
            accepted += 1
        else:
            why = ("does not parse" if k == "rejected" else "BuildKit timed out" if k == "timeout" else
                   "parses, but BuildKit stops with a new error (%s)" % k)
            failures.append((mode, it["id"], "%s: %s" % (why, error), it.get("rules") or []))
        if error is None and before[it["id"]] is None:
            was_w = collections.Counter(w["rule"] for w in oracle[it["id"]]["warnings"])
            compared += 1
            warnings_before += sum(was_w.values())
            warnings_after += len(warnings)
            for rule, n in collections.Counter(warnings).items():
                if n > was_w[rule]:
                    new_warnings[rule] += n - was_w[rule]
                    files_with[rule].append(it["id"])
    crashed = sum(1 for c in crashes if c["mode"] == mode and parsed(before[c["id"]]))
    print("%s fixes: %d of %d parsed files changed; %d of those %d still parse and are accepted; %d unchanged%s"
          % (mode, changed, len(parsed_before), accepted, changed, len(parsed_before) - changed - crashed,
             "; %d crashed" % crashed if crashed else ""))
    print("  => %d of %d files BuildKit parsed still parse after %s fixes"
          % (len(parsed_before) - changed - crashed + accepted, len(parsed_before), mode))
    print("  BuildKit warnings in the %d changed files that BuildKit checked to the end: %d before, %d after"
          % (compared, warnings_before, warnings_after))
    if new_warnings:
        print("  BuildKit warnings the %s fixes added (not failures; rule: findings in files, e.g.):" % mode)
        for rule, n in new_warnings.most_common():
            print("    %s: %d in %d (%s)" % (rule, n, len(files_with[rule]), ", ".join(files_with[rule][:5])))
if failures:
    print("\nfailures (%d):" % len(failures))
    for mode, i, why, rules in failures:
        print("  %s %s [fixes applied: %s] %s" % (mode, i, ",".join(rules) or "-", why))
else:
    print("\nno failures")
sys.exit(1 if failures else 0)
PYEOF
cleanup() {
  local f="$T/dockerd.launch.pid" p
  if [ -s "$f" ]; then
    p=$(cat "$f")
    if [ -r "/proc/$p/cmdline" ] && tr '\0' ' ' < "/proc/$p/cmdline" | grep -q -- "--data-root $T/data"; then
      kill -TERM "$p" || true
      for _ in $(seq 60); do [ -e "/proc/$p" ] || break; sleep 1; done
    fi
    rm -f "$f"
  fi
  { grep -o " $T/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount "$m" 2>/dev/null || true; done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$T"; else rm -rf "$T/data" "$T/exec"; fi
}
trap cleanup EXIT
python3 "$T/check.py" "$T" "$PKGS" "$SHARED/oracle/buildkit-checks.jsonl" "$JOBS" "$TIMEOUT"
