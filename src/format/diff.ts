/**
 * Unified diffs of a file and its formatted text, for `aaprof fmt` over several files. Myers' O(ND) line diff:
 * formatting changes few lines of most files, so D stays small.
 */

type Edit = { op: " " | "-" | "+"; line: string };

/** A last line without a line end keeps a trailing "\n" as its mark, so it differs from the same line with one. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += "\n";
  return lines;
}

/** The shortest edit script from `a` to `b` (Myers 1986, keeping each round's frontier for the walk back). */
function editScript(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  /** frontiers[d]: the furthest x on each diagonal after d - 1 rounds. */
  const frontiers: Int32Array[] = [];
  const choose = (f: Int32Array, k: number, d: number) =>
    k === -d || (k !== d && f[offset + k - 1]! < f[offset + k + 1]!) ? k + 1 : k - 1;
  let rounds = 0;
  search: for (let d = 0; d <= n + m; d++) {
    frontiers.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const from = choose(v, k, d);
      let x = from === k + 1 ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        rounds = d;
        break search;
      }
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = rounds; d > 0; d--) {
    const f = frontiers[d]!;
    const k = x - y;
    const prevK = choose(f, k, d);
    const prevX = f[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: " ", line: a[x]! });
    }
    if (x === prevX) edits.push({ op: "+", line: b[--y]! });
    else edits.push({ op: "-", line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    edits.push({ op: " ", line: a[x]! });
  }
  return edits.reverse();
}

/** A unified diff (`--- a/FILE`, `+++ b/FILE`, hunks with `context` lines); "" when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = editScript(a, b);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  const positions = edits.map((e) => {
    const p = { a: aLine, b: bLine };
    if (e.op !== "+") aLine++;
    if (e.op !== "-") bLine++;
    return p;
  });
  while (i < edits.length) {
    if (edits[i]!.op === " ") {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 × context unchanged lines.
    for (;;) {
      while (end < edits.length && edits[end]!.op !== " ") end++;
      let next = end;
      while (next < edits.length && edits[next]!.op === " ") next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    const hunk = edits.slice(start, end);
    const aCount = hunk.filter((e) => e.op !== "+").length;
    const bCount = hunk.filter((e) => e.op !== "-").length;
    const p = positions[start]!;
    out.push(`@@ -${aCount === 0 ? p.a - 1 : p.a},${aCount} +${bCount === 0 ? p.b - 1 : p.b},${bCount} @@`);
    for (const e of hunk) {
      out.push(e.op + (e.line.endsWith("\n") ? `${e.line.slice(0, -1)}\n\\ No newline at end of file` : e.line));
    }
    i = end;
  }
  return out.join("\n") + "\n";
}
