/**
 * `aaprof k8s check` as a library: reads manifests, finds every pod (template), computes the AppArmor
 * profile each container runs under the way the kubelet does (the container's field, then the container's
 * annotation, then the pod's field), and reports what the API server rejects, what silently does nothing,
 * and references to profiles that the profile directory or the node does not have.
 */
import type { Range } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FileResult } from "../diagnostics/render/json.js";
import { NON_ENFORCING_FLAGS } from "../emit/names.js";
import {
  ANNOTATION_DOMAIN, ANNOTATION_PREFIX, disagreement, formatVersion, hasProfileField, parseAnnotationValue,
  PSS_FORBIDS_UNCONFINED, PSS_LABEL_PREFIX, validateProfileField, type AppArmorSetting, type K8sVersion,
} from "./api.js";
import { editDistance, finding, nearest, type FindingKind, type FindingOptions } from "./findings.js";
import { CONTAINER_LISTS, INTERMEDIATE_METADATA, isPodCarrier, POD_CARRIERS, type ContainerList } from "./kinds.js";
import { readManifest, type ManifestObject, type YNode } from "./manifest.js";
import { explainUnknown, type ProfileIndex } from "./profiles.js";

export interface ManifestInput {
  path: string;
  text: string;
}

export interface K8sCheckOptions {
  k8sVersion: K8sVersion;
  index: ProfileIndex;
  cwd: string;
  /** Profiles loaded on a node (name → mode), from /sys/kernel/security/apparmor/profiles. */
  nodeProfiles?: Map<string, string>;
}

/** Reads the text of /sys/kernel/security/apparmor/profiles: one `NAME (MODE)` a line. */
export function parseNodeProfiles(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    const m = /^(.*) \(([^()]*)\)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
    else out.set(line, "");
  }
  return out;
}

export function checkManifests(inputs: readonly ManifestInput[], options: K8sCheckOptions): FileResult[] {
  const files = inputs.map((i) => readManifest(i.path, i.text));
  const namespaces = new Map<string, NamespacePolicy>();
  for (const f of files) for (const o of f.objects) if (o.kind === "Namespace") readNamespace(o, namespaces);
  return files.map((f) => {
    const out: Diagnostic[] = f.errors.map((e) => finding("manifestSyntax", f.path, e.range, `invalid YAML: ${e.message}`));
    for (const o of f.objects) {
      if (isPodCarrier(o.kind)) new PodCheck(f.path, o, namespaces, options, out).run();
    }
    out.sort((a, b) => a.range.start.offset - b.range.start.offset);
    return { filePath: f.path, diagnostics: out };
  });
}

interface NamespacePolicy {
  enforce?: string;
  warn?: string;
  audit?: string;
}

function readNamespace(o: ManifestObject, out: Map<string, NamespacePolicy>): void {
  const name = o.node.at(["metadata", "name"])?.string;
  if (!name) return;
  const labels = o.node.at(["metadata", "labels"]);
  const policy: NamespacePolicy = {};
  for (const mode of ["enforce", "warn", "audit"] as const) {
    const v = labels?.get(PSS_LABEL_PREFIX + mode)?.string;
    if (v) policy[mode] = v;
  }
  out.set(name, policy);
}

interface Container {
  name: string;
  list: ContainerList;
  node: YNode;
}

/** One place a setting is written. `setting` is null when the place is invalid (already reported). */
interface Site {
  form: "annotation" | "container field" | "pod field";
  setting: AppArmorSetting | null;
  /** Where findings about the setting point: the annotation value, or the appArmorProfile object. */
  range: Range;
  /** Where the profile name is written, for findings about the name. */
  nameRange: Range;
}

/** Checks one pod or pod template. */
class PodCheck {
  private readonly label: string;
  private readonly namespace: string;
  private readonly version: K8sVersion;
  private readonly containers: Container[] = [];
  private readonly annotations = new Map<string, Site>();
  private readonly containerFields = new Map<string, Site>();
  private podField: Site | null = null;
  /** Sites already reported for their profile name, so a site is reported once. */
  private readonly named = new Set<Site>();
  private readonly loadedSites = new Set<Site>();

