/**
 * A Security Profiles Operator `AppArmorProfile` (security-profiles-operator.x-k8s.io/v1, `spec.abstract`)
 * for a profile, when that form says exactly the same thing; otherwise every construct that it cannot say.
 *
 * The operator does not load the abstract as written: it renders a profile from a fixed template
 * (its crd2armor package), and that template decides what each list grants:
 *
 *   always           include <tunables/global>, include <abstractions/base>, flags attach_disconnected and
 *                    mediate_deleted, and deny rules for writes under /proc and /sys and for kernel memory
 *   allowedExecutables  PATH ixr        allowedLibraries  PATH mr
 *   readOnlyPaths    PATH r  + deny PATH wlk
 *   writeOnlyPaths   PATH wlk + deny PATH r
 *   readWritePaths   PATH rwlk
 *   allowTcp/Udp     network tcp, / network udp,   (every address family)
 *   allowRaw         network raw,
 *   capability       capability NAME,
 *   ptrace           ptrace (ACCESS) peer=PEER,     (one rule)
 *
 * A rule maps only when the template grants exactly what it grants, and the profile maps only when nothing
 * the template adds (its deny rules, the denies that come with read-only and write-only paths) takes away
 * something the profile allows. Anything else is reported, never approximated: a silently weaker profile
 * is worse than an error.
 */
import type { FileRule, NetworkRule, Prefix, PtraceRule, Range } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Origin, Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import type { SymbolTable } from "../resolve/variables.js";
import { mayOverlap } from "./glob.js";
import { symbolTable, type DeclaredProfile } from "./names.js";

export const SPO_API_VERSION = "security-profiles-operator.x-k8s.io/v1";

const CODE = "AA6510";
const RULE = "spo-unmappable";

/** The operator's capability enum (its CRD validation pattern). */
const SPO_CAPABILITIES = new Set([
  "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
  "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
  "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
  "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
  "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
  "checkpoint_restore",
]);

