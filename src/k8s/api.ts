/**
 * The Kubernetes API's own rules for AppArmor settings, as the API server and kubelet apply them. The
 * emitter builds snippets that pass these rules and `aaprof k8s check` reports what breaks them, so both
 * read them from here.
 *
 * Sources: k8s.io/kubernetes pkg/apis/core/validation (validateAppArmorProfileField,
 * ValidateAppArmorProfileFormat, validateAppArmorAnnotationsAndFieldsMatchOnCreate) and
 * pkg/security/apparmor (GetProfile: container field, then the container's annotation, then the pod field).
 */

/** The pre-1.30 form: one annotation per container on the pod (template) metadata. */
export const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
export const ANNOTATION_DOMAIN = ANNOTATION_PREFIX.slice(0, -1);

export const ANNOTATION_RUNTIME_DEFAULT = "runtime/default";
export const ANNOTATION_UNCONFINED = "unconfined";
export const ANNOTATION_LOCALHOST_PREFIX = "localhost/";

export const PROFILE_TYPES = ["RuntimeDefault", "Localhost", "Unconfined"] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];

/** PATH_MAX - 1: the API server's bound on `localhostProfile`, counted in bytes. */
export const MAX_LOCALHOST_PROFILE_BYTES = 4095;

/** `securityContext.appArmorProfile` is GA (and the annotation deprecated) from this release on. */
export const FIELD_RELEASE: K8sVersion = { major: 1, minor: 30 };

/** The release assumed when none is given: a current one. */
export const DEFAULT_K8S_VERSION = "1.33";

export interface K8sVersion {
  major: number;
  minor: number;
}

/** `1.30`, `v1.30`, `1.30.2` → {1, 30}; null when it is not a version. */
export function parseK8sVersion(text: string): K8sVersion | null {
  const m = /^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,4})?$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

export function hasProfileField(v: K8sVersion): boolean {
  return v.major > FIELD_RELEASE.major || (v.major === FIELD_RELEASE.major && v.minor >= FIELD_RELEASE.minor);
}

export function formatVersion(v: K8sVersion): string {
  return `${v.major}.${v.minor}`;
}

/** A resolved AppArmor setting, whichever form it was written in. */
export interface AppArmorSetting {
  type: ProfileType;
  /** Set exactly when type is Localhost. */
  localhostProfile?: string;
}

/** The object written at `securityContext.appArmorProfile`. */
export function profileField(setting: AppArmorSetting): Record<string, string> {
  return setting.type === "Localhost"
    ? { type: "Localhost", localhostProfile: setting.localhostProfile ?? "" }
    : { type: setting.type };
}

/** The value of the per-container annotation for a setting. */
export function annotationValue(setting: AppArmorSetting): string {
  switch (setting.type) {
    case "Localhost": return ANNOTATION_LOCALHOST_PREFIX + (setting.localhostProfile ?? "");
    case "RuntimeDefault": return ANNOTATION_RUNTIME_DEFAULT;
    case "Unconfined": return ANNOTATION_UNCONFINED;
  }
}

export interface FieldProblem {
  /** The member the problem is about: `type`, `localhostProfile`, or an unknown member's name. */
  field: string;
  message: string;
  help?: string;
}

const KNOWN_FIELDS = new Set(["type", "localhostProfile"]);

/**
 * Checks a `localhostProfile` value the way the API server does. Returns the problem, or null.
 * Byte length, not string length: the API server measures Go strings.
 */
export function localhostNameProblem(name: string): string | null {
  if (name.trim() !== name) return "must not be padded with whitespace";
  if (name === "") return "must be set when AppArmor type is Localhost";
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_LOCALHOST_PROFILE_BYTES) {
    return `must have at most ${MAX_LOCALHOST_PROFILE_BYTES} bytes (has ${bytes})`;
  }
  return null;
}

/**
 * Checks an `appArmorProfile` object (already read into plain values) against the API server's rules.
 * Unknown members are reported too: strict field validation (kubectl's default) rejects them.
 */
