/**
 * Reading profile text: bytes → string, with the checks a hostile or accidental input needs (binary data,
 * invalid UTF-8, size), and offset → line/column arithmetic for everything that reports positions.
 */
import type { Position, Range } from "../ast/nodes.js";

/** Larger than any real profile by two orders of magnitude; a bound so that input cannot exhaust memory. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export type DecodeResult =
  | { ok: true; text: string; hadBom: boolean }
  | { ok: false; code: "AA0002" | "AA0003" | "AA0004"; rule: string; message: string; position: Position };

const decoder = new TextDecoder("utf-8", { fatal: true });

function positionIn(bytes: Uint8Array, index: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: index, line, column: index - lineStart + 1 };
}

/** The first byte at which `bytes` stops being valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}

export function decodeProfile(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      ok: false, code: "AA0004", rule: "file-too-large",
      message: `file is too large to be a profile (${mb(bytes.length)} MB; the limit is ${mb(MAX_FILE_BYTES)} MB)`,
      position: { offset: 0, line: 1, column: 1 },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false, code: "AA0002", rule: "binary-file",
      message: "file contains a NUL byte: this is a binary file, not a profile",
      position: positionIn(bytes, nul),
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false, code: "AA0003", rule: "invalid-encoding",
      message: `invalid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, "0")})`,
      position: positionIn(bytes, at),
    };
  }
  // TextDecoder strips a leading BOM by default (ignoreBOM: false).
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text, hadBom };
}

/** Line starts of a text, for offset → position conversion. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - s[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
