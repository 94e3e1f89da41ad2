/**
 * The playground in a real browser (Debian's chromium through playwright-core): paste a bad Dockerfile, check the
 * findings and their lines, the fixed output and the diff; then a shared link. Saves a screenshot to
 * test-artifacts/playground.png. Skips when no chromium is installed (CI installs it).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { type Browser, chromium, type Page } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

const BAD = [
  "FROM python:3.11",
  "COPY . .",
  "RUN pip install -r requirements.txt",
  "ADD app.py /app/app.py",
  "CMD python app.py",
  "",
].join("\n");

/** Waits until the page shows the results for `text`. */
async function linted(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => (window as unknown as { dockerfixLinted?: string }).dockerfixLinted === t, text, {
    timeout: 10_000,
  });
}

describe("playground in a browser", { skip: CHROMIUM ? false : "no chromium installed" }, () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    const built = spawnSync(process.execPath, [join(root, "scripts/build-web.mjs")], { encoding: "utf8" });
    assert.equal(built.status, 0, built.stderr);
    const { serve } = (await import(join(root, "scripts/serve-web.mjs"))) as {
      serve: (dir: string, port: number) => Promise<Server>;
    };
    server = await serve(join(root, "web", "dist"), 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base);
    await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
    assert.deepEqual(errors, []);
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("shows each finding at its line, and the fixed file", async () => {
    await page.fill("#input", BAD);
    await linted(page, BAD);
    const found = await page.$$eval("#findings li", (items) =>
      items.map((li) => `${(li as HTMLElement).dataset.rule}@${(li as HTMLElement).dataset.line}`),
    );
    for (const expected of [
      "prefer-slim-base@1",
      "workdir-relative-copy@2",
      "dependency-install-order@3",
      "prefer-copy@4",
      "exec-form@5",
    ])
      assert.ok(found.includes(expected), `${expected} not in ${found.join(", ")}`);

    // Safe fixes only: ADD becomes COPY, and the diff says so.
    const fixed = await page.textContent("#fixed");
    assert.match(fixed ?? "", /^COPY app\.py \/app\/app\.py$/m);
    assert.doesNotMatch(fixed ?? "", /^ADD /m);
    const diff = (await page.textContent("#diff")) ?? "";
    assert.match(diff, /^-ADD app\.py \/app\/app\.py$/m);
    assert.match(diff, /^\+COPY app\.py \/app\/app\.py$/m);
    // The slim-base fix is unsafe: not applied until asked for.
    assert.doesNotMatch(fixed ?? "", /slim/);
    await page.check("#unsafe");
    await page.waitForFunction(() => /slim/.test(document.querySelector("#fixed")?.textContent ?? ""), undefined, {
      timeout: 10_000,
    });
    assert.match((await page.textContent("#fixed")) ?? "", /^FROM python:3\.11-slim-/m);

    mkdirSync(join(root, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: join(root, "test-artifacts", "playground.png"), fullPage: true });
  });

  it("a rule's documentation is one click away", async () => {
    await page.click("#findings li[data-rule=prefer-copy] .rule");
    const doc = await page.textContent("#doc");
    assert.match(doc ?? "", /prefer-copy/);
    assert.match(doc ?? "", /DL3020/);
  });

  it("the example apps load with one click", async () => {
    await page.click("nav button[data-example=voila]");
    assert.match(await page.inputValue("#input"), /voila/i);
    await page.waitForFunction(() => (document.querySelector("#findings")?.children.length ?? 0) > 0);
  });

  it("a shared link opens with its content", async () => {
    await page.fill("#input", BAD);
    await linted(page, BAD);
    await page.click("#share");
    await page.waitForFunction(() => location.hash.length > 3);
    const url = page.url();
    const other = await browser.newPage();
    await other.goto(url);
    await other.waitForSelector("body[data-ready=true]");
    assert.equal(await other.inputValue("#input"), BAD);
    await other.close();
  });

  it("a broken shared link says so, and shows an example", async () => {
    const other = await browser.newPage();
    await other.goto(`${base}#z=!!!!`);
    await other.waitForSelector("body[data-ready=true]");
    assert.match((await other.textContent("#status")) ?? "", /The link's content could not be read/);
    assert.notEqual(await other.inputValue("#input"), "");
    await other.close();
  });

  it("a text over 1 MiB is not linted: a message says so, at once", async () => {
    // Just over the limit: the findings pane holds the message, the fix panes are empty, the link is not made.
    const over = `FROM alpine:3.20\n${"# a comment line\n".repeat(62_000)}`;
    assert.ok(Buffer.byteLength(over) > 1024 * 1024);
    // Set as a paste sets it (fill types it through the editor, which takes minutes for a megabyte).
    await page.evaluate((text) => {
      const input = document.querySelector("#input") as HTMLTextAreaElement;
      input.value = text;
      input.dispatchEvent(new Event("input"));
    }, over);
    await linted(page, over);
    const message = (await page.textContent("#findings li.too-large")) ?? "";
    assert.match(message, /^This text is 1\.01 MiB, larger than 1 MiB, the playground's limit: it is not linted\./);
    assert.equal(await page.$$eval("#findings li[data-rule]", (items) => items.length), 0);
    assert.equal(await page.textContent("#fixed"), "");
    assert.match((await page.textContent("#diff")) ?? "", /over the size limit/);
    const before = page.url();
    await page.click("#share");
    assert.match((await page.textContent("#status")) ?? "", /A link holds at most 1 MiB: this text is not shared\./);
    assert.equal(page.url(), before);

    // Back under the limit, it is linted again.
    await page.fill("#input", BAD);
    await linted(page, BAD);
    assert.ok((await page.$$eval("#findings li[data-rule]", (items) => items.length)) > 0);
  });

  it("a paste or a drop over 1 MiB (50 MB here) is refused at once with a message, and the text stays as it was", async () => {
    // A text the page does not show yet, so that its rendering is over before the paste.
    const before = `${BAD}# before the paste\n`;
    await page.fill("#input", before);
    await linted(page, before);
    for (const [kind, what, size] of [
      ["paste", "pasted", 200_000],
      ["paste", "pasted", 5_600_000],
      ["drop", "dropped", 200_000],
    ] as const) {
      const started = Date.now();
      const refused = await page.evaluate(
        ([kind, size]) => {
          const data = new DataTransfer();
          data.setData("text/plain", "RUN true\n".repeat(size));
          const event =
            kind === "paste"
              ? new ClipboardEvent("paste", { clipboardData: data, cancelable: true, bubbles: true })
              : new DragEvent("drop", { dataTransfer: data, cancelable: true, bubbles: true });
          document.querySelector("#input")?.dispatchEvent(event);
          return event.defaultPrevented;
        },
        [kind, size] as const,
      );
      assert.equal(refused, true, kind);
      assert.ok(Date.now() - started < 10_000);
      const shown = size === 200_000 ? "1\\.72 MiB" : "48\\.1 MiB";
      assert.match(
        (await page.textContent("#status")) ?? "",
        new RegExp(`^The ${what} text is ${shown}, larger than 1 MiB, the playground's limit: it was not ${what}\\.`),
      );
      assert.equal(await page.inputValue("#input"), before);
    }
  });

  it("a shared link over 1 MiB says so and shows an example, however small the link (a compressed 50 MB)", async () => {
    const text = `FROM alpine:3.20\n${"#".repeat(50 * 1024 * 1024)}\n`;
    const data = deflateRawSync(Buffer.from(text)).toString("base64url");
    assert.ok(data.length < 200_000, String(data.length));
    for (const hash of [`z=${data}`, `t=${"A".repeat(1_500_000)}`]) {
      const other = await browser.newPage();
      const started = Date.now();
      await other.goto(`${base}#${hash}`);
      await other.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
      assert.ok(Date.now() - started < 20_000);
      assert.match(
        (await other.textContent("#status")) ?? "",
        /^The link's Dockerfile is larger than 1 MiB, the playground's limit: showing an example instead/,
      );
      const shown = await other.inputValue("#input");
      assert.ok(shown.length > 0 && shown.length < 100_000, String(shown.length));
      await other.close();
    }
  });

  it("with a byte-order mark, a finding selects its own text, and the fixed file keeps the mark", async () => {
    const text = "\uFEFFFROM alpine:3.20\nENV k v\n";
    await page.fill("#input", text);
    await linted(page, text);
    await page.click("#findings li[data-rule=legacy-key-value]");
    const selected = await page.$eval("#input", (el) => {
      const t = el as HTMLTextAreaElement;
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.match(selected, /^k v/);
    assert.equal(await page.textContent("#fixed"), "\uFEFFFROM alpine:3.20\nENV k=v\n");
  });
});
