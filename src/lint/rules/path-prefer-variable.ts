/**
 * AA3704 path-prefer-variable: hard-coded paths that have a standard variable.
 */
import type { Word } from "../../ast/nodes.js";
import type { ResolvedProfile } from "../../resolve/model.js";
import { defineRule, isOwn } from "../rule.js";

/** Written prefix → variable, longest first when matched. */
export const DEFAULT_VARIABLES: Readonly<Record<string, string>> = {
  "/home/*/": "@{HOME}/",
  "/proc/": "@{PROC}/",
  "/{,var/}run/": "@{run}/",
  "/var/run/": "@{run}/",
  "/run/": "@{run}/",
  "/sys/": "@{sys}/",
};

export default defineRule<{ variables: Record<string, string> }>({
  meta: {
    code: "AA3704",
    name: "path-prefer-variable",
    category: "style",
    local: true,
    fixable: "safe",
    presets: {
      strict: "warning",
      "apparmor.d": ["warning", { variables: { "/usr/bin/": "@{bin}/", "/usr/lib/": "@{lib}/", "/usr/share/": "@{system_share_dirs}/" } }],
    },
    options: {
      variables: {
        type: "string-map", default: {},
        description: "more written prefixes and the variable to use instead, e.g. {\"/usr/bin/\": \"@{bin}/\"}",
      },
    },
    messages: {
      prefer: "`{{prefix}}` is written out: use `{{variable}}`",
    },
    help: "the variables follow the system's layout (a site's extra home directories, /var/run as a link to /run); hard-coded paths do not",
    docs: {
      summary: "Hard-coded paths with a standard variable",
      what:
        "Reports file rules of the linted file whose path starts with a directory that has a standard " +
        "variable: `/home/*/` (`@{HOME}/`), `/proc/` (`@{PROC}/`), `/run/` and `/var/run/` (`@{run}/`), " +
        "`/sys/` (`@{sys}/`), plus those configured. When the variable's expansion matches exactly what the " +
        "written prefix matches (as `@{PROC}` does), --fix rewrites it; otherwise the rewrite changes access " +
        "(`@{HOME}` also covers /root) and is offered as a suggestion.",
      why:
        "Variables carry the site's layout: tunables/home.d adds home directories on other mounts, and " +
        "@{run} covers both /run and /var/run. A written-out path is not updated when the layout is.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile stats /usr/bin/stats {
  /proc/*/stat r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile stats /usr/bin/stats {
  @{PROC}/*/stat r,
}
`,
      exceptions: "Only rules written in the linted file are reported, and only when the variable is defined.",
    },
  },
  create(ctx) {
    const table = { ...DEFAULT_VARIABLES, ...ctx.options.variables };
    const prefixes = Object.keys(table).sort((a, b) => b.length - a.length);
    const check = (word: Word, origin: Parameters<typeof isOwn>[0], profile: ResolvedProfile) => {
      if (word.quoted || word.raw !== word.value) return;
      const prefix = prefixes.find((p) => word.value.startsWith(p));
      if (!prefix) return;
      const variable = table[prefix]!;
      const name = /^@\{([^}]+)\}/.exec(variable)?.[1];
      if (!name || ctx.facts.variable(name, profile) === null) return;
      const replaced = variable + word.value.slice(prefix.length);
      const before = ctx.facts.glob(ctx.facts.path(word, profile));
      const after = ctx.facts.glob(ctx.facts.path({ ...word, value: replaced, raw: replaced }, profile));
      const same = before !== null && after !== null
        && ctx.facts.globs.includes(before, after) === true && ctx.facts.globs.includes(after, before) === true;
      const edit = { start: word.range.start.offset, end: word.range.start.offset + prefix.length, text: variable };
      const range = { start: word.range.start, end: { offset: edit.end, line: word.range.start.line, column: word.range.start.column + prefix.length } };
      const description = `write \`${variable}\``;
      ctx.report({
        origin, range, messageId: "prefer", data: { prefix, variable },
        ...(same
          ? { fix: { description, edits: [edit] } }
          : { suggest: [{ description: `${description} (it also matches other paths)`, edits: [edit] }] }),
      });
    };
    return {
      FileRule(rule, profile) {
        if (!isOwn(rule, ctx.rootPath) || !rule.node.path) return;
        check(rule.node.path, rule, profile);
      },
    };
  },
});
