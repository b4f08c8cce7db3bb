/**
 * AA3702 variable-require-tunables: standard variables used without `include <tunables/global>`.
 */
import type { Item } from "../../ast/nodes.js";
import { LineIndex } from "../../source/source.js";
import { defineRule } from "../rule.js";
import { withoutComments } from "./variable-no-unused.js";

/** Where a preamble include goes: before the first item that is not an `abi` rule. */
export function preambleInsertion(text: string, body: readonly Item[]): number {
  const first = body.find((i) => i.type !== "AbiRule");
  if (!first) return text.length;
  return text.lastIndexOf("\n", first.range.start.offset - 1) + 1;
}

export default defineRule({
  meta: {
    code: "AA3702",
    name: "variable-require-tunables",
    category: "style",
    fixable: "suggestion",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "error", container: "warning" },
    messages: {
      missing: "@{{{name}}} is one of the standard variables, but this file does not `include <tunables/global>`, which defines them",
    },
    help: "add `include <tunables/global>` before the first profile",
    docs: {
      summary: "Standard variables without tunables/global",
      what:
        "Reports the first use of a standard variable (`@{HOME}`, `@{PROC}`, `@{run}` … everything " +
        "tunables/global defines) in a profile file whose compilation does not include tunables/global.",
      why:
        "Without tunables/global the variable is either undefined (apparmor_parser refuses the profile) or " +
        "defined by hand in this file, where it drifts from the system's definition: a site that adds a home " +
        "directory location in tunables/home.d is not covered by this profile.",
      bad: `abi <abi/4.0>,

@{HOME} = /home/*/

profile notes /usr/bin/notes {
  owner @{HOME}/.notes/** rw,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile notes /usr/bin/notes {
  owner @{HOME}/.notes/** rw,
}
`,
    },
  },
  create(ctx) {
    return {
      RootFile(file) {
        if (file.fragment) return;
        if (file.program.files.some((f) => /(^|\/)tunables\/global$/.test(f))) return;
        const clean = withoutComments(file.text);
        const re = /@\{([A-Za-z][A-Za-z0-9_]*)\}/g;
        for (let m = re.exec(clean); m; m = re.exec(clean)) {
          const name = m[1]!;
          if (!ctx.facts.standardVariables.has(name)) continue;
          // Its own assignment is not a use.
          const lineStart = clean.lastIndexOf("\n", m.index - 1) + 1;
          if (/^\s*$/.test(clean.slice(lineStart, m.index)) && /^\s*(\+?=|\?=|:=)/.test(clean.slice(m.index + m[0].length))) continue;
          const idx = new LineIndex(file.text);
          const at = preambleInsertion(file.text, file.ast.body);
          ctx.report({
            origin: { file: file.path, chain: [] }, range: idx.range(m.index, m.index + m[0].length),
            messageId: "missing", data: { name },
            suggest: [{ description: "include the standard tunables", edits: [{ start: at, end: at, text: "include <tunables/global>\n" }] }],
          });
          return;
        }
      },
    };
  },
});
