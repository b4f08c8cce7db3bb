/**
 * Idempotence and same meaning over the shared reference corpus, when it is present beside the checkout:
 * every file of corpus/profiles and a deterministic spread of the PASS-labelled conformance cases (the whole
 * set takes minutes: `node dist/test/format/corpus.js` after a build runs all of it, with --sort too).
 */
import { describe, expect, it } from "vitest";
import { checkFormatting, conformancePasses, corpusProfiles, spread, type Sample } from "./harness.js";

const CONFORMANCE_SAMPLE = 800;

async function failures(samples: Sample[], sort: boolean): Promise<{ checked: number; failed: string[] }> {
  const failed: string[] = [];
  let checked = 0;
  for (const s of samples) {
    const o = await checkFormatting(s.text, s.name, sort);
    if (o.kind === "unparsable") continue;
    if (o.kind === "refused") {
      failed.push(`${s.name}: ${o.message}`);
      continue;
    }
    checked++;
    if (!o.idempotent || !o.sameMeaning || !o.sameComments) failed.push(`${s.name}: ${o.detail}`);
  }
  return { checked, failed };
}

const profiles = corpusProfiles();
const passes = conformancePasses();

describe("reference corpus", () => {
  it.skipIf(profiles.length === 0)("every file of corpus/profiles formats idempotently and keeps its meaning", async () => {
    const r = await failures(profiles, false);
    expect(r.checked).toBeGreaterThan(0);
    expect(r.failed).toEqual([]);
  }, 120_000);

  it.skipIf(profiles.length === 0)("every file of corpus/profiles does so with --sort", async () => {
    expect((await failures(profiles, true)).failed).toEqual([]);
  }, 120_000);

  it.skipIf(passes.length === 0)(`a spread of ${CONFORMANCE_SAMPLE} PASS conformance cases does so, with and without --sort`, async () => {
    const sample = spread(passes, CONFORMANCE_SAMPLE);
    expect((await failures(sample, false)).failed).toEqual([]);
    expect((await failures(sample, true)).failed).toEqual([]);
  }, 120_000);

  it.runIf(profiles.length === 0 && passes.length === 0)("is absent: skipped (no ../shared/corpus beside the checkout)", () => {
    console.warn("format corpus tests skipped: no shared corpus found (set AAPROF_CORPUS to its path)");
  });
});
