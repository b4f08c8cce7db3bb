import { describe, expect, it } from "vitest";
import { emitProfiles } from "../../src/emit/index.js";
import { matches, matchesUnder, mayOverlap } from "../../src/emit/glob.js";
import { memoryFs } from "../helpers.js";

const BASE = "  /etc/ld.so.cache mr,\n  /{usr/,}lib{,32,64}/**.so* mr,\n  owner @{PROC}/@{pid}/maps r,\n  /dev/null rw,\n";
const TUNABLES = "@{PROC} = /proc/\n@{pid} = {[1-9],[1-9][0-9]*}\n";

/** Emits the operator's object for a profile body; returns the document or the unmappable messages. */
async function spo(body: string, header = "profile web flags=(attach_disconnected)"): Promise<{ doc?: Record<string, unknown>; problems: string[] }> {
  const text = `include <tunables/global>\n${header} {\n  include <abstractions/base>\n${body}}\n`;
  const fs = memoryFs({ "/inc/abstractions/base": BASE, "/inc/tunables/global": TUNABLES, "/p/web": text });
  const out = await emitProfiles([{ path: "/p/web" }], {
    includeDirs: ["/inc"], cwd: "/p", k8sVersion: { major: 1, minor: 33 }, mode: null, containers: [],
    flatten: false, spo: true, fs,
  });
  const diagnostics = out.results.flatMap((r) => r.diagnostics);
  const compile = diagnostics.filter((d) => !d.code.startsWith("AA65"));
  expect(compile).toEqual([]);
  const doc = out.spo[0]?.value;
  return { ...(doc ? { doc } : {}), problems: diagnostics.map((d) => d.message.replace(/^cannot map to a Security Profiles Operator AppArmorProfile: /, "")) };
}