  constructor(
    private readonly file: string,
    private readonly object: ManifestObject,
    private readonly namespaces: Map<string, NamespacePolicy>,
    private readonly options: K8sCheckOptions,
    private readonly out: Diagnostic[],
  ) {
    const name = object.node.at(["metadata", "name"])?.string ?? object.node.at(["metadata", "generateName"])?.string ?? "(unnamed)";
    this.label = `${object.kind}/${name}`;
    this.namespace = object.node.at(["metadata", "namespace"])?.string ?? "default";
    this.version = options.k8sVersion;
  }

  private report(kind: FindingKind, range: Range, message: string, options?: FindingOptions): void {
    this.out.push(finding(kind, this.file, range, `${this.label}: ${message}`, options));
  }

  run(): void {
    const carrier = POD_CARRIERS[this.object.kind as keyof typeof POD_CARRIERS];
    const podMeta = this.object.node.at([...carrier.template, "metadata"]);
    const podSpec = this.object.node.at([...carrier.template, "spec"]);
    if (carrier.template.length > 0) {
      this.misplacedAnnotations(this.object.node.get("metadata"), "the controller's metadata");
      for (const path of INTERMEDIATE_METADATA[this.object.kind as keyof typeof POD_CARRIERS] ?? []) {
        this.misplacedAnnotations(this.object.node.at(path), "the job template's metadata");
      }
    }
    if (!podSpec?.isMap) return;
    for (const list of CONTAINER_LISTS) {
      for (const c of podSpec.get(list)?.items() ?? []) {
        const name = c.get("name")?.string;
        if (name !== undefined) this.containers.push({ name, list, node: c });
      }
    }
    this.readAnnotations(podMeta?.get("annotations") ?? null);
    const pf = podSpec.at(["securityContext", "appArmorProfile"]);
    if (pf) this.podField = this.readField(pf, "pod field");
    for (const c of this.containers) {
      const f = c.node.at(["securityContext", "appArmorProfile"]);
      if (f) {
        const site = this.readField(f, "container field");
        if (site) this.containerFields.set(c.name, site);
      }
    }
    if (podSpec.at(["os", "name"])?.string === "windows") {
      this.windows();
      return;
    }
    this.versionFindings();
    this.agreement();
    this.references();
  }

