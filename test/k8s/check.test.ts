import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  disagreement, parseAnnotationValue, parseK8sVersion, validateProfileField,
} from "../../src/k8s/api.js";
import { checkManifests, parseNodeProfiles } from "../../src/k8s/check.js";
import { readManifest } from "../../src/k8s/manifest.js";
import { indexProfiles } from "../../src/k8s/profiles.js";
import { BASES, cli, EXTRA_PROFILES, golden, MANIFESTS, PROFILES, ROOT } from "./support.js";

const check = (args: string[], stdin = "") => cli(["k8s", "check", "--profiles", PROFILES, "-I", BASES, ...args], stdin);

describe("aaprof k8s check goldens", () => {
  it.each([
    ["check-findings.txt", [`${MANIFESTS}/findings.yaml`], 1],
    ["check-legacy-1.33.txt", [`${MANIFESTS}/legacy.yaml`], 0],
    ["check-legacy-1.29.txt", [`${MANIFESTS}/legacy.yaml`, "--k8s-version", "1.29"], 1],
    ["check-node.txt", [`${MANIFESTS}/legacy.yaml`, "--node-profiles", `${MANIFESTS}/node-profiles.txt`], 1],
    ["check-malformed.txt", [`${MANIFESTS}/malformed.yaml`], 1],
  ])("%s", async (name, args, code) => {
    const r = await check(args as string[]);
    expect(r.err).toBe("");
    golden(name, r.out);
    expect(r.code).toBe(code);
  });

  it("check-extra.txt: duplicate names and profiles that do not compile", async () => {
    const r = await cli(["k8s", "check", "--profiles", EXTRA_PROFILES, "-I", BASES, `${MANIFESTS}/extra.yaml`]);
    golden("check-extra.txt", r.out);
    expect(r.code).toBe(1);
  });

  it("check-findings.json: ESLint's JSON shape", async () => {
    const r = await check(["--format", "json", `${MANIFESTS}/findings.yaml`]);
    expect(r.code).toBe(1);
    golden("check-findings.json", JSON.stringify(JSON.parse(r.out), null, 2) + "\n");
  });
});

describe("aaprof k8s check", () => {
  it("is clean on a manifest without AppArmor settings", async () => {
    const r = await check([`${MANIFESTS}/deployment.yaml`]);
    expect(r).toEqual({ code: 0, out: "", err: "" });
  });

  it("walks directories for .yaml, .yml and .json files", async () => {
    const r = await check(["--format", "json", MANIFESTS]);
    const files = (JSON.parse(r.out) as { filePath: string }[]).map((f) => f.filePath);
    expect(files).toEqual(expect.arrayContaining([`${MANIFESTS}/deployment.yaml`, `${MANIFESTS}/findings.yaml`]));
    expect(files).not.toContain(`${MANIFESTS}/node-profiles.txt`);
  });

  it("reads stdin", async () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    appArmorProfile: {type: Localhost, localhostProfile: nope}\n  containers: [{name: c, image: i}]\n";
    const r = await check(["--format", "json", "-"], text);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)[0].messages[0].ruleId).toBe("apparmor-profile-unknown");
  });

  it.each([
    [["--k8s-version", "one.thirty", `${MANIFESTS}/deployment.yaml`]],
    [["--node-profiles", "/nonexistent/profiles", `${MANIFESTS}/deployment.yaml`]],
    [["--format", "xml", `${MANIFESTS}/deployment.yaml`]],
  ])("exits 2 on a usage error %j", async (args) => {
    const r = await check(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
  });

  it("exits 2 without --profiles", async () => {
    const r = await cli(["k8s", "check", `${MANIFESTS}/deployment.yaml`]);
    expect(r.code).toBe(2);
  });

  it("reports an unreadable manifest as a finding", async () => {
    const r = await check(["--format", "json", `${MANIFESTS}/missing.yaml`]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)[0].messages[0].ruleId).toBe("manifest-unreadable");
  });
});

/** Checks one manifest text against the fixture profiles; returns "code message" lines. */
function findings(text: string, version = "1.33", node?: string): string[] {
  const index = indexProfiles(["api-server", "worker-pair", "usr.bin.legacy"].map((f) => join(ROOT, PROFILES, f)), {
    includeDirs: [join(ROOT, BASES)], cwd: ROOT,
  });
  const [r] = checkManifests([{ path: "m.yaml", text }], {
    k8sVersion: parseK8sVersion(version)!, index, cwd: ROOT, ...(node ? { nodeProfiles: parseNodeProfiles(node) } : {}),
  });
  return r!.diagnostics.map((d) => `${d.code} ${d.message}`);
}

