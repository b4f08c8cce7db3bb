import rule from "../../../src/lint/rules/unix-require-peer.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  unix (connect, send) type=stream peer=(label=server),"),
    profile("  unix (create, getattr, getopt, setopt, shutdown),"),
    profile("  unix (receive) type=dgram,"),
    profile("  unix (bind, listen, accept, receive, send) type=stream addr=\"@/tmp/.X11-unix/X[0-9]*\","),
  ],
  invalid: [
    { code: profile("  unix (connect, send, receive) type=stream,"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
    { code: profile("  unix type=stream,"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
  ],
});
