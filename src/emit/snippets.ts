/**
 * The pod snippets that reference a profile, as strategic-merge patches of a pod template:
 * - `field` (Kubernetes 1.30+): `securityContext.appArmorProfile`, at pod level or per container;
 * - `annotation` (before 1.30): `container.apparmor.security.beta.kubernetes.io/<container>` on the pod
 *   template's metadata, one key per container, init containers included;
 * - `both`, for fleets of mixed versions: built from one setting, so annotation and field always agree.
 *
 * Containers are merged by name (their strategic-merge key), so the patch touches only what it names.
 * Every snippet is checked against the API server's rules before it is returned.
 */
import {
  annotationValue, ANNOTATION_PREFIX, disagreement, parseAnnotationValue, profileField, validateProfileField,
  type AppArmorSetting,
} from "../k8s/api.js";
import { isPodCarrier, POD_CARRIERS, type PodCarrierKind } from "../k8s/kinds.js";

export const SNIPPET_MODES = ["field", "annotation", "both"] as const;
export type SnippetMode = (typeof SNIPPET_MODES)[number];

export interface ContainerTarget {
  name: string;
  init: boolean;
}

/** The object a patch is meant for; with it the patch also names its target, as kustomize wants. */
export interface PatchTarget {
  kind: PodCarrierKind;
  name: string;
  namespace?: string;
}

export interface PatchOptions {
  mode: SnippetMode;
  /** Empty: the field form sets the pod-level default. */
  containers: readonly ContainerTarget[];
  target?: PatchTarget;
}

export type PatchResult = { ok: true; patch: Record<string, unknown> } | { ok: false; message: string };

/** Builds the patch that makes the given containers (or the whole pod) run under `setting`. */
export function podPatch(setting: AppArmorSetting, options: PatchOptions): PatchResult {
  const { mode, containers } = options;
  const wantsAnnotation = mode !== "field";
  const wantsField = mode !== "annotation";
  if (wantsAnnotation && containers.length === 0) {
    return {
      ok: false,
      message: "the annotation form is set per container: name them with --container (and --init-container)",
    };
  }
  const problem = settingProblem(setting);
  if (problem) return { ok: false, message: problem };

  const metadata: Record<string, unknown> = {};
  const spec: Record<string, unknown> = {};
  if (wantsAnnotation) {
    const annotations: Record<string, string> = {};
    for (const c of containers) annotations[ANNOTATION_PREFIX + c.name] = annotationValue(setting);
    metadata["annotations"] = annotations;
  }
  if (wantsField) {
    if (containers.length === 0) {
      spec["securityContext"] = { appArmorProfile: profileField(setting) };
    } else {
      const entry = (c: ContainerTarget) => ({ name: c.name, securityContext: { appArmorProfile: profileField(setting) } });
      const init = containers.filter((c) => c.init).map(entry);
      const main = containers.filter((c) => !c.init).map(entry);
      if (init.length) spec["initContainers"] = init;
      if (main.length) spec["containers"] = main;
    }
  }
  const pod: Record<string, unknown> = {};
  if (Object.keys(metadata).length) pod["metadata"] = metadata;
  if (Object.keys(spec).length) pod["spec"] = spec;
  const agreement = checkAgreement(pod);
  if (agreement) return { ok: false, message: agreement };
  return { ok: true, patch: wrap(pod, options.target) };
}

/** Why a setting cannot be written as a field or annotation, or null. */
export function settingProblem(setting: AppArmorSetting): string | null {
  const problems = validateProfileField(profileField(setting));
  if (problems.length) return problems.map((p) => p.message).join("; ");
  const parsed = parseAnnotationValue(annotationValue(setting));
  if (!parsed.ok) return parsed.message;
  return null;
}

/** Places the pod part where the target kind keeps its pod template (a Deployment's by default). */
function wrap(pod: Record<string, unknown>, target: PatchTarget | undefined): Record<string, unknown> {
  const path = target ? POD_CARRIERS[target.kind].template : POD_CARRIERS.Deployment.template;
  let body: Record<string, unknown> = pod;
  for (const key of [...path].reverse()) body = { [key]: body };
  if (!target) return body;
  const metadata: Record<string, string> = { name: target.name };
  if (target.namespace) metadata["namespace"] = target.namespace;
  // `metadata` of a Pod target is also the pod's own: merge the names into it.
  const { metadata: own, ...rest } = body as { metadata?: Record<string, unknown> };
  return { apiVersion: POD_CARRIERS[target.kind].apiVersion, kind: target.kind, metadata: { ...metadata, ...own }, ...rest };
}

/**
 * The API server's rule for pod creation applied to the patch itself: every container's annotation agrees
 * with the field that applies to it (its own, else the pod's). Returns the problem, or null.
 */
function checkAgreement(pod: Record<string, unknown>): string | null {
  const annotations = ((pod["metadata"] as Record<string, unknown> | undefined)?.["annotations"] ?? {}) as Record<string, string>;
  const spec = (pod["spec"] ?? {}) as Record<string, unknown>;
  const podField = (spec["securityContext"] as Record<string, unknown> | undefined)?.["appArmorProfile"] as AppArmorSetting | undefined;
  const fieldOf = new Map<string, AppArmorSetting>();
  for (const list of ["initContainers", "containers"]) {
    for (const c of (spec[list] ?? []) as { name: string; securityContext: { appArmorProfile: AppArmorSetting } }[]) {
      fieldOf.set(c.name, c.securityContext.appArmorProfile);
    }
  }
  for (const [key, value] of Object.entries(annotations)) {
    const name = key.slice(ANNOTATION_PREFIX.length);
    const field = fieldOf.get(name) ?? podField;
    const parsed = parseAnnotationValue(value);
    if (!parsed.ok) return parsed.message;
    if (field && disagreement(parsed.setting, field)) return `annotation and field disagree for container ${name}`;
  }
  return null;
}

/** `Deployment/web` → a target; null when the kind does not carry a pod. */
export function parseTarget(text: string): PatchTarget | null {
  const m = /^([A-Za-z]+)\/([^/]+)$/.exec(text);
  if (!m) return null;
  const kind = Object.keys(POD_CARRIERS).find((k) => k.toLowerCase() === m[1]!.toLowerCase());
  return kind && isPodCarrier(kind) ? { kind, name: m[2]! } : null;
}
