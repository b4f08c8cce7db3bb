/**
 * AA3205 exec-no-inherit-interpreter: `ix` of a shell or interpreter.
 */
import { interpreterProbes } from "../risk.js";
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3205",
    name: "exec-no-inherit-interpreter",
    category: "security",
    local: true,
    fixable: null,
    presets: { strict: "warning", container: "warning" },
    messages: {
      interpreter: "`{{path}} {{perms}}` runs {{name}} under this profile: the program can now run any script it can write or is handed",
    },
    help: "run the interpreter under its own profile (`Px`/`Cx`) limited to the scripts it needs, or call the program the script runs directly",
    docs: {
      summary: "Inheriting into a shell or interpreter",
      what:
        "Reports allow rules that execute a shell or an interpreter (sh, bash, dash, zsh, busybox, python, " +
        "perl, ruby, node, lua, php …) in a standard bin directory with `ix` (inherit), including through " +
        "globs such as `/{usr/,}bin/*`.",
      why:
        "The profile's permissions then bound what arbitrary code may do rather than what the program does: " +
        "any command injection becomes a general-purpose shell inside the profile, and rules added to make " +
        "the script work widen the profile for every other script as well.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile cronjob /usr/bin/cronjob {
  /usr/bin/bash ix,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile cronjob /usr/bin/cronjob {
  /usr/bin/bash Cx -> shell,

  profile shell {
    /usr/bin/bash mr,
    /usr/lib/cronjob/*.sh r,
  }
}
`,
      exceptions:
        "Off in `recommended`: many packaged profiles run helper scripts this way on purpose. Deny rules and " +
        "`Px`/`Cx` transitions are not reported.",
    },
  },
  create(ctx) {
    const probes = interpreterProbes();
    return {
      FileRule(rule, profile) {
        const f = ctx.facts.file(rule, profile);
        if (!f || f.prefix.mode !== "allow" || !f.glob || f.perms.exec?.kind !== "i") return;
        const hit = probes.find((p) => ctx.facts.matches(f.glob!, p.path) === true);
        if (!hit || ctx.facts.denied(profile, hit.path, "x", f)) return;
        const word = rule.node.permissions!;
        ctx.report({
          origin: rule, range: f.node.range, messageId: "interpreter",
          data: { path: f.node.path!.raw, perms: word.raw, name: hit.label },
        });
      },
    };
  },
});