describe("Security Profiles Operator mapping", () => {
  it("maps each list the template can produce exactly", async () => {
    const r = await spo([
      "  capability chown,", "  network tcp,", "  network raw,", "  network inet udp,", "  network inet6 udp,",
      "  /srv/** r,", "  /var/spool/** wlk,", "  /var/lib/web/** rwlk,", "  /usr/bin/web ixr,", "  /usr/lib/libw.so mr,",
      "  ptrace (read trace) peer=web,", "",
    ].join("\n"));
    expect(r.problems).toEqual([]);
    expect(r.doc).toEqual({
      apiVersion: "security-profiles-operator.x-k8s.io/v1",
      kind: "AppArmorProfile",
      metadata: { name: "web" },
      spec: {
        mode: "Enforce",
        abstract: {
          executable: { allowedExecutables: ["/usr/bin/web"], allowedLibraries: ["/usr/lib/libw.so"] },
          filesystem: { readOnlyPaths: ["/srv/**"], writeOnlyPaths: ["/var/spool/**"], readWritePaths: ["/var/lib/web/**"] },
          network: { allowRaw: true, allowedProtocols: { allowTcp: true, allowUdp: true } },
          capability: { allowedCapabilities: ["chown"] },
          ptrace: { allowedAccess: ["read", "trace"], peer: "web" },
        },
      },
    });
  });

  it("carries complain mode", async () => {
    const r = await spo("  /srv/** r,\n", "profile web flags=(attach_disconnected, complain)");
    expect((r.doc?.["spec"] as { mode: string }).mode).toBe("Complain");
  });

  it.each([
    ["  deny /etc/shadow r,\n", "deny rule"],
    ["  audit /srv/** r,\n", "audit rule"],
    ["  owner /srv/** r,\n", "owner rule"],
    ["  /usr/bin/helper Px,\n", "exec transition Px"],
    ["  /usr/bin/helper cx -> helper,\n  profile helper {\n  }\n", "exec transition cx"],
    ["  /srv/** rw,\n", "file permissions rw"],
    ["  /usr/bin/sh ix,\n", "file permissions ix"],
    ["  /srv/{a,b}/** r,\n", "path /srv/{a,b}/**"],
    ["  file,\n", "bare file rule"],
    ["  capability,\n", "bare capability rule"],
    ["  network inet stream,\n", "TCP for inet only"],
    ["  network unix stream,\n", "network rule unix stream"],
    ["  network,\n", "network rule (every socket)"],
    ["  signal (send) peer=web,\n", "signal rule"],
    ["  ptrace (read) peer=a,\n  ptrace (trace) peer=b,\n", "ptrace rules with different peers"],
    ["  mount,\n", "mount rule"],
    ["  umount,\n", "umount rule"],
    ["  pivot_root,\n", "pivot_root rule"],
    ["  dbus,\n", "dbus rule"],
    ["  unix,\n", "unix rule"],
    ["  change_profile -> other,\n", "change_profile rule"],
    ["  set rlimit nofile <= 1024,\n", "set rlimit rule"],
    ["  ^hat {\n  }\n", "hat hat"],
    ["  profile child {\n  }\n", "child profile child"],
    ["  /srv/** r,\n  /srv/data/** wlk,\n", "readOnlyPaths /srv/** comes with deny wlk"],
    ["  /var/log/** wlk,\n  /var/log/app.conf r,\n", "writeOnlyPaths /var/log/** comes with deny r"],
    ["  /proc/sys/kernel/** wlk,\n", "always denies w on /proc/**"],
    ["  /sys/kernel/security/apparmor/profiles r,\n", "always denies rwklx on /sys/kernel/security/**"],
    ["  /dev/** r,\n", "(from abstractions/base) /dev/null rw: readOnlyPaths /dev/** comes with deny wlk"],
  ])("reports %j", async (body, problem) => {
    const r = await spo(body);
    expect(r.doc).toBeUndefined();
    expect(r.problems.join("\n")).toContain(problem);
  });

  it.each([
    ["profile Web_Server flags=(attach_disconnected)", "must be a DNS-1123 subdomain"],
    ["profile web /usr/bin/web flags=(attach_disconnected)", "attachment path"],
    ["/usr/bin/web flags=(attach_disconnected)", "attachment path"],
    ["profile web", "no attach_disconnected flag"],
    ["profile web flags=(attach_disconnected, unconfined)", "flag unconfined"],
  ])("reports the header %j", async (header, problem) => {
    const r = await spo("  /srv/** r,\n", header);
    expect(r.doc).toBeUndefined();
    expect(r.problems.join("\n")).toContain(problem);
  });

  it("reports a profile without abstractions/base, which the operator always adds", async () => {
    const fs = memoryFs({ "/p/web": "profile web flags=(attach_disconnected) {\n  /srv/** r,\n}\n" });
    const out = await emitProfiles([{ path: "/p/web" }], {
      includeDirs: ["/inc"], cwd: "/p", k8sVersion: { major: 1, minor: 33 }, mode: null, containers: [], flatten: false, spo: true, fs,
    });
    expect(out.spo).toEqual([]);
    expect(out.results[0]!.diagnostics.map((d) => d.message).join("\n")).toContain("no include <abstractions/base>");
  });

  it("reports every construct, not only the first", async () => {
    const r = await spo("  deny /a r,\n  signal,\n  mount,\n  owner /b r,\n");
    expect(r.problems).toHaveLength(4);
  });
});

describe("path glob overlap", () => {
  it.each([
    ["/srv/**", "/srv/a/b", true],
    ["/srv/*", "/srv/a/b", false],
    ["/srv/{a,b}/x", "/srv/b/x", true],
    ["/srv/[a-c]x", "/srv/bx", true],
    ["/srv/[^a-c]x", "/srv/bx", false],
    ["/srv/?", "/srv/ab", false],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it.each([
    ["/proc/{[1-9],[1-9][0-9]*}/maps", "/proc/", true],
    ["/{usr/,}lib{,32,64}/**.so*", "/proc/", false],
    ["/sys/**", "/sys/kernel/security/", true],
    ["/sys/kernel/security/z*", "/sys/kernel/security/", true],
    ["/sys", "/sys/kernel/", false],
  ])("%s reaches under %s: %s", (pattern, prefix, expected) => {
    expect(matchesUnder(pattern, prefix)).toBe(expected);
  });

  it.each([
    ["/srv/**", "/srv/data/**", true],
    ["/srv/**", "/var/**", false],
    ["/dev/null", "/dev/**", true],
    ["/dev/null", "/srv/**", false],
  ])("%s and %s may overlap: %s", (a, b, expected) => {
    expect(mayOverlap(a, b)).toBe(expected);
    expect(mayOverlap(b, a)).toBe(expected);
  });
});
