import rule from "../../../src/lint/rules/file-no-kernel-interface.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  @{PROC}/sys/kernel/** r,"),
    profile("  @{PROC}/@{pid}/attr/current w,"),
    profile("  /sys/class/leds/*/brightness w,"),
    profile("  @{PROC}/@{pid}/stat r,"),
  ],
  invalid: [
    { code: profile("  /dev/mem r,"), errors: [{ messageId: "memory", line: 5, column: 3 }] },
    { code: profile("  @{PROC}/*/mem r,"), errors: [{ messageId: "memory", line: 5, column: 3 }] },
    { code: profile("  @{PROC}/sys/kernel/core_pattern w,"), errors: [{ messageId: "write", line: 5, column: 3 }] },
    { code: profile("  /sys/kernel/security/** w,"), errors: [{ messageId: "write", line: 5, column: 3 }] },
    { code: profile("  @{PROC}/*/attr/** w,"), errors: [{ messageId: "write", line: 5, column: 3 }] },
    { code: profile("  @{PROC}/sys/vm/drop_caches w,"), errors: [{ messageId: "sysctl", line: 5, column: 3 }] },
  ],
});
