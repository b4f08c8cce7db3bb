import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ANNOTATION_PREFIX, parseAnnotationValue, validateProfileField } from "../../src/k8s/api.js";
import { BASES, cli, EXTRA_PROFILES, golden, PROFILES } from "../k8s/support.js";

// The formatter is another phase with its own tests; goldens here pin the emitter's output, not its layout.
vi.mock("../../src/format/index.js", () => ({
  formatText: async (text: string) => ({ ok: true, text }),
}));

const tmp = mkdtempSync(join(tmpdir(), "aaprof-emit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Parses emitted YAML as kubectl would and checks every AppArmor setting in it against the API's rules. */
function parseAndValidate(text: string): unknown[] {
  const docs = parseAllDocuments(text, { version: "1.1" });
  expect(Array.isArray(docs)).toBe(true);
  const values: unknown[] = [];
  for (const d of docs as ReturnType<typeof parseAllDocuments> & unknown[]) {
    expect(d.errors).toEqual([]);
    const v = d.toJS();
    walk(v);
    values.push(v);
  }
  return values;
}

function walk(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(walk);
  if (typeof v !== "object" || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === "appArmorProfile") expect(validateProfileField(x as Record<string, unknown>)).toEqual([]);
    if (k.startsWith(ANNOTATION_PREFIX)) {
      expect(typeof x).toBe("string");
      expect(parseAnnotationValue(x as string).ok).toBe(true);
    }
    walk(x);
  }
}

describe("aaprof emit goldens", () => {
  it.each([
    ["emit-field.yaml", ["-I", BASES, `${PROFILES}/worker-pair`]],
    ["emit-annotation.yaml", ["-I", BASES, "--k8s-version", "1.29", "--container", "api", "--init-container", "migrate", `${PROFILES}/api-server`]],
    ["emit-both.yaml", ["-I", BASES, "--mode", "both", "--container", "api", "--target", "Deployment/api", `${PROFILES}/odd-name`]],
    ["emit-loader.yaml", ["-I", BASES, "--loader", PROFILES]],
    ["emit-loader-1.29.yaml", ["-I", BASES, "--loader", "--k8s-version", "1.29", "--loader-namespace", "security", `${PROFILES}/api-server`]],
    ["emit-spo.yaml", ["-I", BASES, "--spo", `${PROFILES}/spo-web`]],
    ["emit-flatten.yaml", ["-I", BASES, "--flatten", `${PROFILES}/api-server`]],
  ])("%s", async (name, args) => {
    const r = await cli(["emit", ...args]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    golden(name, r.out);
    expect(parseAndValidate(r.out).length).toBeGreaterThan(0);
  });

  it("lists every construct the operator's abstract form cannot say, and emits nothing for it", async () => {
    const r = await cli(["emit", "-I", BASES, "--spo", `${PROFILES}/api-server`, `${PROFILES}/worker-pair`, `${PROFILES}/spo-web`]);
    expect(r.code).toBe(1);
    golden("emit-spo-errors.txt", r.err);
    const docs = parseAndValidate(r.out) as { metadata: { name: string } }[];
    expect(docs.map((d) => d.metadata.name)).toEqual(["spo-web"]);
  });
});

describe("aaprof emit", () => {
  it("names each snippet after the profile's declaration, never the file", async () => {
    const r = await cli(["emit", "-I", BASES, `${PROFILES}/api-server`, `${PROFILES}/usr.bin.legacy`, `${PROFILES}/worker-pair`]);
    expect(r.code).toBe(0);
    const names = (parseAndValidate(r.out) as { spec: { template: { spec: { securityContext: { appArmorProfile: { localhostProfile: string } } } } } }[])
      .map((d) => d.spec.template.spec.securityContext.appArmorProfile.localhostProfile);
    expect(names).toEqual(["k8s-api", "/usr/bin/legacy", "k8s-worker", "k8s-worker-convert"]);
  });

  it("writes one file per snippet kind and one profile file per profile with -o", async () => {
    const out = join(tmp, "out");
    const r = await cli(["emit", "-I", BASES, "--loader", "--spo", "-o", out, `${PROFILES}/spo-web`, `${PROFILES}/worker-pair`]);
    expect(r.code).toBe(1); // worker-pair cannot be expressed for the operator
    expect(r.out).toBe("");
    expect(readdirSync(out).sort()).toEqual(["apparmor.d", "loader.yaml", "pod-patch.yaml", "spo.yaml"]);
    expect(readdirSync(join(out, "apparmor.d")).sort()).toEqual(["k8s-worker", "k8s-worker-convert", "spo-web"]);
    // Each key holds one profile: the other profile of worker-pair is cut out.
    const worker = readFileSync(join(out, "apparmor.d", "k8s-worker"), "utf8");
    expect(worker).toContain("profile k8s-worker flags");
    expect(worker).not.toContain("profile k8s-worker-convert");
    expect(worker).toContain("include <tunables/global>");
    for (const f of ["loader.yaml", "pod-patch.yaml", "spo.yaml"]) parseAndValidate(readFileSync(join(out, f), "utf8"));
  });

  it("emits nothing for a file that does not compile", async () => {
    const r = await cli(["emit", "-I", BASES, `${EXTRA_PROFILES}/broken`]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain("AA2020");
  });

  it("reports a file that declares no profile", async () => {
    const r = await cli(["emit", "-I", BASES, `${BASES}/abstractions/base`]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("AA6501");
  });

  it("skips abstractions and tunables when walking a directory", async () => {
    const r = await cli(["emit", BASES]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(parseAndValidate(r.out)).toHaveLength(3);
  });

  it("reports a profile name Kubernetes cannot reference", async () => {
    const f = join(tmp, "padded");
    writeFileSync(f, 'profile " padded" {\n  /srv/** r,\n}\n');
    const r = await cli(["emit", f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("AA6502");
    expect(r.err).toContain("padded with whitespace");
    expect(r.out).toBe("");
  });

  it("reports a name declared twice among the inputs", async () => {
    const r = await cli(["emit", "-I", BASES, `${EXTRA_PROFILES}/first`, `${EXTRA_PROFILES}/second`]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("AA6503");
    expect(parseAndValidate(r.out)).toHaveLength(1);
  });

  it("warns when the form does not suit the cluster's release", async () => {
    const old = await cli(["emit", "-I", BASES, "--k8s-version", "1.29", "--mode", "field", `${PROFILES}/api-server`]);
    expect(old.code).toBe(0);
    expect(old.err).toContain("has no securityContext.appArmorProfile");
    const current = await cli(["emit", "-I", BASES, "--mode", "annotation", "--container", "api", `${PROFILES}/api-server`]);
    expect(current.err).toContain("deprecated since Kubernetes 1.30");
  });

  it.each([
    [["--k8s-version", "latest"], "--k8s-version"],
    [["--mode", "annotation"], "--container"],
    [["--k8s-version", "1.28"], "--container"],
    [["--target", "Service/web"], "--target"],
    [["--mode", "sideways"], "--mode"],
  ])("exits 2 on a usage error %j", async (args, mention) => {
    const r = await cli(["emit", "-I", BASES, ...args, `${PROFILES}/api-server`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(mention);
    expect(r.out).toBe("");
  });
});
