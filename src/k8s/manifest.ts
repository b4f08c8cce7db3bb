/**
 * Reading Kubernetes YAML with positions: multi-document files, `List` objects, anchors and merge keys.
 *
 * kubectl reads YAML through go-yaml v2, which speaks YAML 1.1 (`on`, `yes` are booleans, `0755` is octal),
 * so the files are read with the 1.1 schema too: a value means here what it means to the cluster.
 *
 * Values are read from the YAML syntax tree rather than from plain objects, so that every finding can point
 * at the exact key or value it is about.
 */
import {
  isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair,
} from "yaml";
import type { Range } from "../ast/nodes.js";
import { LineIndex } from "../source/source.js";

/** A YAML node of one document, with what is needed to resolve aliases and report positions. */
export class YNode {
  constructor(
    readonly node: Node | null,
    private readonly doc: Document,
    private readonly lines: LineIndex,
    /** Where to point when the node itself has no position (a missing value): its key, or its parent. */
    private readonly fallback: Range,
  ) {}

  /** The node behind an alias. */
  private get target(): Node | null {
    let n: unknown = this.node;
    for (let i = 0; i < 32 && isAlias(n); i++) n = n.resolve(this.doc) ?? null;
    return (n as Node | null) ?? null;
  }

  get isMap(): boolean {
    return isMap(this.target);
  }

  get isSeq(): boolean {
    return isSeq(this.target);
  }

  get isNull(): boolean {
    const t = this.target;
    return t === null || (isScalar(t) && t.value === null);
  }

  get range(): Range {
    const r = this.node?.range;
    return r ? this.lines.range(r[0], r[1]) : this.fallback;
  }

  /** The scalar's value (string, number, boolean, null), or undefined for a map or sequence. */
  get scalar(): unknown {
    const t = this.target;
    return isScalar(t) ? t.value : undefined;
  }

  /** The scalar as a string when it is one. */
  get string(): string | undefined {
    const v = this.scalar;
    return typeof v === "string" ? v : undefined;
  }

  /** A map's entries, merge keys (`<<`) expanded, own keys first. */
  entries(): { key: string; keyRange: Range; value: YNode }[] {
    const t = this.target;
    if (!isMap(t)) return [];
    const own: { key: string; keyRange: Range; value: YNode }[] = [];
    const merged: { key: string; keyRange: Range; value: YNode }[] = [];
    for (const pair of t.items as Pair<unknown, unknown>[]) {
      const key = pair.key;
      if (isScalar(key) && isMergeKey(key.value)) {
        const from = this.child(pair.value as Node | null, this.rangeOf(key));
        const sources = from.isSeq ? from.items() : [from];
        for (const s of sources) merged.push(...s.entries());
        continue;
      }
      const name = isScalar(key) ? String(key.value) : String(key);
      const keyRange = this.rangeOf(key as Node);
      own.push({ key: name, keyRange, value: this.child(pair.value as Node | null, keyRange) });
    }
    const seen = new Set(own.map((e) => e.key));
    return [...own, ...merged.filter((e) => !seen.has(e.key) && (seen.add(e.key), true))];
  }

  /** The value at a key, or null when the key is absent. */
  get(key: string): YNode | null {
    return this.entries().find((e) => e.key === key)?.value ?? null;
  }

  /** The value at a path of keys, or null when any step is absent or not a map. */
  at(path: readonly string[]): YNode | null {
    let n: YNode | null = this;
    for (const k of path) {
      if (!n?.isMap) return null;
      n = n.get(k);
    }
    return n;
  }

  /** Where the key itself is written, for findings about a key. */
  keyRange(key: string): Range | null {
    return this.entries().find((e) => e.key === key)?.keyRange ?? null;
  }

  items(): YNode[] {
    const t = this.target;
    if (!isSeq(t)) return [];
    return t.items.map((i) => this.child(i as Node | null, this.range));
  }

  /** Plain JavaScript value of the node (for small objects such as appArmorProfile). */
  toJS(): unknown {
    const t = this.target;
    if (t === null) return null;
    try {
      return (t as { toJS(doc: Document): unknown }).toJS(this.doc);
    } catch {
      return undefined;
    }
  }

  private child(node: Node | null, fallback: Range): YNode {
    return new YNode(node, this.doc, this.lines, fallback);
  }

  private rangeOf(node: Node | null | undefined): Range {
    const r = node?.range;
    return r ? this.lines.range(r[0], r[1]) : this.range;
  }
}

function isMergeKey(v: unknown): boolean {
  return v === "<<" || (typeof v === "symbol" && v.description === "<<");
}

export interface ManifestObject {
  /** 0-based index of the YAML document in the file. */
  document: number;
  /** The object, or an item of a List. */
  node: YNode;
  kind: string;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

export interface ManifestFile {
  path: string;
  text: string;
  objects: ManifestObject[];
  /** YAML errors; a document with an error contributes no objects. */
  errors: SyntaxProblem[];
}

/** Lists nest at most this deep; a bound so hostile input cannot recurse without end. */
const MAX_LIST_DEPTH = 8;

/** Parses a manifest file's text into the Kubernetes objects it holds. Never throws on bad input. */
export function readManifest(path: string, text: string): ManifestFile {
  const lines = new LineIndex(text);
  const objects: ManifestObject[] = [];
  const errors: SyntaxProblem[] = [];
  const docs = parseAllDocuments(text, { version: "1.1", merge: true, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      errors.push({ message: oneLine(e.message), range: lines.range(e.pos[0], Math.max(e.pos[0], e.pos[1])) });
      return;
    }
    const whole = lines.range(doc.range[0], doc.range[1]);
    const root = new YNode(doc.contents as Node | null, doc, lines, whole);
    collect(root, index, 0, objects);
  });
  return { path, text, objects, errors };
}

function collect(node: YNode, document: number, depth: number, out: ManifestObject[]): void {
  if (!node.isMap) return;
  const kind = node.get("kind")?.string;
  if (kind === undefined) return;
  // `List` and every `…List` kind (PodList, DeploymentList) hold their objects under `items`.
  const items = node.get("items");
  if (kind.endsWith("List") && items?.isSeq && depth < MAX_LIST_DEPTH) {
    for (const item of items.items()) collect(item, document, depth + 1, out);
    return;
  }
  out.push({ document, node, kind });
}

/** The yaml library's messages can span lines (with a code frame); findings are one line. */
function oneLine(message: string): string {
  if (message.includes("Maximum call stack")) return "the document is nested too deeply to read";
  const first = message.split("\n")[0]!.trim();
  return first.replace(/ at line \d+, column \d+:?$/, "");
}
