/**
 * Shared by the emit and k8s tests: fixture paths, golden files, running the CLI in memory, and a
 * strategic-merge patch good enough for pod templates (what kubectl patch and kustomize do with them).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { main } from "../../src/cli/main.js";
import { renderStylish } from "../../src/diagnostics/render/stylish.js";
import type { FileResult } from "../../src/diagnostics/render/json.js";

export const ROOT = join(import.meta.dirname, "..", "..");
/** Relative to the repository root, which is the working directory of the test run. */
export const PROFILES = "fixtures/k8s/profiles";
export const EXTRA_PROFILES = "fixtures/k8s/profiles-extra";
export const BASES = "fixtures/profiles";
export const MANIFESTS = "fixtures/k8s/manifests";
export const EXPECTED = "fixtures/k8s/expected";

/**
 * Compares `actual` with the expected file; `UPDATE_GOLDEN=1` rewrites the file instead. A missing file
 * is a failure, never silently created.
 */
export function golden(name: string, actual: string): void {
  const path = join(ROOT, EXPECTED, name);
  if (process.env["UPDATE_GOLDEN"]) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `missing golden file ${path} (run with UPDATE_GOLDEN=1)`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[], stdin = ""): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), stdin: () => stdin });
  return { code, out, err };
}

export function stylish(results: readonly FileResult[]): string {
  return renderStylish(results, {
    color: false,
    source: (p) => {
      try {
        return readFileSync(p, "utf8");
      } catch {
        return undefined;
      }
    },
  });
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Strategic merge of `patch` into `target` for the parts of a pod template a snippet touches: maps merge
 * key by key, the container lists merge by `name` (their patch merge key), other lists are replaced.
 */
export function strategicMerge(target: Json, patch: Json, key = ""): Json {
  if (isObject(target) && isObject(patch)) {
    const out: { [k: string]: Json } = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      out[k] = v === null ? null : k in target ? strategicMerge(target[k]!, v, k) : v;
      if (v === null) delete out[k];
    }
    return out;
  }
  if (Array.isArray(target) && Array.isArray(patch) && MERGE_BY_NAME.has(key)) {
    const out = target.map((t) => {
      const p = patch.find((x) => isObject(x) && isObject(t) && x["name"] === t["name"]);
      return p === undefined ? t : strategicMerge(t, p);
    });
    for (const p of patch) {
      if (!out.some((t) => isObject(t) && isObject(p) && t["name"] === p["name"])) out.push(p);
    }
    return out;
  }
  return patch;
}

const MERGE_BY_NAME = new Set(["containers", "initContainers", "ephemeralContainers"]);

function isObject(v: unknown): v is { [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
