/**
 * AA3701 include-no-legacy-syntax: `#include` instead of `include`.
 */
import type { IncludeDirective, Item } from "../../ast/nodes.js";
import { defineRule } from "../rule.js";

/** Every include directive of a file, at any depth. */
export function includesOf(items: readonly Item[]): IncludeDirective[] {
  const out: IncludeDirective[] = [];
  const walk = (list: readonly Item[]) => {
    for (const it of list) {
      if (it.type === "IncludeDirective") out.push(it);
      else if (it.type === "Profile" || it.type === "RuleBlock") walk(it.body);
      else if (it.type === "ConditionalBlock") for (const b of it.branches) walk(b.body);
    }
  };
  walk(items);
  return out;
}

export default defineRule({
  meta: {
    code: "AA3701",
    name: "include-no-legacy-syntax",
    category: "style",
    fixable: "safe",
    presets: { strict: "warning", "apparmor.d": "error" },
    messages: {
      legacy: "`#include` is the old spelling of `include`",
    },
    help: "write `include`: the `#` form looks like a comment to readers and to tools that strip comments",
    docs: {
      summary: "`#include` instead of `include`",
      what: "Reports include directives written `#include`. The fix rewrites them as `include`, which means the same.",
      why:
        "`#` starts a comment everywhere else in the language. Readers skim past `#include` lines, and " +
        "tools that strip comments (grep -v '^#', editors' comment folding) drop them, changing what the " +
        "profile looks like it grants.",
      bad: `abi <abi/4.0>,
#include <tunables/global>

profile app /usr/bin/app {
  #include <abstractions/base>
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  include <abstractions/base>
}
`,
    },
  },
  create(ctx) {
    return {
      RootFile(file) {
        for (const inc of includesOf(file.ast.body)) {
          if (!inc.legacy) continue;
          const start = inc.range.start.offset;
          const m = /^#\s*include/.exec(file.text.slice(start));
          if (!m) continue;
          const len = m[0].length;
          const range = { start: inc.range.start, end: { offset: start + len, line: inc.range.start.line, column: inc.range.start.column + len } };
          ctx.report({
            origin: { file: file.path, chain: [] }, range, messageId: "legacy",
            fix: { description: "write `include`", edits: [{ start, end: start + len, text: "include" }] },
          });
        }
      },
    };
  },
});
