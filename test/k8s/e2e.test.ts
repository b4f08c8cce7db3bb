/**
 * The whole path a user takes: emit the snippet for a profile, patch a Deployment with it (as kubectl patch
 * or kustomize would), and check the result against the profile directory: no finding.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, parseAllDocuments, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { BASES, cli, MANIFESTS, PROFILES, strategicMerge } from "./support.js";

const tmp = mkdtempSync(join(tmpdir(), "aaprof-e2e-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Json = Parameters<typeof strategicMerge>[0];

/** Emits for `profile`, applies every emitted patch to the fixture Deployment, checks the result. */
async function roundTrip(profile: string, emitArgs: string[], version: string, nodeProfiles?: string) {
  const emitted = await cli(["emit", "-I", BASES, "--k8s-version", version, ...emitArgs, `${PROFILES}/${profile}`]);
  expect(emitted.code, emitted.err).toBe(0);
  const docs = parseAllDocuments(emitted.out, { version: "1.1" }) as ReturnType<typeof parseAllDocuments> & unknown[];
  expect(docs).toHaveLength(1);
  let deployment = parse(readFileSync(`${MANIFESTS}/deployment.yaml`, "utf8"), { version: "1.1" }) as Json;
  for (const d of docs) deployment = strategicMerge(deployment, d.toJS() as Json);
  const patched = join(tmp, `${profile}-${version}-${emitArgs.join("_").replace(/[^a-z0-9_-]/gi, "")}.yaml`);
  writeFileSync(patched, stringify(deployment, { version: "1.1" }));
  const args = ["k8s", "check", "--profiles", PROFILES, "-I", BASES, "--k8s-version", version, patched];
  if (nodeProfiles) {
    const f = join(tmp, "node-profiles");
    writeFileSync(f, nodeProfiles);
    args.push("--node-profiles", f);
  }
  const checked = await cli(args);
  return { checked, deployment: deployment as { spec: { template: { metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> } } } };
}

describe("emit, patch, check", () => {
  it("field form, pod level, on a current cluster: no finding", async () => {
    const { checked, deployment } = await roundTrip("api-server", [], "1.33", "k8s-api (enforce)\n");
    expect(checked).toEqual({ code: 0, out: "", err: "" });
    // The patch kept what was there.
    expect(deployment.spec.template.metadata.annotations["prometheus.io/scrape"]).toBe("true");
    expect((deployment.spec.template.spec["containers"] as { image: string }[])[0]!.image).toContain("api");
  });

  it("field form per container, init container included: no finding", async () => {
    const { checked, deployment } = await roundTrip("api-server", ["--container", "api", "--container", "log-shipper", "--init-container", "migrate"], "1.33");
    expect(checked).toEqual({ code: 0, out: "", err: "" });
    const spec = deployment.spec.template.spec as { containers: { name: string; securityContext?: Record<string, unknown> }[] };
    // Merged by name: the container's other securityContext settings survive.
    expect(spec.containers[0]!.securityContext).toMatchObject({ runAsNonRoot: true, appArmorProfile: { type: "Localhost" } });
    expect(spec.containers).toHaveLength(2);
  });

  it("annotation form on a cluster before 1.30: no finding", async () => {
    const { checked } = await roundTrip("api-server", ["--container", "api", "--container", "log-shipper", "--init-container", "migrate"], "1.29");
    expect(checked).toEqual({ code: 0, out: "", err: "" });
  });

  it.each(["1.29", "1.33"])("both forms at %s: no finding", async (version) => {
    const { checked } = await roundTrip("api-server", ["--mode", "both", "--container", "api", "--container", "log-shipper", "--init-container", "migrate"], version);
    expect(checked).toEqual({ code: 0, out: "", err: "" });
  });

  it("a profile name that needs quoting in YAML survives the whole path", async () => {
    const { checked, deployment } = await roundTrip("odd-name", ["--mode", "both", "--container", "api", "--container", "log-shipper", "--init-container", "migrate"], "1.33",
      "- odd: #name (enforce)\n");
    expect(checked).toEqual({ code: 0, out: "", err: "" });
    expect(deployment.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"]).toBe("localhost/- odd: #name");
  });

  it("a patched Deployment that names a profile the directory lacks is reported", async () => {
    const emitted = await cli(["emit", "-I", BASES, `${PROFILES}/api-server`]);
    const patch = (parse(emitted.out, { version: "1.1" }) as Json);
    const wrong = JSON.parse(JSON.stringify(patch).replace('"k8s-api"', '"api-server"')) as Json;
    const deployment = strategicMerge(parse(readFileSync(`${MANIFESTS}/deployment.yaml`, "utf8")) as Json, wrong);
    const f = join(tmp, "wrong.yaml");
    writeFileSync(f, stringify(deployment));
    const checked = await cli(["k8s", "check", "--profiles", PROFILES, "-I", BASES, f]);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("AA6020");
    expect(checked.out).toContain("localhost/k8s-api");
  });
});