export function validateProfileField(value: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(key)) {
      problems.push({
        field: key, message: `unknown field "${key}" in appArmorProfile`,
        help: "appArmorProfile has only `type` and `localhostProfile`",
      });
    }
  }
  const type = value["type"];
  const local = value["localhostProfile"];
  if (type === undefined || type === null || type === "") {
    problems.push({ field: "type", message: "type is required when appArmorProfile is set" });
    return problems;
  }
  if (typeof type !== "string" || !(PROFILE_TYPES as readonly string[]).includes(type)) {
    const near = typeof type === "string"
      ? PROFILE_TYPES.find((t) => t.toLowerCase() === type.toLowerCase().replace(/[-_ ]/g, ""))
      : undefined;
    const p: FieldProblem = {
      field: "type",
      message: `unsupported AppArmor profile type ${JSON.stringify(type)}: must be one of ${PROFILE_TYPES.join(", ")}`,
    };
    if (near) p.help = `the type is case-sensitive: write \`${near}\``;
    problems.push(p);
    return problems;
  }
  if (type === "Localhost") {
    if (local === undefined || local === null) {
      problems.push({ field: "type", message: "localhostProfile must be set when AppArmor type is Localhost" });
    } else if (typeof local !== "string") {
      problems.push({ field: "localhostProfile", message: `localhostProfile must be a string, not ${JSON.stringify(local)}` });
    } else {
      const problem = localhostNameProblem(local);
      if (problem) problems.push({ field: "localhostProfile", message: `localhostProfile ${problem}` });
    }
  } else if (local !== undefined && local !== null) {
    problems.push({
      field: "localhostProfile",
      message: `localhostProfile can only be set when AppArmor type is Localhost (type is ${type})`,
    });
  }
  return problems;
}

export type AnnotationParse =
  | { ok: true; setting: AppArmorSetting }
  /** `empty`: the API server accepts "" and the kubelet treats it as no annotation. */
  | { ok: false; empty: boolean; message: string; help?: string };

/** Reads an annotation value: `runtime/default`, `unconfined` or `localhost/NAME`. */
export function parseAnnotationValue(value: string): AnnotationParse {
  if (value === ANNOTATION_RUNTIME_DEFAULT) return { ok: true, setting: { type: "RuntimeDefault" } };
  if (value === ANNOTATION_UNCONFINED) return { ok: true, setting: { type: "Unconfined" } };
  if (value === "") {
    return { ok: false, empty: true, message: "empty AppArmor annotation: it sets no profile" };
  }
  if (value.startsWith(ANNOTATION_LOCALHOST_PREFIX)) {
    const name = value.slice(ANNOTATION_LOCALHOST_PREFIX.length);
    const problem = localhostNameProblem(name);
    if (problem) {
      return {
        ok: false, empty: false,
        message: `invalid AppArmor annotation ${JSON.stringify(value)}: the profile name ${problem}`,
      };
    }
    return { ok: true, setting: { type: "Localhost", localhostProfile: name } };
  }
  const lower = value.toLowerCase();
  let help = `write \`${ANNOTATION_RUNTIME_DEFAULT}\`, \`${ANNOTATION_UNCONFINED}\` or \`${ANNOTATION_LOCALHOST_PREFIX}PROFILE_NAME\``;
  if (lower.startsWith(ANNOTATION_LOCALHOST_PREFIX) || lower.startsWith("localhost:")) {
    help = `write \`${ANNOTATION_LOCALHOST_PREFIX}${value.slice(ANNOTATION_LOCALHOST_PREFIX.length)}\` (lower case, then a slash)`;
  } else if (lower === ANNOTATION_RUNTIME_DEFAULT || lower === "runtimedefault" || lower === "docker-default") {
    help = `write \`${ANNOTATION_RUNTIME_DEFAULT}\``;
  } else if (lower === ANNOTATION_UNCONFINED) {
    help = `write \`${ANNOTATION_UNCONFINED}\``;
  } else if (!value.includes("/")) {
    help = `a profile loaded on the node is written \`${ANNOTATION_LOCALHOST_PREFIX}${value}\``;
  }
  return {
    ok: false, empty: false,
    message: `invalid AppArmor annotation value ${JSON.stringify(value)}`,
    help,
  };
}

/**
 * Whether an annotation and the field that applies to the same container agree, by the API server's rule
 * for pod creation (a mismatch is rejected). Returns the member that disagrees, or null.
 */
export function disagreement(annotation: AppArmorSetting, field: AppArmorSetting): "type" | "localhostProfile" | null {
  if (annotation.type !== field.type) return "type";
  if (field.type === "Localhost" && annotation.localhostProfile !== field.localhostProfile) return "localhostProfile";
  return null;
}

/** Pod Security Standards levels that forbid `Unconfined` (baseline, and restricted which includes it). */
export const PSS_FORBIDS_UNCONFINED = new Set(["baseline", "restricted"]);
export const PSS_LABEL_PREFIX = "pod-security.kubernetes.io/";
