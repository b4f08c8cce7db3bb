/**
 * AA3303 file-no-container-socket: access to a container runtime's control socket.
 */
import type { ResolvedProfile, ResolvedRule } from "../../resolve/model.js";
import { labels, permWords, probeHits, writesEverywhere } from "../probes.js";
import { RUNTIME_SOCKET_PROBES } from "../risk.js";
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3303",
    name: "file-no-container-socket",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      socket: "`{{path}}` grants {{perms}} access to {{what}}: whoever connects to it can start a privileged container that mounts the host",
    },
    help: "do not give workloads the runtime socket; if a tool must manage containers, give it its own narrowly scoped profile and review it as root-equivalent",
    docs: {
      summary: "Container runtime sockets",
      what:
        "Reports allow rules that grant write (which connecting needs) on the control socket of Docker, containerd, CRI-O, Podman or k3s " +
        "(`/run/docker.sock`, `/run/containerd/containerd.sock`, …), directly or through a glob such as " +
        "`@{run}/**`.",
      why:
        "The runtime's API runs containers as root with whatever mounts and capabilities the caller asks for. " +
        "Access to the socket is root on the host, whatever the rest of the profile says.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile ci-agent /usr/bin/ci-agent {
  @{run}/docker.sock rw,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile ci-agent /usr/bin/ci-agent {
  @{run}/ci-agent/** rw,
}
`,
    },
  },
  create(ctx) {
    const check = (rule: ResolvedRule, profile: ResolvedProfile) => {
      const f = ctx.facts.file(rule, profile);
      if (!f || writesEverywhere(ctx.facts, f, profile)) return;
      const hits = probeHits(ctx.facts, f, profile, RUNTIME_SOCKET_PROBES, ["w", "a"]);
      if (!hits.length) return;
      const path = f.node.path!;
      ctx.report({
        origin: rule, range: path.range, messageId: "socket",
        data: { path: path.raw, perms: permWords(hits.flatMap((h) => h.granted)), what: labels(hits) },
      });
    };
    return { FileRule: check };
  },
});