  /** The API server forbids AppArmor settings on a pod that declares Windows as its OS. */
  private windows(): void {
    const sites = [...this.annotations.values(), ...this.containerFields.values(), ...(this.podField ? [this.podField] : [])];
    for (const s of sites) {
      this.report("fieldInvalid", s.range, `AppArmor cannot be set on a Windows pod (spec.os.name is windows): the API server rejects it`);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Annotations

  private misplacedAnnotations(meta: YNode | null, where: string): void {
    for (const e of meta?.get("annotations")?.entries() ?? []) {
      if (e.key.startsWith(ANNOTATION_PREFIX) || this.looksLikeAppArmorKey(e.key)) {
        this.report("annotationPlacement", e.keyRange,
          `AppArmor annotation ${e.key} is on ${where}, where it has no effect`,
          { help: "move it to the pod template's metadata.annotations" });
      }
    }
  }

  private readAnnotations(annotations: YNode | null): void {
    const names = this.containers.map((c) => c.name);
    for (const e of annotations?.entries() ?? []) {
      const key = e.key;
      if (key === ANNOTATION_DOMAIN || key === ANNOTATION_PREFIX) {
        this.report("annotationKey", e.keyRange, `AppArmor annotation ${key} names no container`,
          { help: `the key is ${ANNOTATION_PREFIX}CONTAINER_NAME, one per container` });
        continue;
      }
      if (!key.startsWith(ANNOTATION_PREFIX)) {
        if (this.looksLikeAppArmorKey(key)) {
          // `…kubernetes.io.web` or `…kubernetes.io:web` still say which container was meant.
          const glued = key.startsWith(ANNOTATION_DOMAIN) ? key.slice(ANNOTATION_DOMAIN.length + 1) : "";
          const container = key.includes("/") ? key.slice(key.lastIndexOf("/") + 1) : glued || (names[0] ?? "CONTAINER_NAME");
          this.report("annotationKey", e.keyRange, `misspelled AppArmor annotation key ${key}: it has no effect`,
            { help: `write ${ANNOTATION_PREFIX}${container}` });
        }
        continue;
      }
      const container = key.slice(ANNOTATION_PREFIX.length);
      const value = e.value.scalar;
      const site = this.readAnnotationValue(e.value, value);
      if (!names.includes(container)) {
        const near = nearest(container, names);
        this.report("annotationContainer", e.keyRange, `AppArmor annotation for container ${JSON.stringify(container)}, which this pod does not have`,
          { help: near ? `did you mean ${near}?` : `the pod's containers: ${names.join(", ") || "(none)"}` });
        continue;
      }
      if (site) this.annotations.set(container, site);
    }
  }

  /** A key that was meant to be the AppArmor annotation: close to its domain, or naming apparmor. */
  private looksLikeAppArmorKey(key: string): boolean {
    const domain = key.includes("/") ? key.slice(0, key.lastIndexOf("/")) : key;
    return domain.toLowerCase().includes("apparmor") || editDistance(domain.toLowerCase(), ANNOTATION_DOMAIN) <= 6;
  }

  private readAnnotationValue(node: YNode, value: unknown): Site | null {
    if (typeof value !== "string") {
      this.report("annotationValue", node.range, `AppArmor annotation value must be a string, not ${JSON.stringify(value ?? null)}`,
        { help: "quote it" });
      return null;
    }
    const parsed = parseAnnotationValue(value);
    if (!parsed.ok) {
      this.report("annotationValue", node.range, parsed.message, {
        ...(parsed.help ? { help: parsed.help } : {}),
        severity: parsed.empty ? "warning" : "error",
      });
      return null;
    }
    return { form: "annotation", setting: parsed.setting, range: node.range, nameRange: node.range };
  }

  // -------------------------------------------------------------------------------------------------------
  // Fields

  private readField(node: YNode, form: "pod field" | "container field"): Site | null {
    if (!node.isMap) {
      this.report("fieldInvalid", node.range, "appArmorProfile must be an object with type (and localhostProfile)");
      return null;
    }
    const value = node.toJS();
    const problems = validateProfileField((value ?? {}) as Record<string, unknown>);
    for (const p of problems) {
      const at = node.get(p.field)?.range ?? node.keyRange(p.field) ?? node.range;
      this.report("fieldInvalid", at, p.message, p.help ? { help: p.help } : {});
    }
    if (problems.length) return null;
    const v = value as { type: AppArmorSetting["type"]; localhostProfile?: string };
    const setting: AppArmorSetting = v.type === "Localhost" ? { type: "Localhost", localhostProfile: v.localhostProfile! } : { type: v.type };
    return { form, setting, range: node.range, nameRange: node.get("localhostProfile")?.range ?? node.range };
  }

  // -------------------------------------------------------------------------------------------------------
  // Versions, agreement, references

  /** The field that applies to a container: its own, else the pod's. */
  private fieldFor(c: Container): Site | null {
    return this.containerFields.get(c.name) ?? this.podField;
  }

  private versionFindings(): void {
    const v = formatVersion(this.version);
    if (hasProfileField(this.version)) {
      for (const c of this.containers) {
        const a = this.annotations.get(c.name);
        if (a && !this.fieldFor(c)) {
          this.report("annotationDeprecated", a.range,
            `container ${c.name} sets AppArmor only through the annotation, deprecated since Kubernetes 1.30: it keeps working only while the API server copies it into the field`,
            { help: `also set securityContext.appArmorProfile (aaprof emit --mode both)` });
        }
      }
      return;
    }
    const uncovered = (cs: Container[]) => cs.filter((c) => !this.annotations.has(c.name)).map((c) => c.name);
    for (const c of this.containers) {
      const f = this.containerFields.get(c.name);
      if (f && uncovered([c]).length) {
        this.report("fieldUnsupported", f.range,
          `Kubernetes ${v} has no securityContext.appArmorProfile: the API server drops the field (or rejects it under strict validation), so container ${c.name} runs without this profile`,
          { help: `add the annotation ${ANNOTATION_PREFIX}${c.name} (aaprof emit --mode both)` });
      }
    }
    if (this.podField) {
      const missing = uncovered(this.containers.filter((c) => !this.containerFields.has(c.name)));
      if (missing.length) {
        this.report("fieldUnsupported", this.podField.range,
          `Kubernetes ${v} has no securityContext.appArmorProfile: the API server drops the field (or rejects it under strict validation), so ${missing.length === 1 ? `container ${missing[0]} runs` : `containers ${missing.join(", ")} run`} without this profile`,
          { help: `add the annotation ${ANNOTATION_PREFIX}<container> for each container (aaprof emit --mode both)` });
      }
    }
  }

  private agreement(): void {
    for (const c of this.containers) {
      const a = this.annotations.get(c.name);
      const f = this.fieldFor(c);
      if (!a?.setting || !f?.setting) continue;
      const which = disagreement(a.setting, f.setting);
      if (!which) continue;
      this.report("mismatch", a.range,
        `the AppArmor annotation and the ${f.form} disagree for container ${c.name} (${describe(a.setting)} vs ${describe(f.setting)}): the API server rejects the pod`,
        { related: [{ file: this.file, range: f.range, message: `the ${f.form}` }] });
    }
  }

  /** The setting the kubelet applies to a container, and where it comes from. */
  private effective(c: Container): Site | null {
    if (!hasProfileField(this.version)) return this.annotations.get(c.name) ?? null;
    return this.containerFields.get(c.name) ?? this.annotations.get(c.name) ?? this.podField;
  }

  private references(): void {
    const sites = new Set<Site>([...this.annotations.values(), ...this.containerFields.values()]);
    if (this.podField) sites.add(this.podField);
    for (const s of sites) {
      if (s.setting?.type === "Unconfined") this.unconfined(s);
      if (s.setting?.type === "Localhost") this.known(s, s.setting.localhostProfile!);
    }
    for (const c of this.containers) {
      const s = this.effective(c);
      if (s?.setting?.type === "Localhost") this.loaded(s, s.setting.localhostProfile!, c);
    }
  }

  private unconfined(s: Site): void {
    const policy = this.namespaces.get(this.namespace);
    if (!policy) return;
    const level = (m: keyof NamespacePolicy) => (policy[m] && PSS_FORBIDS_UNCONFINED.has(policy[m]!) ? policy[m] : null);
    const enforce = level("enforce");
    const soft = level("warn") ?? level("audit");
    if (!enforce && !soft) return;
    this.report("unconfinedBaseline", s.range,
      enforce
        ? `Unconfined AppArmor in namespace ${this.namespace}, which enforces the ${enforce} Pod Security Standard: the pod is rejected`
        : `Unconfined AppArmor in namespace ${this.namespace}, which warns or audits at the ${soft} Pod Security Standard`,
      { severity: enforce ? "error" : "warning", help: "use RuntimeDefault or a Localhost profile" });
  }

  /** The name is declared in the profile directory, and its file compiles. */
  private known(s: Site, name: string): void {
    if (this.named.has(s)) return;
    this.named.add(s);
    const index = this.options.index;
    const declared = index.byName.get(name);
    if (!declared) {
      this.report("profileUnknown", s.nameRange, `no profile in the profile directory is named ${JSON.stringify(name)}`,
        { help: explainUnknown(index, name, this.options.cwd) });
      return;
    }
    if (index.compiles.get(name) === false) {
      this.report("profileBroken", s.nameRange, `profile ${name} is declared in ${declared[0]!.file}, which does not compile: it cannot be loaded`,
        { help: `run aaprof check ${declared[0]!.file}` });
      return;
    }
    for (const flag of declared[0]!.flags) {
      const what = NON_ENFORCING_FLAGS[flag];
      if (what) this.report("profileNotEnforcing", s.nameRange, `profile ${name} ${what}`, { help: `in ${declared[0]!.file}:${declared[0]!.range.start.line}` });
    }
  }

  /** With the node's list, the profile the container runs under is loaded there (and enforcing). */
  private loaded(s: Site, name: string, c: Container): void {
    const node = this.options.nodeProfiles;
    if (!node || this.loadedSites.has(s)) return;
    this.loadedSites.add(s);
    const mode = node.get(name);
    if (mode === undefined) {
      this.report("profileNotLoaded", s.nameRange, `profile ${name} (container ${c.name}) is not loaded on the node: the container fails to start`,
        { help: "load it on every node (aaprof emit --loader)" });
    } else if (mode === "complain") {
      this.report("profileNotEnforcing", s.nameRange, `profile ${name} (container ${c.name}) is loaded in complain mode on the node: violations are logged, not blocked`);
    }
  }
}

function describe(s: AppArmorSetting): string {
  return s.type === "Localhost" ? `Localhost ${s.localhostProfile}` : s.type;
}
