/**
 * The formatter over the whole reference corpus: every file of ../shared/corpus/profiles and every
 * PASS-labelled conformance case, in the default layout and with --sort. Prints how many files are
 * idempotent and keep their meaning; exits 1 if any is not. `npm test` runs a sample of the same.
 *
 * With --policy it also compares the binary policy Debian's apparmor_parser compiles from each original and
 * its formatted text: Debian's profile trees, the corpus profile tree and the hand-written PASS cases (the
 * compiler is older than the corpus, so it rejects many of them: those have no policy to compare).
 *
 *   npm run build && node dist/test/format/corpus.js [--limit N] [--no-sort] [--policy]
 */
import { checkFormatting, conformancePasses, corpusDir, corpusProfiles, spread, type Sample } from "./harness.js";
import { APPARMOR_PARSER, compareCases, comparePolicy, debianTrees, topLevelProfiles, type PolicyReport, type PolicyTree } from "./policy.js";

interface Tally {
  files: number;
  unparsable: number;
  refused: number;
  checked: number;
  idempotent: number;
  sameMeaning: number;
  sameComments: number;
  failures: string[];
}

async function run(samples: Sample[], sort: boolean): Promise<Tally> {
  const t: Tally = { files: samples.length, unparsable: 0, refused: 0, checked: 0, idempotent: 0, sameMeaning: 0, sameComments: 0, failures: [] };
  for (const s of samples) {
    const o = await checkFormatting(s.text, s.name, sort);
    if (o.kind === "unparsable") t.unparsable++;
    else if (o.kind === "refused") {
      t.refused++;
      t.failures.push(`${s.name}: refused: ${o.message}`);
    } else {
      t.checked++;
      if (o.idempotent) t.idempotent++;
      if (o.sameMeaning) t.sameMeaning++;
      if (o.sameComments) t.sameComments++;
      if (!o.idempotent || !o.sameMeaning || !o.sameComments) t.failures.push(`${s.name}: ${o.detail}`);
    }
  }
  return t;
}

function pct(n: number, d: number): string {
  return d === 0 ? "n/a" : `${((100 * n) / d).toFixed(2)} %`;
}

function report(label: string, t: Tally, ms: number): void {
  console.log(`${label}: ${t.files} files (${t.unparsable} do not parse and are skipped), ${t.checked} formatted in ${(ms / 1000).toFixed(1)} s`);
  console.log(`  idempotent ${t.idempotent}/${t.checked} (${pct(t.idempotent, t.checked)}), same AST ${t.sameMeaning}/${t.checked} (${pct(t.sameMeaning, t.checked)}), same comments ${t.sameComments}/${t.checked} (${pct(t.sameComments, t.checked)}), refused ${t.refused}`);
  for (const f of t.failures.slice(0, 20)) console.log(`  FAIL ${f}`);
  if (t.failures.length > 20) console.log(`  … ${t.failures.length - 20} more`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const limitAt = argv.indexOf("--limit");
  const limit = limitAt === -1 ? Infinity : Number(argv[limitAt + 1]);
  const sorts = argv.includes("--no-sort") ? [false] : [false, true];
  const sets: [string, Sample[]][] = [["corpus/profiles", corpusProfiles()], ["conformance PASS", conformancePasses()]];
  if (sets.every(([, s]) => s.length === 0)) {
    console.log("fmt-corpus: skipped, no corpus found beside the checkout (set AAPROF_CORPUS)");
    return 0;
  }
  let failed = false;
  for (const sort of sorts) {
    for (const [label, all] of sets) {
      const samples = Number.isFinite(limit) ? spread(all, limit) : all;
      const t0 = performance.now();
      const t = await run(samples, sort);
      report(`${label}${sort ? " (--sort)" : ""}`, t, performance.now() - t0);
      if (t.failures.length > 0) failed = true;
    }
  }
  if (argv.includes("--policy")) failed = (await policy(sorts)) || failed;
  return failed ? 1 : 0;
}

const GENERATED_SAMPLE = 2000;

function reportPolicy(label: string, r: PolicyReport, ms: number): void {
  console.log(`${label}: ${r.compared + r.rejected} profiles, ${r.rejected} rejected by apparmor_parser as written, `
    + `${r.same}/${r.compared} compile to identical policy after formatting (${(ms / 1000).toFixed(1)} s)`);
  for (const m of r.mismatches.slice(0, 20)) console.log(`  FAIL ${m}`);
}

async function policy(sorts: boolean[]): Promise<boolean> {
  if (!APPARMOR_PARSER) {
    console.log("policy: skipped, apparmor_parser is not installed");
    return false;
  }
  let failed = false;
  const trees: [string, PolicyTree[]][] = [["policy: Debian's profiles", debianTrees()]];
  const upstream = corpusDir("profiles/apparmor");
  if (upstream) trees.push(["policy: corpus/profiles/apparmor", [{ root: upstream, profiles: topLevelProfiles, includeBase: upstream }]]);
  for (const [label, t] of trees) {
    if (t.length === 0) continue;
    const t0 = performance.now();
    const reports = await comparePolicy(t, sorts);
    reports.forEach((r, i) => {
      reportPolicy(`${label}${sorts[i] ? " (--sort)" : ""}`, r, performance.now() - t0);
      failed ||= r.mismatches.length > 0;
    });
  }
  const conformance = corpusDir("conformance");
  if (conformance) {
    const passes = conformancePasses();
    const sets: [string, Sample[]][] = [
      ["hand-written conformance PASS cases", passes.filter((c) => c.name.startsWith("simple_tests/"))],
      // Compiling all 41k generated cases takes hours; a spread covers every generator (exec modes, dbus, …).
      [`a spread of ${GENERATED_SAMPLE} generated PASS cases`, spread(passes.filter((c) => c.name.startsWith("generated/")), GENERATED_SAMPLE)],
    ];
    for (const [label, cases] of sets) {
      for (const sort of sorts) {
        const t0 = performance.now();
        const r = await compareCases(cases, conformance, sort);
        reportPolicy(`policy: ${label}${sort ? " (--sort)" : ""}`, r, performance.now() - t0);
        failed ||= r.mismatches.length > 0;
      }
    }
  }
  return failed;
}

process.exitCode = await main();
