import rule from "../../../src/lint/rules/file-no-container-socket.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  @{run}/app/** rw,"), profile("  /run/docker.sock r,"), profile("  deny @{run}/docker.sock rw,")],
  invalid: [
    { code: profile("  /run/docker.sock rw,"), errors: [{ messageId: "socket", line: 5, column: 3 }] },
    { code: profile("  @{run}/containerd/*.sock w,"), errors: [{ line: 5, column: 3 }] },
    { code: profile("  @{run}/** rw,"), errors: [{ line: 5, column: 3 }] },
  ],
});
