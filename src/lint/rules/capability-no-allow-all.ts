/**
 * AA3111 capability-no-allow-all: bare `capability,`.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3111",
    name: "capability-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      bare: "`capability,` grants every capability, sys_admin and sys_module included",
    },
    help: "list the capabilities the program needs (`capability net_bind_service setuid setgid,`)",
    docs: {
      summary: "Bare `capability,` rules",
      what: "Reports `capability,` without capability names in an allow rule.",
      why:
        "Every capability includes sys_module (load kernel code), sys_admin, sys_rawio and mac_admin: a " +
        "process running as root under this profile is not confined in any way that matters.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile netd /usr/sbin/netd {
  capability,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile netd /usr/sbin/netd {
  capability net_bind_service,
}
`,
      exceptions: "`deny capability,` (deny every capability) is not reported.",
    },
  },
  create(ctx) {
    return {
      CapabilityRule(rule) {
        if (rule.node.names.length === 0 && isAllow(rule)) {
          ctx.report({ origin: rule, range: rule.node.range, messageId: "bare" });
        }
      },
    };
  },
});
