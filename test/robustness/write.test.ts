/**
 * Writing files in place (src/cli/write.ts, used by `fix`, `lint --fix` and `init`) when something goes wrong: a
 * full disk or an I/O error at each step (simulated with a file system that fails on cue), a file that changes or
 * appears between reading and writing, several files of which one cannot be written. Each time the original is
 * intact byte for byte, no temporary file is left, and the error is one line naming the file and the cause.
 */
import assert from "node:assert/strict";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CliError } from "../../src/cli/files.js";
import { defaultFs, type WriteFs, writeFileAtomically, writeFilesAtomically } from "../../src/cli/write.js";

const root = mkdtempSync(join(tmpdir(), "dockerfix-write-"));
after(() => rmSync(root, { recursive: true, force: true }));

const enc = new TextEncoder();
const ORIGINAL = enc.encode("FROM alpine:3.20\nADD a /a\n");
const FIXED = enc.encode("FROM alpine:3.20\nCOPY a /a\n");

let n = 0;
/** A fresh folder holding `files`. */
function folder(files: Record<string, Uint8Array | string> = {}): string {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated failure, ${syscall}`);
  error.code = code;
  error.syscall = syscall;
  return error;
}

/** node:fs, with `override` in place of some calls. */
function failing(override: Partial<WriteFs>): WriteFs {
  return { ...defaultFs, ...override };
}

/** Runs `write` and returns the one-line message of the CliError it must throw. */
function failure(write: () => void): string {
  let message = "";
  assert.throws(write, (e: unknown) => {
    assert.ok(e instanceof CliError, `not a CliError: ${e}`);
    message = e.message;
    return true;
  });
  assert.ok(!message.includes("\n"), message);
  return message;
}

const files = (dir: string) => readdirSync(dir).sort();

describe("writing in place when it fails", () => {
  for (const [step, override, cause] of [
    [
      "the disk is full after part of the file was written",
      {
        writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => {
          if (offset > 0) throw errno("ENOSPC", "write");
          return defaultFs.writeSync(fd, data, offset, Math.min(length, 5));
        },
      },
      /no space left on device/,
    ],
    [
      "flushing to disk fails with an I/O error",
      {
        fsyncSync: () => {
          throw errno("EIO", "fsync");
        },
      },
      /input\/output error/,
    ],
    [
      "the quota is exceeded when the temporary file is created",
      {
        openSync: () => {
          throw errno("EDQUOT", "open");
        },
      },
      /disk quota exceeded/,
    ],
    [
      "the folder is read-only",
      {
        openSync: () => {
          throw errno("EACCES", "open");
        },
      },
      /permission denied/,
    ],
    [
      "the file system is read-only",
      {
        openSync: () => {
          throw errno("EROFS", "open");
        },
      },
      /read-only file system/,
    ],
    [
      "the mode cannot be set",
      {
        chmodSync: () => {
          throw errno("EPERM", "chmod");
        },
      },
      /permission denied/,
    ],
    [
      "the rename fails",
      {
        renameSync: () => {
          throw errno("EIO", "rename");
        },
      },
      /input\/output error/,
    ],
  ] as const) {
    it(`${step}: the original is intact, no temporary file, one line`, () => {
      const dir = folder({ Dockerfile: ORIGINAL });
      const path = join(dir, "Dockerfile");
      const message = failure(() =>
        writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL, doing: "fixed" }, failing(override)),
      );
      assert.match(message, new RegExp(`^cannot write '${path}': ${cause.source}`));
      assert.match(message, /it was not changed$/);
      assert.deepEqual(readFileSync(path), Buffer.from(ORIGINAL));
      assert.deepEqual(files(dir), ["Dockerfile"]);
    });
  }

  it("a new file that cannot be written is not created", () => {
    const dir = folder();
    const path = join(dir, ".dockerignore");
    const message = failure(() =>
      writeFileAtomically(
        { path, bytes: enc.encode(".git\n"), expected: null },
        failing({
          fsyncSync: () => {
            throw errno("ENOSPC", "fsync");
          },
        }),
      ),
    );
    assert.match(message, /no space left on device/);
    assert.deepEqual(files(dir), []);
  });

  it("without a failure the same calls write the file, keeping its mode", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    const path = join(dir, "Dockerfile");
    chmodSync(path, 0o751);
    writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL }, failing({}));
    assert.deepEqual(readFileSync(path), Buffer.from(FIXED));
    assert.equal(statSync(path).mode & 0o777, 0o751);
    assert.deepEqual(files(dir), ["Dockerfile"]);
  });

  it("writes through a symbolic link, keeping the link", () => {
    const dir = folder({ "real.Dockerfile": ORIGINAL });
    symlinkSync("real.Dockerfile", join(dir, "Dockerfile"));
    writeFileAtomically({ path: join(dir, "Dockerfile"), bytes: FIXED, expected: ORIGINAL });
    assert.ok(lstatSync(join(dir, "Dockerfile")).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, "Dockerfile")), "real.Dockerfile");
    assert.deepEqual(readFileSync(join(dir, "real.Dockerfile")), Buffer.from(FIXED));
  });
});

describe("read-only files and folders, for every user (root included)", () => {
  it("a file without a write bit is left alone", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    const path = join(dir, "Dockerfile");
    chmodSync(path, 0o444);
    const message = failure(() => writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL, doing: "fixed" }));
    assert.equal(message, `cannot write '${path}': permission denied (the file is read-only)`);
    assert.deepEqual(readFileSync(path), Buffer.from(ORIGINAL));
    assert.equal(statSync(path).mode & 0o777, 0o444);
    assert.deepEqual(files(dir), ["Dockerfile"]);
  });

  it("a file with a write bit for someone is written (its mode kept)", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    const path = join(dir, "Dockerfile");
    chmodSync(path, 0o644);
    writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL });
    assert.deepEqual(readFileSync(path), Buffer.from(FIXED));
    assert.equal(statSync(path).mode & 0o777, 0o644);
  });

  it("a folder without a write bit: neither its files nor a new file are written", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    chmodSync(dir, 0o555);
    try {
      const path = join(dir, "Dockerfile");
      const message = failure(() => writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL }));
      assert.equal(message, `cannot write '${path}': permission denied (the folder is read-only)`);
      const fresh = join(dir, ".dockerignore");
      const created = failure(() => writeFileAtomically({ path: fresh, bytes: enc.encode(".git\n"), expected: null }));
      assert.equal(created, `cannot write '${fresh}': permission denied (the folder is read-only)`);
      assert.deepEqual(readFileSync(path), Buffer.from(ORIGINAL));
      assert.deepEqual(files(dir), ["Dockerfile"]);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it("a file another user owns and only they may write is refused as access() says", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    const path = join(dir, "Dockerfile");
    const message = failure(() =>
      writeFileAtomically(
        { path, bytes: FIXED, expected: ORIGINAL },
        failing({
          accessSync: () => {
            throw errno("EACCES", "access");
          },
        }),
      ),
    );
    assert.equal(message, `cannot write '${path}': permission denied`);
    assert.deepEqual(readFileSync(path), Buffer.from(ORIGINAL));
  });
});

describe("writing in place when the file changes meanwhile", () => {
  it("a file that changed after it was read is refused before anything is written", () => {
    const dir = folder({ Dockerfile: "FROM alpine:3.20\nADD b /b\n" });
    const path = join(dir, "Dockerfile");
    const message = failure(() => writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL, doing: "fixed" }));
    assert.equal(message, `'${path}' changed while it was being fixed; not written (run dockerfix again)`);
    assert.equal(readFileSync(path, "utf8"), "FROM alpine:3.20\nADD b /b\n");
    assert.deepEqual(files(dir), ["Dockerfile"]);
  });

  it("a file that changes while the new one is being written is refused at the last moment", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    const path = join(dir, "Dockerfile");
    const other = "FROM alpine:3.21\n# edited meanwhile\n";
    const fs = failing({
      fsyncSync: (fd) => {
        defaultFs.fsyncSync(fd);
        writeFileSync(path, other);
      },
    });
    const message = failure(() => writeFileAtomically({ path, bytes: FIXED, expected: ORIGINAL, doing: "fixed" }, fs));
    assert.match(message, /changed while it was being fixed/);
    assert.equal(readFileSync(path, "utf8"), other);
    assert.deepEqual(files(dir), ["Dockerfile"]);
  });

  it("a file that disappeared is refused", () => {
    const dir = folder();
    const message = failure(() =>
      writeFileAtomically({ path: join(dir, "Dockerfile"), bytes: FIXED, expected: ORIGINAL }),
    );
    assert.match(message, /changed while it was being written/);
    assert.deepEqual(files(dir), []);
  });

  it("a new file is not written over one that appeared meanwhile", () => {
    const dir = folder();
    const path = join(dir, "Dockerfile");
    const fs = failing({
      fsyncSync: (fd) => {
        defaultFs.fsyncSync(fd);
        writeFileSync(path, "FROM mine\n");
      },
    });
    const message = failure(() => writeFileAtomically({ path, bytes: FIXED, expected: null, doing: "generated" }, fs));
    assert.match(message, /appeared while it was being generated/);
    assert.equal(readFileSync(path, "utf8"), "FROM mine\n");
    assert.deepEqual(files(dir), ["Dockerfile"]);
  });

  it("a file at the path of a new one, even a dangling link, is refused before writing", () => {
    const dir = folder();
    symlinkSync("nowhere", join(dir, "Dockerfile"));
    const message = failure(() => writeFileAtomically({ path: join(dir, "Dockerfile"), bytes: FIXED, expected: null }));
    assert.match(message, /appeared/);
    assert.equal(readlinkSync(join(dir, "Dockerfile")), "nowhere");
  });
});

describe("writing several files (init's Dockerfile and .dockerignore)", () => {
  const IGNORE = enc.encode(".git\n");
  const NEW_IGNORE = enc.encode(".git\n.venv\n");

  it("when the second cannot be written, the first is not replaced either", () => {
    const dir = folder({ Dockerfile: ORIGINAL, ".dockerignore": IGNORE });
    const fs = failing({
      openSync: (path, flags, mode) => {
        if (path.includes(".dockerignore")) throw errno("ENOSPC", "open");
        return defaultFs.openSync(path, flags, mode);
      },
    });
    const message = failure(() =>
      writeFilesAtomically(
        [
          { path: join(dir, "Dockerfile"), bytes: FIXED, expected: ORIGINAL },
          { path: join(dir, ".dockerignore"), bytes: NEW_IGNORE, expected: IGNORE },
        ],
        fs,
      ),
    );
    assert.match(message, /\.dockerignore': no space left on device/);
    assert.deepEqual(readFileSync(join(dir, "Dockerfile")), Buffer.from(ORIGINAL));
    assert.deepEqual(readFileSync(join(dir, ".dockerignore")), Buffer.from(IGNORE));
    assert.deepEqual(files(dir), [".dockerignore", "Dockerfile"]);
  });

  it("when putting the second in place fails, the first gets its old bytes back and a new one is removed", () => {
    for (const existing of [true, false]) {
      const dir = folder(existing ? { Dockerfile: ORIGINAL } : {});
      let renames = 0;
      const fs = failing({
        linkSync: (a, b) => {
          if (b.endsWith(".dockerignore")) throw errno("EIO", "link");
          defaultFs.linkSync(a, b);
        },
        renameSync: (a, b) => {
          renames++;
          defaultFs.renameSync(a, b);
        },
      });
      const message = failure(() =>
        writeFilesAtomically(
          [
            { path: join(dir, "Dockerfile"), bytes: FIXED, expected: existing ? ORIGINAL : null },
            { path: join(dir, ".dockerignore"), bytes: NEW_IGNORE, expected: null },
          ],
          fs,
        ),
      );
      assert.match(message, /^cannot write '.*\.dockerignore': input\/output error; nothing was written$/);
      if (existing) {
        assert.deepEqual(readFileSync(join(dir, "Dockerfile")), Buffer.from(ORIGINAL));
        assert.equal(renames, 2, "renamed into place, then back");
        assert.deepEqual(files(dir), ["Dockerfile"]);
      } else assert.deepEqual(files(dir), []);
    }
  });

  it("without a failure both are written", () => {
    const dir = folder({ Dockerfile: ORIGINAL });
    writeFilesAtomically([
      { path: join(dir, "Dockerfile"), bytes: FIXED, expected: ORIGINAL },
      { path: join(dir, ".dockerignore"), bytes: NEW_IGNORE, expected: null },
    ]);
    assert.deepEqual(readFileSync(join(dir, "Dockerfile")), Buffer.from(FIXED));
    assert.deepEqual(readFileSync(join(dir, ".dockerignore")), Buffer.from(NEW_IGNORE));
    assert.deepEqual(files(dir), [".dockerignore", "Dockerfile"]);
  });
});