/** The operator's path pattern: absolute, plain characters and globs, and @{variables}. */
const SPO_PATH = /^\/(?:[a-zA-Z0-9_./*?+@ -]|@\{[a-zA-Z0-9_]+\})*$/;
const SPO_PTRACE_PEER = /^(?:[a-zA-Z0-9_./*?-]|@\{profile_name\})+$/;
/** The object's name is the loaded profile's name, and must be a DNS-1123 subdomain. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** File permission sets the template can produce, by list. */
const FILE_LISTS: { perms: string; list: "readOnlyPaths" | "writeOnlyPaths" | "readWritePaths" | "allowedExecutables" | "allowedLibraries" }[] = [
  { perms: "r", list: "readOnlyPaths" },
  { perms: "klw", list: "writeOnlyPaths" },
  { perms: "klrw", list: "readWritePaths" },
  { perms: "irx", list: "allowedExecutables" },
  { perms: "mr", list: "allowedLibraries" },
];

/** What the template denies whatever the abstract says: access as a set of permission letters, by path. */
const TEMPLATE_DENIES: { path: string; perms: string }[] = [
  { path: "/proc/**", perms: "w" },
  { path: "/sys/**", perms: "wklx" },
  { path: "/proc/sysrq-trigger", perms: "rwklx" },
  { path: "/proc/mem", perms: "rwklx" },
  { path: "/proc/kmem", perms: "rwklx" },
  { path: "/proc/kcore", perms: "rwklx" },
  { path: "/sys/firmware/efi/efivars/**", perms: "rwklx" },
  { path: "/sys/kernel/security/**", perms: "rwklx" },
];

const SOCKET_KINDS = new Set(["stream", "dgram", "seqpacket", "rdm", "raw", "packet", "tcp", "udp", "icmp"]);
const KEEPS_FLAGS = new Set(["attach_disconnected", "mediate_deleted", "enforce", "complain"]);
const PTRACE_WORDS: Record<string, string> = { read: "read", readby: "readby", trace: "trace", write: "trace", tracedby: "tracedby" };

export type SpoResult = { ok: true; document: Record<string, unknown> } | { ok: false; diagnostics: Diagnostic[] };

interface Grant {
  path: string;
  /** The path with variables expanded, for overlap tests. */
  expanded: string;
  perms: Set<string>;
  rule: ResolvedRule;
  range: Range;
  /** The list it maps to; null for a grant the template itself brings (abstractions/base). */
  list: (typeof FILE_LISTS)[number]["list"] | null;
}

export function spoProfile(declared: DeclaredProfile, program: Program): SpoResult {
  const problems: Diagnostic[] = [];
  const p = declared.profile;
  const report = (origin: Origin, range: Range, what: string, help?: string) => {
    problems.push(diagnostic(origin, range, what, help));
  };
  const header = p.node.name.range;
  const symbols = symbolTable(program);

  if (!DNS_SUBDOMAIN.test(declared.name) || declared.name.length > 253) {
    report(p, header, `profile name ${JSON.stringify(declared.name)}: the operator loads the profile under the object's name, which must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')`);
  }
  if (p.node.attachment || declared.name.startsWith("/")) {
    report(p, p.node.attachment?.range ?? header, "attachment path: the operator's profile has none");
  }
  if (p.node.xattrs) report(p, p.node.xattrs.range, "xattrs conditions: the operator's profile has none");
  for (const id of p.node.identities) report(p, id.range, "identities: the operator's profile has none");
  const flags = p.node.flags?.values ?? [];
  for (const f of flags) {
    if (!KEEPS_FLAGS.has(f.value)) report(p, f.range, `flag ${f.value}: the operator sets only attach_disconnected, mediate_deleted and the mode`);
  }
  if (!flags.some((f) => f.value === "attach_disconnected")) {
    report(p, p.node.flags?.range ?? header, "no attach_disconnected flag: the operator always sets it, which lets the profile reach paths outside the container's mount namespace",
      "add flags=(attach_disconnected) if that is acceptable");
  }
  const mode = flags.some((f) => f.value === "complain") ? "Complain" : "Enforce";
  if (!includesBase(p)) {
    report(p, header, "no include <abstractions/base>: the operator's profile always includes it, which grants more",
      "add `include <abstractions/base>` to the profile if its rules are acceptable");
  }
  for (const c of p.children) {
    if (c.live) report(c, c.node.name.range, `${c.node.keyword === "profile" ? "child profile" : "hat"} ${c.node.name.value}: the abstract form has no nested profiles`);
  }

  const lists = {
    readOnlyPaths: new Set<string>(), writeOnlyPaths: new Set<string>(), readWritePaths: new Set<string>(),
    allowedExecutables: new Set<string>(), allowedLibraries: new Set<string>(),
  };
  const capabilities = new Set<string>();
  const grants: Grant[] = [];
  const network = { tcp: new Set<string>(), udp: new Set<string>(), raw: false, tcpRules: [] as ResolvedRule[], udpRules: [] as ResolvedRule[] };
  const ptrace: { access: Set<string>; peers: Set<string | null>; rules: ResolvedRule[] } = { access: new Set(), peers: new Set(), rules: [] };

  for (const rule of p.rules) {
    if (!rule.live) continue;
    const node = rule.node;
    const fromBase = rule.chain.some((s) => /(^|\/)abstractions\/base$/.test(s.target));
    if (fromBase) {
      // The template includes the node's own abstractions/base: its rules need no mapping.
      if (node.type === "FileRule" && node.path && node.permissions) {
        grants.push({ path: node.path.value, expanded: expand(symbols, node.path.value), perms: permSet(node.permissions.value), rule, range: node.range, list: null });
      }
      continue;
    }
    if (node.type === "RlimitRule") {
      report(rule, node.range, "set rlimit rule: the abstract form has no resource limits");
      continue;
    }
    const qualifier = qualifierProblem(node.prefix, rule.blocks);
    if (qualifier) {
      report(rule, node.prefix.range ?? node.range, qualifier);
      continue;
    }
    switch (node.type) {
      case "FileRule": {
        const g = mapFile(node, rule, program, report);
        if (g) {
          g.expanded = expand(symbols, g.path);
          grants.push(g);
          lists[g.list!].add(g.path);
        }
        break;
      }
      case "CapabilityRule":
        if (node.names.length === 0) {
          report(rule, node.range, "bare capability rule (every capability): the abstract form lists capabilities by name");
        }
        for (const n of node.names) {
          if (SPO_CAPABILITIES.has(n.value)) capabilities.add(n.value);
          else report(rule, n.range, `capability ${n.value}: not in the operator's list of capabilities`);
        }
        break;
      case "NetworkRule":
        mapNetwork(node, rule, network, report);
        break;
      case "PtraceRule":
        mapPtrace(node, rule, ptrace, report);
        break;
      default:
        report(rule, node.range, `${RULE_NOUN[node.type] ?? node.type}: the abstract form has no such rules`);
    }
  }

  for (const proto of ["tcp", "udp"] as const) {
    const fams = network[proto];
    if (fams.size > 0 && !fams.has("*") && !(fams.has("inet") && fams.has("inet6"))) {
      for (const r of network[`${proto}Rules`]) {
        report(r, r.node.range, `${proto.toUpperCase()} for ${[...fams].join(" and ")} only: the operator allows ${proto.toUpperCase()} in every address family`,
          `allow ${proto} for both inet and inet6 if that is acceptable`);
      }
    }
  }
  if (ptrace.peers.size > 1) {
    for (const r of ptrace.rules) report(r, r.node.range, "ptrace rules with different peers: the operator writes one ptrace rule");
  }
  conflicts(grants, report);

  if (problems.length) return { ok: false, diagnostics: problems };

  const abstract: Record<string, unknown> = {};
  const sorted = (s: Set<string>) => [...s].sort();
  const section = (entries: Record<string, unknown>) => {
    const kept = Object.entries(entries).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
    return kept.length ? Object.fromEntries(kept) : undefined;
  };
  const put = (key: string, value: unknown) => {
    if (value !== undefined) abstract[key] = value;
  };
  put("executable", section({ allowedExecutables: sorted(lists.allowedExecutables), allowedLibraries: sorted(lists.allowedLibraries) }));
  put("filesystem", section({
    readOnlyPaths: sorted(lists.readOnlyPaths), writeOnlyPaths: sorted(lists.writeOnlyPaths), readWritePaths: sorted(lists.readWritePaths),
  }));
  const protocols = section({
    allowTcp: network.tcp.size ? true : undefined,
    allowUdp: network.udp.size ? true : undefined,
  });
  put("network", section({ allowRaw: network.raw ? true : undefined, allowedProtocols: protocols }));
  put("capability", section({ allowedCapabilities: sorted(capabilities) }));
  if (ptrace.rules.length) {
    const peer = [...ptrace.peers][0];
    put("ptrace", { allowedAccess: sorted(ptrace.access), ...(peer ? { peer } : {}) });
  }
  return {
    ok: true,
    document: {
      apiVersion: SPO_API_VERSION,
      kind: "AppArmorProfile",
      metadata: { name: declared.name },
      spec: { mode, abstract },
    },
  };
}

type Report = (origin: Origin, range: Range, what: string, help?: string) => void;

function includesBase(p: ResolvedProfile): boolean {
  return p.node.body.some((i) => i.type === "IncludeDirective" && i.kind === "magic" && i.path === "abstractions/base");
}

function qualifierProblem(prefix: Prefix, blocks: readonly Prefix[]): string | null {
  for (const q of [...blocks, prefix]) {
    if (q.mode === "deny") return "deny rule: the abstract form only allows";
    if (q.mode === "prompt") return "prompt rule: the abstract form only allows";
    if (q.audit) return "audit rule: the abstract form cannot ask for auditing";
    if (q.owner) return `${q.owner} rule: the abstract form cannot restrict by file owner`;
    if (q.priority) return "rule priority: the abstract form has none";
  }
  return null;
}

function permSet(perms: string): Set<string> {
  return new Set(perms.split(""));
}

function mapFile(node: FileRule, rule: ResolvedRule, program: Program, report: Report): Grant | null {
  if (node.bare || !node.path || !node.permissions) {
    report(rule, node.range, "bare file rule (every file): the abstract form lists paths");
    return null;
  }
  const perms = permSet(node.permissions.value);
  if ([..."pPcCuU"].some((c) => perms.has(c)) || node.target) {
    report(rule, node.permissions.range, `exec transition ${node.permissions.value}: the abstract form only inherits (ix)`);
    return null;
  }
  if (node.safety) {
    report(rule, node.safetyRange ?? node.range, `${node.safety} exec: the abstract form cannot say it`);
    return null;
  }
  const key = [...perms].sort().join("");
  const list = FILE_LISTS.find((l) => l.perms === key)?.list;
  if (!list) {
    const nearest = FILE_LISTS.filter((l) => [...perms].every((c) => l.perms.includes(c))).map((l) => `${l.list} (${l.perms})`);
    report(rule, node.permissions.range,
      `file permissions ${node.permissions.value}: the operator grants r, wlk, rwlk, ixr or mr per path, nothing in between`,
      nearest.length ? `the nearest it can say grants more: ${nearest[0]}` : undefined);
    return null;
  }
  const path = node.path.value;
  if (!SPO_PATH.test(path)) {
    report(rule, node.path.range, `path ${path}: the operator accepts only plain characters, * and ? globs and @{variables} (no {alternatives}, [classes] or escapes)`);
    return null;
  }
  for (const m of path.matchAll(/@\{([a-zA-Z0-9_]+)\}/g)) {
    const v = program.variables.get(m[1]!);
    if (!v || !/(^|\/)tunables\//.test(v.origin.file)) {
      report(rule, node.path.range, `variable @{${m[1]}}: the operator's profile has only the node's tunables`);
      return null;
    }
  }
  return { path, expanded: path, perms, rule, range: node.range, list };
}

function mapNetwork(
  node: NetworkRule,
  rule: ResolvedRule,
  network: { tcp: Set<string>; udp: Set<string>; raw: boolean; tcpRules: ResolvedRule[]; udpRules: ResolvedRule[] },
  report: Report,
): void {
  // `network tcp,` is parsed with the one word as the domain; it is a type or protocol for every family.
  const single = !node.kind && node.domain && SOCKET_KINDS.has(node.domain.value);
  const domain = single ? null : node.domain?.value ?? null;
  const kind = single ? node.domain!.value : node.kind?.value ?? null;
  const plain = !node.access && node.conditions.length === 0 && !node.peer;
  const proto = kind === "tcp" || (kind === "stream" && domain !== null) ? "tcp"
    : kind === "udp" || (kind === "dgram" && domain !== null) ? "udp" : null;
  if (plain && proto && (domain === null || domain === "inet" || domain === "inet6")) {
    network[proto].add(domain ?? "*");
    network[`${proto}Rules`].push(rule);
    return;
  }
  if (plain && domain === null && kind === "raw") {
    network.raw = true;
    return;
  }
  report(rule, node.range, `network rule ${describeNetwork(domain, kind)}: the operator allows only TCP, UDP and raw sockets, each in every address family`);
}

function describeNetwork(domain: string | null, kind: string | null): string {
  return [domain, kind].filter(Boolean).join(" ") || "(every socket)";
}

function mapPtrace(
  node: PtraceRule,
  rule: ResolvedRule,
  ptrace: { access: Set<string>; peers: Set<string | null>; rules: ResolvedRule[] },
  report: Report,
): void {
  const words = node.access?.words.map((w) => w.value) ?? ["read", "readby", "trace", "tracedby"];
  const unknown = words.filter((w) => !PTRACE_WORDS[w]);
  if (unknown.length) {
    report(rule, node.access?.range ?? node.range, `ptrace access ${unknown.join(" ")}: the operator knows read, readby, trace and tracedby`);
    return;
  }
  let peer: string | null = null;
  for (const c of node.conditions) {
    if (c.name.value !== "peer" || c.values.length !== 1) {
      report(rule, c.range, `ptrace condition ${c.name.value}: the operator's ptrace rule takes one peer`);
      return;
    }
    peer = c.values[0]!.value;
  }
  if (peer !== null && !SPO_PTRACE_PEER.test(peer)) {
    report(rule, node.range, `ptrace peer ${peer}: the operator accepts only plain names, * and ? globs and @{profile_name}`);
    return;
  }
  for (const w of words) ptrace.access.add(PTRACE_WORDS[w]!);
  ptrace.peers.add(peer);
  ptrace.rules.push(rule);
}

/**
 * The denies the template adds take away what another grant allows: report those grants. Paths are
 * compared by their literal prefix (up to the first glob or variable), which errs towards reporting.
 */
function conflicts(grants: readonly Grant[], report: Report): void {
  const denies: { path: string; perms: string; why: string; source: Grant | null }[] = TEMPLATE_DENIES.map((d) => ({
    ...d, source: null, why: `the operator's profile always denies ${d.perms} on ${d.path}`,
  }));
  for (const g of grants) {
    if (g.list === "readOnlyPaths") denies.push({ path: g.expanded, perms: "wlk", source: g, why: `readOnlyPaths ${g.path} comes with deny wlk on it` });
    if (g.list === "writeOnlyPaths") denies.push({ path: g.expanded, perms: "r", source: g, why: `writeOnlyPaths ${g.path} comes with deny r on it` });
  }
  for (const g of grants) {
    for (const d of denies) {
      if (d.source === g) continue;
      const lost = [...d.perms].filter((c) => g.perms.has(c));
      if (lost.length && mayOverlap(g.expanded, d.path)) {
        const from = g.list ? "" : "(from abstractions/base) ";
        report(g.rule, g.range, `${from}${g.path} ${[...g.perms].join("")}: ${d.why}, which takes away ${lost.join("")}`);
        break;
      }
    }
  }
}

function expand(symbols: SymbolTable, path: string): string {
  if (!path.includes("@{")) return path;
  try {
    return symbols.expand(path);
  } catch {
    return path;
  }
}

const RULE_NOUN: Partial<Record<ResolvedRule["node"]["type"], string>> = {
  LinkRule: "link rule",
  UnixRule: "unix rule",
  DbusRule: "dbus rule",
  SignalRule: "signal rule",
  UsernsRule: "userns rule",
  MqueueRule: "mqueue rule",
  IoUringRule: "io_uring rule",
  AllRule: "'all' rule",
  MountRule: "mount rule",
  RemountRule: "remount rule",
  UmountRule: "umount rule",
  PivotRootRule: "pivot_root rule",
  ChangeProfileRule: "change_profile rule",
};

function diagnostic(origin: Origin, range: Range, what: string, help?: string): Diagnostic {
  const d: Diagnostic = {
    code: CODE, rule: RULE, severity: "error",
    message: `cannot map to a Security Profiles Operator AppArmorProfile: ${what}`,
    file: origin.file, range,
  };
  if (help) d.help = help;
  if (origin.chain.length) d.related = origin.chain.map((s) => ({ file: s.file, range: s.range, message: "included from here" }));
  return d;
}
