/**
 * AA3604 variable-no-unused: a variable assigned in the linted file and used nowhere.
 */
import { removal } from "../fixes.js";
import { defineRule } from "../rule.js";

/** Profile text without comments (a `#` that starts a comment, not `#include`). */
export function withoutComments(text: string): string {
  return text.replace(/(^|[ \t])#(?!include\b)[^\n]*/gm, (m, lead: string) => lead + " ".repeat(m.length - lead.length));
}

export default defineRule({
  meta: {
    code: "AA3604",
    name: "variable-no-unused",
    category: "redundancy",
    fixable: "suggestion",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "warning" },
    messages: {
      unused: "@{{{name}}} is assigned here but used by no rule, profile header or condition",
    },
    help: "remove the assignment, or use the variable where the path is written out",
    docs: {
      summary: "Unused variables",
      what:
        "Reports variables assigned in the preamble of a profile file that no rule, profile name, " +
        "attachment, condition or other variable uses anywhere in the compilation (the file and everything " +
        "it includes). Files of rules meant to be included, such as tunables, are not checked: their " +
        "variables are for others.",
      why:
        "An unused variable is either dead text or a sign that a rule meant to use it was written out by " +
        "hand, and will not follow when the variable is changed.",
      bad: `abi <abi/4.0>,
include <tunables/global>

@{APP_DIRS} = /opt/app /usr/lib/app

profile app /usr/bin/app {
  /opt/app/** r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

@{APP_DIRS} = /opt/app /usr/lib/app

profile app /usr/bin/app {
  @{APP_DIRS}/** r,
}
`,
      exceptions:
        "The suggestion is not applied by --fix: a site-specific file that is not present in this " +
        "compilation (an `include if exists` override) may use the variable.",
    },
  },
  create(ctx) {
    return {
      RootFile(file) {
        if (file.fragment) return;
        const texts = file.program.files.map((f) => withoutComments(ctx.source(f) ?? ""));
        for (const item of file.ast.body) {
          if (item.type !== "VariableAssignment" || item.operator === "+=") continue;
          const ref = `@{${item.name}}`;
          const lhs = new RegExp(`^[ \\t]*@\\{${item.name}\\}[ \\t]*(\\+=|\\?=|:=|=)`, "gm");
          let uses = 0;
          for (const t of texts) uses += t.split(ref).length - 1 - (t.match(lhs)?.length ?? 0);
          if (uses > 0) continue;
          ctx.report({
            origin: { file: file.path, chain: [] }, range: item.nameRange, messageId: "unused", data: { name: item.name },
            suggest: [{
              description: `remove the assignment of @{${item.name}}`,
              edits: [removal(file.text, item.range.start.offset, item.range.end.offset)],
            }],
          });
        }
      },
    };
  },
});
