/**
 * Loading profiles on every node: a ConfigMap with one key per profile and a DaemonSet that runs
 * `apparmor_parser --replace` on each of them.
 *
 * Why each setting is there:
 * - privileged and unconfined: loading policy needs CAP_MAC_ADMIN and a writable securityfs, which the
 *   runtime's default profile denies;
 * - securityfs (/sys/kernel/security) from the host: it is where policy is loaded and where the parser
 *   reads the kernel's features;
 * - the host's /etc/apparmor.d, read-only: the profiles include the node's abstractions and tunables;
 * - the hash of the profiles on the pod template: a changed profile changes the template, which rolls the
 *   DaemonSet, which loads the new text (a ConfigMap update alone restarts nothing);
 * - the readiness probe: a pod is ready only once every profile loaded, so `kubectl rollout status`
 *   tells when the fleet has the new policy.
 */
import { createHash } from "node:crypto";
import { hasProfileField, type K8sVersion } from "../k8s/api.js";
import { podPatch } from "./snippets.js";

export interface LoaderProfile {
  /** ConfigMap key, and the file name on the node. */
  key: string;
  name: string;
  text: string;
}

export interface LoaderOptions {
  namespace: string;
  /** Base name of the ConfigMap and DaemonSet. */
  name: string;
  /** An image with a shell; apparmor_parser is installed at start when the image lacks it. */
  image: string;
  k8sVersion: K8sVersion;
}

export const LOADER_DEFAULTS = {
  namespace: "kube-system",
  name: "aaprof-loader",
  // Ubuntu 24.04's parser reads the abi 4.0 language; Debian 12's (3.0) does not.
  image: "ubuntu:24.04",
} as const;

export const PROFILES_HASH_ANNOTATION = "aaprof/profiles-sha256";

/** A ConfigMap holds at most 1 MiB of data. */
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;

const PROFILES_DIR = "/etc/aaprof/profiles";
const HOST_APPARMOR_D = "/host/etc/apparmor.d";
const READY_FILE = "/tmp/aaprof-loaded";

/** The loader's script, one command a line; each profile file is loaded on its own so errors name it. */
const SCRIPT = [
  "set -eu",
  "if ! command -v apparmor_parser >/dev/null 2>&1; then",
  "  echo 'aaprof-loader: installing apparmor_parser (the image has none)' >&2",
  "  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends apparmor >/dev/null",
  "fi",
  `rm -f ${READY_FILE}`,
  `for f in ${PROFILES_DIR}/*; do`,
  "  echo \"aaprof-loader: loading $f\"",
  `  apparmor_parser --replace --skip-cache -I ${HOST_APPARMOR_D} "$f"`,
  "done",
  `touch ${READY_FILE}`,
  "echo 'aaprof-loader: all profiles loaded'",
  "exec sleep infinity",
].join("\n");

/** A ConfigMap key: `[-._a-zA-Z0-9]+`, at most 253 characters. Changed names get a hash so keys stay unique. */
export function configMapKey(name: string): string {
  if (/^[-._a-zA-Z0-9]{1,253}$/.test(name) && name !== "." && name !== "..") return name;
  const cleaned = name.replace(/[^-._a-zA-Z0-9]+/g, "_").replace(/^[._]+/, "").slice(0, 200) || "profile";
  return `${cleaned}-${sha256(name).slice(0, 8)}`;
}

export function profilesHash(profiles: readonly LoaderProfile[]): string {
  const h = createHash("sha256");
  for (const p of [...profiles].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    h.update(`${p.key}\0${p.text}\0`);
  }
  return h.digest("hex");
}

export type LoaderResult = { ok: true; documents: Record<string, unknown>[] } | { ok: false; message: string };

export function loaderDocuments(profiles: readonly LoaderProfile[], options: LoaderOptions): LoaderResult {
  const data: Record<string, string> = {};
  for (const p of profiles) {
    if (Object.hasOwn(data, p.key)) return { ok: false, message: `two profiles map to the ConfigMap key ${p.key}` };
    data[p.key] = p.text;
  }
  const bytes = Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > MAX_CONFIGMAP_BYTES) {
    return { ok: false, message: `the profiles take ${bytes} bytes; a ConfigMap holds at most ${MAX_CONFIGMAP_BYTES}` };
  }
  const labels = { "app.kubernetes.io/name": options.name, "app.kubernetes.io/managed-by": "aaprof" };
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `${options.name}-profiles`, namespace: options.namespace, labels },
    data,
  };
  // The loader itself must run unconfined; say so in the form the cluster reads.
  const unconfined = podPatch({ type: "Unconfined" }, {
    mode: hasProfileField(options.k8sVersion) ? "field" : "annotation",
    containers: [{ name: "loader", init: false }],
  });
  if (!unconfined.ok) return unconfined;
  const pod = (unconfined.patch["spec"] as { template: { metadata?: { annotations?: Record<string, string> }; spec: { containers?: { securityContext: Record<string, unknown> }[] } } }).template;
  const loaderSecurity = { privileged: true, ...(pod.spec?.containers?.[0]?.securityContext ?? {}) };
  const daemonSet = {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: options.name, namespace: options.namespace, labels },
    spec: {
      selector: { matchLabels: { "app.kubernetes.io/name": options.name } },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%" } },
      template: {
        metadata: {
          labels,
          annotations: { [PROFILES_HASH_ANNOTATION]: profilesHash(profiles), ...(pod.metadata?.annotations ?? {}) },
        },
        spec: {
          automountServiceAccountToken: false,
          nodeSelector: { "kubernetes.io/os": "linux" },
          // Every node, control plane and tainted ones included: a pod may land anywhere.
          tolerations: [{ operator: "Exists" }],
          ...(options.namespace === "kube-system" ? { priorityClassName: "system-node-critical" } : {}),
          containers: [{
            name: "loader",
            image: options.image,
            command: ["/bin/sh", "-c", SCRIPT],
            securityContext: loaderSecurity,
            readinessProbe: {
              exec: { command: ["test", "-f", READY_FILE] },
              periodSeconds: 5,
              failureThreshold: 1,
            },
            resources: { requests: { cpu: "10m", memory: "32Mi" } },
            volumeMounts: [
              { name: "profiles", mountPath: PROFILES_DIR, readOnly: true },
              { name: "securityfs", mountPath: "/sys/kernel/security" },
              { name: "host-apparmor-d", mountPath: HOST_APPARMOR_D, readOnly: true },
            ],
          }],
          volumes: [
            { name: "profiles", configMap: { name: `${options.name}-profiles` } },
            { name: "securityfs", hostPath: { path: "/sys/kernel/security", type: "Directory" } },
            { name: "host-apparmor-d", hostPath: { path: "/etc/apparmor.d", type: "Directory" } },
          ],
        },
      },
    },
  };
  return { ok: true, documents: [configMap, daemonSet] };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
