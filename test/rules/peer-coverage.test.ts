/**
 * Every Trivy (DS) and Checkov (CKV_DOCKER, CKV2_DOCKER) Dockerfile check listed in the peer reference is
 * covered by a dockerfix rule that answers to its id. The table below says which rule carries each id (by
 * the rule's id or its hadolint code); the test checks both that the id is an alias of that rule and that
 * the reference lists no id the table forgot.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findRule, rules } from "../../src/rules/registry.js";
import { SHARED } from "../helpers/corpus.js";

/** Trivy ids are recorded as Trivy's check packages name them: `DS-0001` → `DS001`. */
function normalize(id: string): string {
  const m = /^DS-0*(\d+)$/.exec(id);
  return m ? `DS${m[1].padStart(3, "0")}` : id;
}

/** Peer id → the rule that carries it (a rule id, or a hadolint code the rule answers to). */
const CARRIER: Record<string, string> = {
  DS001: "DL3007",
  DS002: "missing-user",
  DS004: "expose-ssh-port",
  DS005: "DL3020",
  DS006: "DL3023",
  DS007: "DL4004",
  DS008: "DL3011",
  DS009: "DL3000",
  DS010: "DL3004",
  DS011: "DL3021",
  DS012: "DL3024",
  DS013: "DL3003",
  DS014: "DL4001",
  DS015: "DL3032",
  DS016: "DL4003",
  DS017: "update-without-install",
  DS019: "DL3040",
  DS020: "DL3036",
  DS021: "DL3014",
  DS022: "DL4000",
  DS023: "DL3012",
  DS024: "package-upgrade",
  DS025: "DL3019",
  DS026: "DL3057",
  DS027: "DL3040",
  DS029: "DL3015",
  DS030: "workdir-system-dir",
  DS031: "DL3064",
  CKV_DOCKER_1: "expose-ssh-port",
  CKV_DOCKER_2: "DL3057",
  CKV_DOCKER_3: "missing-user",
  CKV_DOCKER_4: "DL3020",
  CKV_DOCKER_5: "update-without-install",
  CKV_DOCKER_6: "DL4000",
  CKV_DOCKER_7: "DL3006",
  CKV_DOCKER_8: "DL3002",
  CKV_DOCKER_9: "DL3027",
  CKV_DOCKER_10: "DL3000",
  CKV_DOCKER_11: "DL3024",
  CKV2_DOCKER_1: "DL3004",
  CKV2_DOCKER_2: "tls-verification-disabled",
  CKV2_DOCKER_3: "tls-verification-disabled",
  CKV2_DOCKER_4: "tls-verification-disabled",
  CKV2_DOCKER_5: "tls-verification-disabled",
  CKV2_DOCKER_6: "tls-verification-disabled",
  CKV2_DOCKER_7: "signature-verification-disabled",
  CKV2_DOCKER_8: "signature-verification-disabled",
  CKV2_DOCKER_9: "signature-verification-disabled",
  CKV2_DOCKER_10: "signature-verification-disabled",
  CKV2_DOCKER_11: "signature-verification-disabled",
  CKV2_DOCKER_12: "tls-verification-disabled",
  CKV2_DOCKER_13: "tls-verification-disabled",
  CKV2_DOCKER_14: "tls-verification-disabled",
  CKV2_DOCKER_15: "tls-verification-disabled",
  CKV2_DOCKER_16: "tls-verification-disabled",
  CKV2_DOCKER_17: "password-in-run",
};

/** Peer ids that are out of scope, with the reason. None today: every listed check can be decided from the files. */
const OUT_OF_SCOPE: Record<string, string> = {};

const reference = join(SHARED, "reference", "peers.md");

describe("Trivy and Checkov coverage", () => {
  it("every peer id is an alias of the rule the table names", (t) => {
    const missing: string[] = [];
    for (const [id, carrierName] of Object.entries(CARRIER)) {
      const carrier = findRule(carrierName);
      if (!carrier) {
        // A hadolint rule not written yet: the id must move onto it as soon as it exists.
        if (/^DL\d{4}$/.test(carrierName)) t.diagnostic(`${id} waits for ${carrierName}`);
        else missing.push(`${id}: no rule ${carrierName}`);
        continue;
      }
      const holder = findRule(id);
      if (holder !== carrier)
        missing.push(`${id}: expected on ${carrier.meta.id}, found on ${holder?.meta.id ?? "no rule"}`);
    }
    assert.deepEqual(missing, []);
  });

  it("every rule alias that looks like a peer id is in the table", () => {
    const extra: string[] = [];
    for (const r of rules)
      for (const a of r.meta.aliases) if (/^(DS\d{3}|CKV2?_DOCKER_\d+)$/.test(a) && !(a in CARRIER)) extra.push(a);
    assert.deepEqual(extra, []);
  });

  it("the reference lists no Trivy or Checkov id the table lacks", { skip: !existsSync(reference) }, () => {
    const text = readFileSync(reference, "utf8");
    const ids = [...text.matchAll(/^\| (DS-\d{4}|CKV2?_DOCKER_\d+) \|/gm)].map((m) => normalize(m[1]));
    assert.ok(ids.length >= 40, `found only ${ids.length} ids in peers.md`);
    const unknown = ids.filter((id) => !(id in CARRIER) && !(id in OUT_OF_SCOPE));
    assert.deepEqual(unknown, []);
  });
});
