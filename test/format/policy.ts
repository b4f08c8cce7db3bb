/**
 * Same policy: a real compiler (Debian's apparmor_parser) must produce byte-identical binary policy from a
 * profile tree and from its formatted copy. The whole tree is formatted (profiles, abstractions, tunables),
 * so includes are compared too; every profile file the compiler accepts in the original tree is compiled
 * from both trees.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { parse } from "../../src/ast/parse.js";
import { formatText } from "../../src/format/index.js";

const run = promisify(execFile);

export const APPARMOR_PARSER = ["/sbin/apparmor_parser", "/usr/sbin/apparmor_parser"].find((p) => existsSync(p)) ?? null;

/** Folders of a profile tree that hold no profile text. */
const NOT_TEXT = new Set(["abi", "cache", "cache.d", "disable", "force-complain"]);

export interface PolicyTree {
  /** The tree's own directory: every regular file in it is formatted. */
  root: string;
  /** Files whose compiled policy is compared (relative to root); the rest are includes. */
  profiles: (root: string) => string[];
  /**
   * The include base the profiles are compiled against (absolute). When it lies inside one of the trees
   * compared, the formatted profiles are compiled against that tree's formatted copy.
   */
  includeBase: string;
}

export interface PolicyReport {
  compared: number;
  same: number;
  /** Profiles the compiler rejects in the original tree: no policy to compare. */
  rejected: number;
  mismatches: string[];
}

/** Top-level profile files of an /etc/apparmor.d-shaped tree. */
export function topLevelProfiles(root: string): string[] {
  return readdirSync(root).sort().filter((n) => {
    if (n.startsWith(".") || n === "README") return false;
    return lstatSync(join(root, n)).isFile();
  });
}

/** Copies `src` to `dst`, formatting every file that parses and copying the rest byte for byte. */
async function formatTree(src: string, dst: string, sort: boolean): Promise<void> {
  mkdirSync(dst, { recursive: true });
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    const to = join(dst, name);
    const st = lstatSync(from);
    if (st.isDirectory()) {
      if (NOT_TEXT.has(name)) cpSync(from, to, { recursive: true });
      else await formatTree(from, to, sort);
    } else if (st.isFile()) {
      const text = readFileSync(from, "utf8");
      const parsed = parse(text, from);
      const out = parsed.diagnostics.length === 0 ? await formatText(text, { filePath: from, sort }) : null;
      writeFileSync(to, out?.ok ? out.text : text);
    }
  }
}

async function compile(file: string, includeBase: string, cwd: string): Promise<Buffer | null> {
  try {
    const { stdout } = await run(APPARMOR_PARSER!, ["-QK", "-S", "--config-file=/dev/null", "-I", includeBase, file], {
      cwd, encoding: "buffer", maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return null;
  }
}

async function pool<T>(items: readonly T[], fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * Formats each tree into temporary directories, once per layout (`sorts`: false for the default layout,
 * true for `--sort`), and compares compiled policy profile by profile; each original is compiled once.
 */
export async function comparePolicy(trees: readonly PolicyTree[], sorts: readonly boolean[]): Promise<PolicyReport[]> {
  const reports: PolicyReport[] = sorts.map(() => ({ compared: 0, same: 0, rejected: 0, mismatches: [] }));
  const scratch = mkdtempSync(join(tmpdir(), "aaprof-policy-"));
  try {
    const copies = sorts.map(() => new Map<string, string>());
    const jobs: { tree: PolicyTree; file: string }[] = [];
    for (const [i, tree] of trees.entries()) {
      for (const [v, sort] of sorts.entries()) {
        const copy = join(scratch, `${v}`, `${i}`);
        await formatTree(tree.root, copy, sort);
        copies[v]!.set(tree.root, copy);
      }
      for (const file of tree.profiles(tree.root)) jobs.push({ tree, file });
    }
    const inCopy = (v: number, path: string) => {
      for (const [root, copy] of copies[v]!) {
        const rel = relative(root, path);
        if (!rel.startsWith("..")) return join(copy, rel);
      }
      return path;
    };
    await pool(jobs, async ({ tree, file }) => {
      const path = join(tree.root, file);
      const original = await compile(path, tree.includeBase, tree.root);
      for (const [v, report] of reports.entries()) {
        if (original === null) {
          report.rejected++;
          continue;
        }
        report.compared++;
        const formatted = await compile(inCopy(v, path), inCopy(v, tree.includeBase), inCopy(v, tree.root));
        if (formatted !== null && formatted.equals(original)) report.same++;
        else report.mismatches.push(`${path}: ${formatted === null ? "formatted file rejected" : "binary policy differs"}`);
      }
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return reports;
}

/** Debian's profile trees, as installed by apparmor-profiles and apparmor-profiles-extra. */
export function debianTrees(): PolicyTree[] {
  const trees: PolicyTree[] = [];
  if (existsSync("/etc/apparmor.d/tunables")) {
    trees.push({ root: "/etc/apparmor.d", profiles: topLevelProfiles, includeBase: "/etc/apparmor.d" });
    const extra = "/usr/share/apparmor/extra-profiles";
    if (existsSync(extra)) trees.push({ root: extra, profiles: topLevelProfiles, includeBase: "/etc/apparmor.d" });
  }
  return trees;
}

/** One profile text compiled on its own: stdin is not used so relative includes resolve against `cwd`. */
export async function compileText(text: string, includeBase: string, cwd: string): Promise<Buffer | null> {
  const scratch = mkdtempSync(join(tmpdir(), "aaprof-case-"));
  try {
    const file = join(scratch, "profile");
    writeFileSync(file, text);
    return await compile(file, includeBase, cwd);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Conformance cases (text already stripped of upstream's header lines), compiled as upstream's harness runs
 * them: from the corpus folder with `-I simple_tests`.
 */
export async function compareCases(
  cases: readonly { name: string; text: string }[], cwd: string, sort: boolean,
): Promise<PolicyReport> {
  const report: PolicyReport = { compared: 0, same: 0, rejected: 0, mismatches: [] };
  await pool(cases, async ({ name, text }) => {
    const original = await compileText(text, "simple_tests", cwd);
    if (original === null) {
      report.rejected++;
      return;
    }
    report.compared++;
    const out = await formatText(text, { filePath: name, sort });
    const formatted = out.ok ? await compileText(out.text, "simple_tests", cwd) : null;
    if (formatted !== null && formatted.equals(original)) report.same++;
    else report.mismatches.push(`${name}: ${formatted === null ? "formatted text rejected" : "binary policy differs"}`);
  });
  return report;
}
