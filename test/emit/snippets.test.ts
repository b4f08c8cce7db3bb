import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import {
  ANNOTATION_PREFIX, MAX_LOCALHOST_PROFILE_BYTES, parseAnnotationValue, validateProfileField, type AppArmorSetting,
} from "../../src/k8s/api.js";
import { parseTarget, podPatch, type ContainerTarget, type PatchOptions } from "../../src/emit/snippets.js";
import { writeYaml } from "../../src/emit/yaml.js";

const localhost = (name: string): AppArmorSetting => ({ type: "Localhost", localhostProfile: name });
const containers: ContainerTarget[] = [{ name: "migrate", init: true }, { name: "api", init: false }];

function patchOf(setting: AppArmorSetting, options: PatchOptions): Record<string, unknown> {
  const r = podPatch(setting, options);
  if (!r.ok) throw new Error(r.message);
  return r.patch;
}

/** Reads YAML the way kubectl does (YAML 1.1). */
function readBack(text: string): unknown[] {
  const docs = parseAllDocuments(text, { version: "1.1" });
  if (!Array.isArray(docs)) return [];
  for (const d of docs) expect(d.errors).toEqual([]);
  return docs.map((d) => d.toJS());
}

type PodPart = {
  metadata?: { annotations?: Record<string, unknown> };
  spec?: {
    securityContext?: { appArmorProfile: Record<string, unknown> };
    containers?: { name: string; securityContext: { appArmorProfile: Record<string, unknown> } }[];
    initContainers?: { name: string; securityContext: { appArmorProfile: Record<string, unknown> } }[];
  };
};

/** Every AppArmor setting in a pod part, checked against the API server's rules. */
function assertFieldRules(pod: PodPart): void {
  const fields = [
    pod.spec?.securityContext?.appArmorProfile,
    ...(pod.spec?.containers ?? []).map((c) => c.securityContext.appArmorProfile),
    ...(pod.spec?.initContainers ?? []).map((c) => c.securityContext.appArmorProfile),
  ].filter((f) => f !== undefined);
  for (const f of fields) expect(validateProfileField(f)).toEqual([]);
  for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
    expect(key.startsWith(ANNOTATION_PREFIX)).toBe(true);
    expect(typeof value).toBe("string");
    expect(parseAnnotationValue(value as string).ok).toBe(true);
  }
}

describe("pod snippets", () => {
  it("field form without containers sets the pod-level default", () => {
    expect(patchOf(localhost("k8s-api"), { mode: "field", containers: [] })).toEqual({
      spec: { template: { spec: { securityContext: { appArmorProfile: { type: "Localhost", localhostProfile: "k8s-api" } } } } },
    });
  });

  it("field form with containers patches each by name, init containers in their own list", () => {
    const p = patchOf(localhost("k8s-api"), { mode: "field", containers }) as { spec: { template: PodPart } };
    expect(p.spec.template.spec?.initContainers?.map((c) => c.name)).toEqual(["migrate"]);
    expect(p.spec.template.spec?.containers?.map((c) => c.name)).toEqual(["api"]);
    expect(p.spec.template.metadata).toBeUndefined();
  });

  it("annotation form writes one key per container, init containers included, and no field", () => {
    const p = patchOf(localhost("k8s-api"), { mode: "annotation", containers }) as { spec: { template: PodPart } };
    expect(p.spec.template.metadata?.annotations).toEqual({
      [`${ANNOTATION_PREFIX}migrate`]: "localhost/k8s-api",
      [`${ANNOTATION_PREFIX}api`]: "localhost/k8s-api",
    });
    expect(p.spec.template.spec).toBeUndefined();
  });

  it("annotation form refuses to guess container names", () => {
    const r = podPatch(localhost("k8s-api"), { mode: "annotation", containers: [] });
    expect(r.ok).toBe(false);
  });

  it("both forms agree by construction", () => {
    const p = patchOf(localhost("k8s-api"), { mode: "both", containers }) as { spec: { template: PodPart } };
    assertFieldRules(p.spec.template);
    const t = p.spec.template;
    expect(t.metadata?.annotations?.[`${ANNOTATION_PREFIX}api`]).toBe(`localhost/${t.spec?.containers?.[0]?.securityContext.appArmorProfile["localhostProfile"]}`);
  });

  it("writes RuntimeDefault and Unconfined without localhostProfile", () => {
    const p = patchOf({ type: "RuntimeDefault" }, { mode: "both", containers }) as { spec: { template: PodPart } };
    expect(p.spec.template.spec?.containers?.[0]?.securityContext.appArmorProfile).toEqual({ type: "RuntimeDefault" });
    expect(p.spec.template.metadata?.annotations?.[`${ANNOTATION_PREFIX}api`]).toBe("runtime/default");
  });

  it("places the pod where the target kind keeps it, and names the target", () => {
    const cron = patchOf(localhost("x"), { mode: "field", containers: [], target: { kind: "CronJob", name: "nightly" } });
    expect(cron).toMatchObject({
      apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "nightly" },
      spec: { jobTemplate: { spec: { template: { spec: { securityContext: {} } } } } },
    });
    const pod = patchOf(localhost("x"), { mode: "annotation", containers, target: { kind: "Pod", name: "p" } });
    expect(pod).toMatchObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", annotations: {} } });
    expect(Object.keys(pod)).toEqual(["apiVersion", "kind", "metadata"]);
  });

  it.each([
    ["Deployment/web", { kind: "Deployment", name: "web" }],
    ["deployment/web", { kind: "Deployment", name: "web" }],
    ["cronjob/nightly", { kind: "CronJob", name: "nightly" }],
    ["Service/web", null],
    ["web", null],
  ])("parses --target %s", (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });
});

describe("profile names the API server rejects", () => {
  it.each([
    ["", "must be set"],
    [" padded", "padded with whitespace"],
    ["padded\t", "padded with whitespace"],
    ["x".repeat(MAX_LOCALHOST_PROFILE_BYTES + 1), "at most 4095 bytes"],
    ["é".repeat(2048), "at most 4095 bytes"],
  ])("refuses %j", (name, message) => {
    const r = podPatch(localhost(name), { mode: "field", containers: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it("accepts a name of exactly 4095 bytes", () => {
    expect(podPatch(localhost("x".repeat(MAX_LOCALHOST_PROFILE_BYTES)), { mode: "field", containers: [] }).ok).toBe(true);
  });
});

describe("YAML quoting of profile names", () => {
  // Names that YAML would read as something else unless quoted; `on`, `yes`, `0123` only under YAML 1.1,
  // which is what kubectl reads.
  const names = [
    "- odd: #name", "-leading-dash", "a: b", "x #y", "#hash", "with spaces", "k8s:ns:profile", "on", "yes", "No",
    "0123", "1e3", "null", "~", "true", "2001-12-14", "[x]", "{x}", "*alias", "&anchor", "!tag", "%percent",
    "@at", "`tick", "'single'", "\"double\"", "multi\nline", "/usr/bin/foo", "tab\tinside", "ünïcödé",
  ];

  it.each(names)("%j round-trips through the emitted YAML in every form", (name) => {
    for (const mode of ["field", "annotation", "both"] as const) {
      const patch = patchOf(localhost(name), { mode, containers });
      const [back] = readBack(writeYaml([{ value: patch, comment: `profile ${name}` }]));
      expect(back).toEqual(patch);
      assertFieldRules((back as { spec: { template: PodPart } }).spec.template);
    }
  });
});
