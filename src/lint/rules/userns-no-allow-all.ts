/**
 * AA3117 userns-no-allow-all: `userns,` (creating user namespaces).
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3117",
    name: "userns-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { strict: "warning", container: "error" },
    messages: {
      bare: "`{{text}}` allows creating user namespaces, which unlock most of the kernel's attack surface to unprivileged code",
    },
    help: "keep it only for programs that sandbox themselves with namespaces (browsers, bubblewrap)",
    docs: {
      summary: "Rules that allow creating user namespaces",
      what: "Reports allow rules `userns,` and `userns create,`.",
      why:
        "Inside a new user namespace an unprivileged process holds every capability over that namespace and " +
        "can reach code (netfilter, mount, overlayfs) that has produced a steady series of local root exploits. " +
        "Ubuntu restricts unprivileged user namespaces to profiles that grant them for this reason.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile webapp /usr/bin/webapp {
  userns,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile webapp /usr/bin/webapp {
  deny userns,
}
`,
      exceptions:
        "Browsers and sandboxing tools need user namespaces for their own sandbox; suppress the finding there " +
        "with a reason. The rule is off in `recommended` and on in `strict` and `container`.",
    },
  },
  create(ctx) {
    return {
      UsernsRule(rule) {
        const n = rule.node;
        if (n.conditions.length || !isAllow(rule)) return;
        const words = n.access?.words.map((w) => w.value.toLowerCase()) ?? [];
        if (words.length && !words.includes("create")) return;
        ctx.report({ origin: rule, range: n.range, messageId: "bare", data: { text: words.length ? "userns create," : "userns," } });
      },
    };
  },
});
