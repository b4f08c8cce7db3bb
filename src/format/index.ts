/**
 * The formatter's library entry point (being built; see issue 5). Other phases (the emitter, the
 * apparmor_parser bridge) format profile text through this function only.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface FormatOptions {
  /** Group and order rules in the documented canonical order. */
  sort?: boolean;
  /** The file name, for diagnostics. */
  filePath?: string;
}

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/** Formats one file's text. Never changes what the profile permits; refuses text that does not parse. */
export async function formatText(text: string, _options: FormatOptions = {}): Promise<FormatResult> {
  return { ok: true, text };
}
