/**
 * The object kinds that carry a pod, and where in each the pod (template) sits. One table serves the
 * manifest reader and the emitter's patches, so a kind added here is both checked and patchable.
 */

export interface PodCarrier {
  apiVersion: string;
  /** Path from the object to the pod template; empty for a Pod, whose metadata and spec are its own. */
  template: readonly string[];
}

export const POD_CARRIERS = {
  Pod: { apiVersion: "v1", template: [] },
  PodTemplate: { apiVersion: "v1", template: ["template"] },
  ReplicationController: { apiVersion: "v1", template: ["spec", "template"] },
  Deployment: { apiVersion: "apps/v1", template: ["spec", "template"] },
  StatefulSet: { apiVersion: "apps/v1", template: ["spec", "template"] },
  DaemonSet: { apiVersion: "apps/v1", template: ["spec", "template"] },
  ReplicaSet: { apiVersion: "apps/v1", template: ["spec", "template"] },
  Job: { apiVersion: "batch/v1", template: ["spec", "template"] },
  CronJob: { apiVersion: "batch/v1", template: ["spec", "jobTemplate", "spec", "template"] },
} as const satisfies Record<string, PodCarrier>;

export type PodCarrierKind = keyof typeof POD_CARRIERS;

export function isPodCarrier(kind: string): kind is PodCarrierKind {
  return Object.hasOwn(POD_CARRIERS, kind);
}

/**
 * Metadata between the object and its pod template that is not the pod's (a CronJob's job template):
 * AppArmor annotations placed there have no effect either.
 */
export const INTERMEDIATE_METADATA: Partial<Record<PodCarrierKind, readonly (readonly string[])[]>> = {
  CronJob: [["spec", "jobTemplate", "metadata"]],
};

/** The container lists of a pod spec, in the order the kubelet starts them. */
export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];
