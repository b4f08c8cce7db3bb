/**
 * What `aaprof k8s check` reports: one stable code per kind of finding (the AA6xxx band), with its rule
 * name and severity. Errors are settings the cluster rejects or that leave a container without the profile
 * meant for it; warnings are settings that work today but are fragile or weaker than they look.
 */
import type { Range } from "../ast/nodes.js";
import type { Diagnostic, RelatedLocation, Severity } from "../diagnostics/diagnostic.js";

export const FINDINGS = {
  manifestSyntax: { code: "AA6001", rule: "manifest-syntax", severity: "error", description: "The manifest is not valid YAML." },
  manifestUnreadable: { code: "AA6002", rule: "manifest-unreadable", severity: "error", description: "The manifest cannot be read (missing, binary, or not UTF-8)." },
  fieldInvalid: { code: "AA6010", rule: "apparmor-field-invalid", severity: "error", description: "securityContext.appArmorProfile breaks the API server's validation rules." },
  annotationValue: { code: "AA6011", rule: "apparmor-annotation-value", severity: "error", description: "The AppArmor annotation's value is not runtime/default, unconfined or localhost/NAME." },
  annotationContainer: { code: "AA6012", rule: "apparmor-annotation-unknown-container", severity: "error", description: "The AppArmor annotation names a container the pod does not have." },
  annotationKey: { code: "AA6013", rule: "apparmor-annotation-key", severity: "error", description: "An annotation meant for AppArmor has a bare or misspelled key and does nothing." },
  annotationPlacement: { code: "AA6014", rule: "apparmor-annotation-placement", severity: "error", description: "The AppArmor annotation is on the controller's metadata, not the pod template's." },
  mismatch: { code: "AA6015", rule: "apparmor-annotation-field-mismatch", severity: "error", description: "The AppArmor annotation and field of a container disagree; the API server rejects the pod." },
  profileUnknown: { code: "AA6020", rule: "apparmor-profile-unknown", severity: "error", description: "A Localhost profile name that no profile in the profile directory declares." },
  annotationDeprecated: { code: "AA6021", rule: "apparmor-annotation-deprecated", severity: "warning", description: "AppArmor set only through the annotation, deprecated since Kubernetes 1.30." },
  fieldUnsupported: { code: "AA6022", rule: "apparmor-field-unsupported", severity: "error", description: "securityContext.appArmorProfile on a cluster before 1.30, which drops it." },
  unconfinedBaseline: { code: "AA6023", rule: "apparmor-unconfined-baseline", severity: "error", description: "Unconfined AppArmor in a namespace that enforces the baseline Pod Security Standard." },
  profileNotEnforcing: { code: "AA6024", rule: "apparmor-profile-not-enforcing", severity: "warning", description: "The referenced profile is in complain mode (or unconfined): it blocks nothing." },
  profileDuplicate: { code: "AA6025", rule: "apparmor-profile-duplicate", severity: "error", description: "Two profile files declare the same profile name." },
  profileNotLoaded: { code: "AA6026", rule: "apparmor-profile-not-loaded", severity: "error", description: "The referenced profile is not loaded on the node." },
  profileBroken: { code: "AA6027", rule: "apparmor-profile-broken", severity: "error", description: "The referenced profile does not compile, so it cannot be loaded." },
} as const satisfies Record<string, { code: string; rule: string; severity: Severity; description: string }>;

export type FindingKind = keyof typeof FINDINGS;

export interface FindingOptions {
  help?: string;
  severity?: Severity;
  related?: RelatedLocation[];
}

export function finding(kind: FindingKind, file: string, range: Range, message: string, options: FindingOptions = {}): Diagnostic {
  const f = FINDINGS[kind];
  const d: Diagnostic = { code: f.code, rule: f.rule, severity: options.severity ?? f.severity, message, file, range };
  if (options.help) d.help = options.help;
  if (options.related?.length) d.related = options.related;
  return d;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate closest to `word`, when it is close enough to be a plausible typo. */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === null) return null;
  return bestDistance <= Math.max(2, Math.floor(Math.max(word.length, best.length) / 3)) ? best : null;
}