const pod = (annotations: string, podField: string, containerField: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {${annotations}}
spec:
  ${podField ? `securityContext: {appArmorProfile: ${podField}}` : ""}
  containers:
    - name: c
      image: i
      ${containerField ? `securityContext: {appArmorProfile: ${containerField}}` : ""}
`;

describe("the profile a container runs under", () => {
  const A = "container.apparmor.security.beta.kubernetes.io/c";
  const node = "k8s-api (enforce)\nk8s-worker (enforce)\n";

  it("is the container field first", () => {
    // The pod field names a missing profile, but the container's own field wins: only the name is reported.
    const f = findings(pod("", "{type: Localhost, localhostProfile: k8s-worker}", "{type: Localhost, localhostProfile: k8s-api}"), "1.33", "k8s-api (enforce)\n");
    expect(f).toEqual([]);
  });

  it("then the container's annotation, before the pod field", () => {
    const f = findings(pod(`${A}: localhost/k8s-worker`, "{type: Localhost, localhostProfile: k8s-api}", ""), "1.33", "k8s-worker (enforce)\n");
    expect(f.map((l) => l.split(" ")[0])).toEqual(["AA6015"]);
  });

  it("then the pod field", () => {
    const f = findings(pod("", "{type: Localhost, localhostProfile: k8s-worker}", ""), "1.33", "k8s-api (enforce)\n");
    expect(f).toEqual([expect.stringMatching(/^AA6026 .*k8s-worker \(container c\) is not loaded/)]);
  });

  it("before 1.30 is the annotation only: fields are dropped", () => {
    const f = findings(pod(`${A}: localhost/k8s-api`, "", "{type: Localhost, localhostProfile: k8s-worker}"), "1.29", node);
    expect(f.map((l) => l.split(" ")[0])).toEqual(["AA6015"]);
    const onlyField = findings(pod("", "", "{type: Localhost, localhostProfile: k8s-api}"), "1.29", node);
    expect(onlyField).toEqual([expect.stringMatching(/^AA6022 .*container c runs without this profile/)]);
  });

  it("names the container a misspelled key meant", () => {
    const f = findings(pod("container.apparmor.security.beta.kubernetes.io.c: localhost/k8s-api", "", ""));
    expect(f).toEqual([expect.stringMatching(/^AA6013 .*misspelled/)]);
  });

  it("is forbidden on a Windows pod", () => {
    const text = pod("", "", "{type: RuntimeDefault}").replace("spec:\n", "spec:\n  os: {name: windows}\n");
    expect(findings(text)).toEqual([expect.stringMatching(/^AA6010 .*Windows pod/)]);
  });

  it("accepts annotation and field that agree, in any release", () => {
    for (const v of ["1.29", "1.30", "1.33"]) {
      expect(findings(pod(`${A}: localhost/k8s-api`, "", "{type: Localhost, localhostProfile: k8s-api}"), v, node)).toEqual([]);
      expect(findings(pod(`${A}: localhost/k8s-api`, "{type: Localhost, localhostProfile: k8s-api}", ""), v, node)).toEqual([]);
    }
  });
});

describe("manifest reading", () => {
  it("reads multi-document files, List objects and merge keys", () => {
    const m = readManifest("m.yaml", [
      "base: &sc {appArmorProfile: {type: RuntimeDefault}}",
      "---",
      "apiVersion: v1",
      "kind: PodList",
      "items:",
      "  - {apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: []}}",
      "  - {apiVersion: v1, kind: Pod, metadata: {name: b}, spec: {containers: []}}",
      "---",
      "defaults: &d {type: Localhost}",
      "apiVersion: v1",
      "kind: Pod",
      "spec:",
      "  securityContext:",
      "    appArmorProfile:",
      "      <<: *d",
      "      localhostProfile: x",
      "",
    ].join("\n"));
    expect(m.errors).toEqual([]);
    expect(m.objects.map((o) => o.kind)).toEqual(["Pod", "Pod", "Pod"]);
    const field = m.objects[2]!.node.at(["spec", "securityContext", "appArmorProfile"])!;
    expect(field.get("type")?.string).toBe("Localhost");
    expect(field.toJS()).toEqual({ type: "Localhost", localhostProfile: "x" });
  });

  it("reads YAML 1.1 as kubectl does: `on` is a boolean, not a profile name", () => {
    const f = findings(pod("container.apparmor.security.beta.kubernetes.io/c: on", "", ""));
    expect(f).toEqual([expect.stringMatching(/^AA6011 .*must be a string/)]);
  });

  it("reports a syntax error with its position and keeps reading the other documents", () => {
    const m = readManifest("m.yaml", "a: [1\n---\napiVersion: v1\nkind: Pod\n");
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0]!.message).not.toContain("\n");
    expect(m.objects.map((o) => o.kind)).toEqual(["Pod"]);
  });

  it("ignores YAML that is not a Kubernetes object", () => {
    expect(readManifest("k.yaml", "resources: [a.yaml]\n").objects).toEqual([]);
    expect(readManifest("k.yaml", "").objects).toEqual([]);
    expect(readManifest("k.yaml", "- 1\n- 2\n").objects).toEqual([]);
  });
});

describe("the API server's rules", () => {
  it.each([
    [{ type: "Localhost", localhostProfile: "p" }, []],
    [{ type: "RuntimeDefault" }, []],
    [{ type: "Unconfined" }, []],
    [{}, ["type is required"]],
    [{ type: "Localhost" }, ["localhostProfile must be set"]],
    [{ type: "Localhost", localhostProfile: "" }, ["must be set"]],
    [{ type: "Localhost", localhostProfile: "p " }, ["padded with whitespace"]],
    [{ type: "Localhost", localhostProfile: "p".repeat(4096) }, ["at most 4095 bytes"]],
    [{ type: "Unconfined", localhostProfile: "p" }, ["can only be set when AppArmor type is Localhost"]],
    [{ type: "unconfined" }, ["unsupported AppArmor profile type"]],
    [{ type: "Localhost", localhostProfile: 7 }, ["must be a string"]],
    [{ type: "RuntimeDefault", profile: "x" }, ["unknown field"]],
  ])("%j", (value, expected) => {
    const messages = validateProfileField(value);
    expect(messages).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(messages[i]!.message).toContain(e));
  });

  it.each([
    ["runtime/default", true],
    ["unconfined", true],
    ["localhost/p", true],
    ["localhost/", false],
    ["localhost/ p", false],
    ["Localhost/p", false],
    ["docker-default", false],
    ["p", false],
  ])("annotation value %j valid: %s", (value, ok) => {
    expect(parseAnnotationValue(value).ok).toBe(ok);
  });

  it("matches annotation and field by type and name", () => {
    expect(disagreement({ type: "Localhost", localhostProfile: "a" }, { type: "Localhost", localhostProfile: "a" })).toBeNull();
    expect(disagreement({ type: "Localhost", localhostProfile: "a" }, { type: "Localhost", localhostProfile: "b" })).toBe("localhostProfile");
    expect(disagreement({ type: "RuntimeDefault" }, { type: "Unconfined" })).toBe("type");
  });

  it.each([["1.30", true], ["v1.30.2", true], ["1.3", true], ["1", false], ["1.x", false]])("version %s parses: %s", (v, ok) => {
    expect(parseK8sVersion(v) !== null).toBe(ok);
  });

  it("reads the kernel's profile list, names with spaces included", () => {
    const m = parseNodeProfiles("k8s-api (enforce)\n- odd: #name (complain)\n/usr/bin/x//child (enforce)\n\n");
    expect([...m]).toEqual([["k8s-api", "enforce"], ["- odd: #name", "complain"], ["/usr/bin/x//child", "enforce"]]);
  });
});

describe("output formats shared with the other commands", () => {
  it("writes SARIF with the AA6xxx rules described", async () => {
    const r = await check(["--format", "sarif", `${MANIFESTS}/findings.yaml`]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out) as { runs: { tool: { driver: { rules: { id: string; shortDescription: unknown }[] } }; results: { ruleId: string }[] }[] };
    const run = sarif.runs[0]!;
    expect(run.results.length).toBeGreaterThan(10);
    expect(run.tool.driver.rules.map((x) => x.id)).toContain("AA6020");
  });

  it("writes GitHub workflow commands", async () => {
    const r = await check(["--format", "github", `${MANIFESTS}/legacy.yaml`, "--k8s-version", "1.29"]);
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter(Boolean).every((l) => l.startsWith("::error ") || l.startsWith("::warning "))).toBe(true);
  });
});
