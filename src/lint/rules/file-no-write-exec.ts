/**
 * AA3206 file-no-write-exec: write and execute (or map executable) on the same path (W^X).
 */
import type { ResolvedProfile } from "../../resolve/model.js";
import type { FileFacts } from "../facts.js";
import { writes } from "../permissions.js";
import { writesEverywhere } from "../probes.js";
import { defineRule, isOwn } from "../rule.js";
import { relatedRule, ruleText, where } from "../shapes.js";

/**
 * Device nodes hold no code: mapping /dev/snd/* or /dev/dri/* executable is a driver's business. Shared
 * memory under /dev/shm is a file system, and stays in scope.
 */
function deviceOnly(path: string): boolean {
  return path.startsWith("/dev/") && !path.startsWith("/dev/shm/");
}

function executes(f: FileFacts): "execute" | "map executable" | null {
  if (f.perms.exec && f.perms.exec.kind !== "x") return "execute";
  if (f.perms.letters.has("m")) return "map executable";
  return null;
}

export default defineRule({
  meta: {
    code: "AA3206",
    name: "file-no-write-exec",
    category: "security",
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      sameRule: "`{{text}}` lets the program write {{path}} and then {{how}} it: code it writes becomes code it runs",
      pair: "{{example}} can be written (`{{writeText}}`, {{writeAt}}) and {{how}} (`{{execText}}`, {{execAt}}): code the program writes becomes code it runs",
    },
    help: "keep writable and executable paths apart: install code read-only and write data elsewhere",
    docs: {
      summary: "Write and execute on the same path (W^X)",
      what:
        "Reports allow rules that grant write or append together with execute or `m` (map executable) on " +
        "the same path, and pairs of allow rules in one profile whose globs overlap, one writing and the " +
        "other executing or mapping, where at least one of the two is written in the linted file. Overlap " +
        "is decided on the globs after variable expansion; the message names a path both match.",
      why:
        "Write-xor-execute is the rule that turns a file-write bug into nothing worse than a file-write bug. " +
        "If the profile lets the program write a file it may also execute or mmap as code, an attacker who " +
        "controls what is written controls what runs, inside or outside the profile.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile plugin-host /usr/bin/plugin-host {
  owner @{HOME}/.local/share/plugin-host/** rw,
  owner @{HOME}/.local/share/plugin-host/plugins/*.so m,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile plugin-host /usr/bin/plugin-host {
  owner @{HOME}/.local/share/plugin-host/data/** rw,
  /usr/lib/plugin-host/plugins/*.so mr,
}
`,
      exceptions:
        "Rules that write every file are reported by file-no-global-write only. " +
        "Device nodes below /dev (other than /dev/shm) are not reported: they hold no code. " +
        "Bare `file,` is reported by file-no-allow-all instead. Pairs that both come from included files are " +
        "left to the lint of those files. A deny rule that takes write or execute back from the overlapping " +
        "path silences the finding.",
    },
  },
  create(ctx) {
    return {
      "Profile:exit"(profile: ResolvedProfile) {
        const { allows } = ctx.facts.files(profile);
        // A rule that writes every file is file-no-global-write's finding; pairing it with every executable
        // path of the profile would only repeat that.
        const writers = allows.filter((f) => !f.bare && f.glob && writes(f.perms) && !writesEverywhere(ctx.facts, f, profile));
        const runners = allows.filter((f) => !f.bare && f.glob && executes(f));
        const writing = new Set(writers);
        const running = new Set(runners);
        for (const w of writers) {
          if (running.has(w) && !deviceOnly(new TextDecoder().decode(w.glob!.prefix))) {
            if (!ctx.facts.deniedGlob(profile, w.glob!, "w", w) && !ctx.facts.deniedGlob(profile, w.glob!, executes(w) === "execute" ? "x" : "m", w)) {
              ctx.report({
                origin: w.rule, range: w.node.range, messageId: "sameRule",
                data: { text: ruleText(ctx, w.rule), path: w.node.path!.raw, how: executes(w) === "execute" ? "execute" : "map executable" },
              });
            }
          }
        }
        // A pair is only reported when one of the two is the linted file's: an included writer is paired with
        // the linted file's runners alone.
        const ownRunners = runners.filter((x) => isOwn(x.rule, ctx.rootPath));
        for (const w of writers) {
          const wOwn = isOwn(w.rule, ctx.rootPath);
          for (const x of wOwn ? runners : ownRunners) {
            if (x === w) continue;
            const xOwn = isOwn(x.rule, ctx.rootPath);
            // An included rule that writes and executes on its own is reported there; pairing every rule of
            // the profile with it would repeat that one finding on each of them.
            if ((!wOwn && running.has(w)) || (!xOwn && writing.has(x))) continue;
            const o = ctx.facts.globs.overlaps(w.glob!, x.glob!);
            if (o.answer !== true || o.example === undefined || deviceOnly(o.example)) continue;
            const how = executes(x)!;
            if (ctx.facts.denied(profile, o.example, "w", w)) continue;
            if (ctx.facts.denied(profile, o.example, how === "execute" ? "x" : "m", x)) continue;
            // Report on the rule of the linted file; when both are, on the later one.
            const at = !xOwn ? w : !wOwn ? x : w.node.range.start.offset > x.node.range.start.offset ? w : x;
            const other = at === w ? x : w;
            ctx.report({
              origin: at.rule, range: at.node.range, messageId: "pair",
              data: {
                example: o.example, how: how === "execute" ? "executed" : "mapped executable",
                writeText: ruleText(ctx, w.rule), writeAt: where(ctx, w.rule),
                execText: ruleText(ctx, x.rule), execAt: where(ctx, x.rule),
              },
              related: [relatedRule(ctx, other.rule, other === w ? "written by" : "executed by")],
            });
          }
        }
      },
    };
  },
});
