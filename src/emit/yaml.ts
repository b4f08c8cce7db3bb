/**
 * YAML out: documents are built as objects and written by the yaml library, never from string templates,
 * so that any profile name is quoted correctly.
 *
 * Written with the YAML 1.1 schema because kubectl reads YAML 1.1: a profile named `on` or `yes` must be
 * quoted or the cluster reads a boolean.
 */
import { Document } from "yaml";

export interface YamlDocument {
  /** Shown as `#` lines above the document. */
  comment?: string;
  value: Record<string, unknown>;
}

export function writeYaml(documents: readonly YamlDocument[]): string {
  return documents.map((d) => {
    // Shared objects (labels used twice) are written out in full: anchors in a manifest surprise people.
    const doc = new Document(d.value, { version: "1.1", aliasDuplicateObjects: false });
    if (d.comment) doc.commentBefore = d.comment.split("\n").map((l) => (l === "" ? "" : ` ${l}`)).join("\n");
    return doc.toString({ lineWidth: 0 });
  }).join("---\n");
}
