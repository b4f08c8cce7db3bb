/**
 * Tables and value parsers shared by the `network` and `unix` rule checks, modelled on upstream's
 * parser/network.cc, parser/af_rule.cc and parse_X_perms (parser_misc.c).
 */
import type { Access, AccessWord, Condition, Range, Word } from "../ast/nodes.js";

// ---------------------------------------------------------------------------------------------------------
// Permissions

/** Socket permission bits (our own numbering; only set algebra matters). */
export const NetPerm = {
  send: 1 << 0,
  receive: 1 << 1,
  create: 1 << 2,
  shutdown: 1 << 3,
  connect: 1 << 4,
  setattr: 1 << 5,
  getattr: 1 << 6,
  bind: 1 << 7,
  accept: 1 << 8,
  listen: 1 << 9,
  setopt: 1 << 10,
  getopt: 1 << 11,
  /** Part of upstream's "all perms" set; it keeps the peer half of a unix rule alive. */
  contMatch: 1 << 12,
} as const;

/** What writing no permissions (or `()`) grants. */
export const ALL_NET_PERMS = Object.values(NetPerm).reduce((a, b) => a | b, 0);

/** AA_LOCAL_NET_PERMS: accept is local too, but it is also a peer permission. */
export const LOCAL_NET_PERMS =
  NetPerm.create | NetPerm.shutdown | NetPerm.setattr | NetPerm.getattr | NetPerm.bind | NetPerm.accept |
  NetPerm.listen | NetPerm.setopt | NetPerm.getopt;

/** AA_PEER_NET_PERMS */
export const PEER_NET_PERMS = ALL_NET_PERMS & (~LOCAL_NET_PERMS | NetPerm.accept);

/** The words upstream's net_perm accepts as whole keywords (case-sensitive). */
const PERM_WORDS: ReadonlyMap<string, number> = new Map([
  ["create", NetPerm.create],
  ["bind", NetPerm.bind],
  ["listen", NetPerm.listen],
  ["accept", NetPerm.accept],
  ["connect", NetPerm.connect],
  ["shutdown", NetPerm.shutdown],
  ["getattr", NetPerm.getattr],
  ["setattr", NetPerm.setattr],
  ["getopt", NetPerm.getopt],
  ["setopt", NetPerm.setopt],
  ["send", NetPerm.send],
  ["write", NetPerm.send],
  ["receive", NetPerm.receive],
  ["read", NetPerm.receive],
]);

/** parse_X_sub_perms: anything that is not a keyword is read one mode character at a time. */
const PERM_CHARS: ReadonlyMap<string, number> = new Map([
  ["r", NetPerm.receive],
  ["w", NetPerm.send],
  ["R", NetPerm.receive],
  ["W", NetPerm.send],
]);

export interface PermProblem {
  word: AccessWord;
  message: string;
}

export type ParsedPerms = { ok: true; perms: number } | { ok: false; problem: PermProblem };

/** The permission bits written in a network or unix rule; 0 when none were written. */
export function parseNetPerms(access: Access | null): ParsedPerms {
  let perms = 0;
  for (const word of access?.words ?? []) {
    const keyword = word.kind === "mode" ? undefined : PERM_WORDS.get(word.value);
    if (keyword !== undefined) {
      perms |= keyword;
      continue;
    }
    for (const c of word.value) {
      const bit = PERM_CHARS.get(c);
      if (bit === undefined) {
        return { ok: false, problem: { word, message: `Internal: unexpected net perms character '${c}' in input` } };
      }
      perms |= bit;
    }
  }
  return { ok: true, perms };
}

/** The local-only permissions written, as keywords for a help line. */
export function localOnlyPermNames(perms: number): string[] {
  return [...PERM_WORDS].filter(([, bit]) => perms & bit & ~PEER_NET_PERMS).map(([name]) => name);
}

// ---------------------------------------------------------------------------------------------------------
// Conditionals

/** How a conditional was written, in upstream's cond_comp terms. */
export type CondComp = "eq" | "in" | "set" | "bare";

export interface CondEntry {
  /** The name upstream compares against. */
  name: string;
  comp: CondComp;
  values: Word[];
  node: Condition;
  /** Where the name is written. */
  nameRange: Range;
}

/**
 * A conditional list as upstream's constructors walk it: the grammar builds the list by prepending, so the
 * last-written conditional is checked first.
 *
 * Our scanner reads `label:=x` inside `peer=(…)` as the name `label:` followed by `=`; upstream's newer
 * scanner reads the `:=` operator (cond_comp SET), so that spelling is normalised here.
 */
export function condEntries(conds: readonly Condition[]): CondEntry[] {
  const out: CondEntry[] = [];
  for (const node of conds) {
    let name = node.name.value;
    let comp: CondComp = node.operator === "=" ? "eq" : node.operator === "in" ? "in" : "bare";
    if (comp === "eq" && name.length > 1 && name.endsWith(":")) {
      name = name.slice(0, -1);
      comp = "set";
    }
    out.push({ name, comp, values: node.values, node, nameRange: node.name.range });
  }
  return out.reverse();
}

/** The range of a conditional's values, or of the whole conditional when it has none. */
export function valuesRange(entry: CondEntry): Range {
  const vs = entry.values;
  if (!vs.length) return entry.node.range;
  return { start: vs[0]!.range.start, end: vs[vs.length - 1]!.range.end };
}

// ---------------------------------------------------------------------------------------------------------
// Families and socket types (network_mappings in network.cc)

/** Address families, in upstream's af_names order. `local`, `route`, `file` and `decnet` are not among them. */
export const NETWORK_FAMILIES: readonly string[] = [
  "unspec", "unix", "inet", "ax25", "ipx", "appletalk", "netrom", "bridge", "atmpvc", "x25", "inet6", "rose",
  "netbeui", "security", "key", "netlink", "packet", "ash", "econet", "atmsvc", "rds", "sna", "irda", "pppox",
  "wanpipe", "llc", "ib", "mpls", "can", "tipc", "bluetooth", "iucv", "rxrpc", "isdn", "phonet", "ieee802154",
  "caif", "alg", "nfc", "vsock", "kcm", "qipcrtr", "smc", "xdp", "mctp",
];

/** Socket types every family is listed with (upstream has no `dccp` row). */
const FAMILY_TYPES: readonly string[] = ["stream", "dgram", "seqpacket", "rdm", "raw", "packet"];

interface NetworkMapping {
  family: string;
  type: string;
  protocol: string;
}

const NETWORK_MAPPINGS: readonly NetworkMapping[] = [
  ...NETWORK_FAMILIES.flatMap((family) => FAMILY_TYPES.map((type) => ({ family, type, protocol: "" }))),
  { family: "inet", type: "raw", protocol: "tcp" },
  { family: "inet", type: "raw", protocol: "udp" },
  { family: "inet", type: "raw", protocol: "icmp" },
  { family: "inet", type: "tcp", protocol: "" },
  { family: "inet", type: "udp", protocol: "" },
  { family: "inet", type: "icmp", protocol: "" },
  { family: "inet6", type: "tcp", protocol: "" },
  { family: "inet6", type: "udp", protocol: "" },
];

/** Only these families take ip/port/interface/label conditionals. */
const CONDITIONAL_FAMILIES: ReadonlySet<string> = new Set(["inet", "inet6"]);

export type NetworkEntryProblem = "family-conds" | "invalid";

/**
 * Why `network [domain [kind]]` names no socket, following network_rule's family/type constructor: the
 * first word is looked up as a family, and a lone word that is no family is looked up as a type.
 */
export function networkEntryProblem(domain: string, kind: string | null, hasConds: boolean): NetworkEntryProblem | null {
  const byFamily = NETWORK_MAPPINGS.filter((m) => m.family === domain && (kind === null || m.type === kind));
  for (const m of byFamily) {
    if (hasConds && !CONDITIONAL_FAMILIES.has(m.family)) return "family-conds";
  }
  if (byFamily.length) return null;
  if (kind === null) {
    const byType = NETWORK_MAPPINGS.filter(
      (m) => m.type === domain && (!hasConds || CONDITIONAL_FAMILIES.has(m.family)),
    );
    if (byType.length) return null;
  }
  return "invalid";
}

/** net_find_type_val: the names `type=` takes in unix rules (`invalid` is a placeholder upstream, not a type). */
export const SOCKET_TYPE_NAMES: ReadonlySet<string> = new Set([
  "none", "stream", "dgram", "raw", "rdm", "seqpacket", "dccp", "packet",
]);

// ---------------------------------------------------------------------------------------------------------
// ip= and port= (glibc inet_pton and strtoul, as upstream calls them)

/** glibc inet_pton(AF_INET): four decimal octets, no leading zeros. */
export function isIpv4(s: string): boolean {
  let octets = 0;
  let sawDigit = false;
  let cur = 0;
  for (const ch of s) {
    if (ch >= "0" && ch <= "9") {
      if (sawDigit && cur === 0) return false;
      cur = cur * 10 + (ch.charCodeAt(0) - 48);
      if (cur > 255) return false;
      if (!sawDigit) {
        if (++octets > 4) return false;
        sawDigit = true;
      }
    } else if (ch === "." && sawDigit) {
      if (octets === 4) return false;
      cur = 0;
      sawDigit = false;
    } else {
      return false;
    }
  }
  return octets >= 4;
}

const HEX = /^[0-9a-fA-F]$/;

/** glibc inet_pton(AF_INET6): at most one `::`, which must stand for at least one group. */
export function isIpv6(s: string): boolean {
  const GROUPS = 8;
  let i = 0;
  if (s[0] === ":" && s[1] !== ":") return false;
  if (s[0] === ":") i = 1;
  let groups = 0;
  let compressed = false;
  let digits = 0;
  let tokenStart = i;
  for (; i < s.length; i++) {
    const ch = s[i]!;
    if (HEX.test(ch)) {
      if (++digits > 4) return false;
      continue;
    }
    if (ch === ":") {
      tokenStart = i + 1;
      if (!digits) {
        if (compressed) return false;
        compressed = true;
        continue;
      }
      if (i + 1 >= s.length) return false;
      if (groups + 1 > GROUPS) return false;
      groups++;
      digits = 0;
      continue;
    }
    if (ch === "." && groups + 2 <= GROUPS && isIpv4(s.slice(tokenStart))) {
      groups += 2;
      digits = 0;
      i = s.length;
      break;
    }
    return false;
  }
  if (digits) {
    if (groups + 1 > GROUPS) return false;
    groups++;
  }
  if (compressed) return groups < GROUPS;
  return groups === GROUPS;
}

/** parse_address: `none`, or an IPv6 or IPv4 address (no prefixes, ranges or zones). */
export function isValidIp(s: string): boolean {
  return s === "none" || isIpv6(s) || isIpv4(s);
}

const ULONG_MAX = (1n << 64n) - 1n;

/** parse_port_number: strtoul(s, 10) must consume everything and give at most 65535. */
function portNumber(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (!m) return null;
  let v = BigInt(m[2]!);
  if (v > ULONG_MAX) v = ULONG_MAX;
  else if (m[1] === "-") v = (ULONG_MAX + 1n - v) & ULONG_MAX;
  return v <= 65535n ? Number(v) : null;
}

/** parse_port: `N` or `N-M` with N <= M, split at the first `-`. */
export function isValidPort(s: string): boolean {
  const dash = s.indexOf("-");
  if (dash >= 0) {
    const from = portNumber(s.slice(0, dash));
    const to = portNumber(s.slice(dash + 1));
    if (from !== null && to !== null && from <= to) return true;
  }
  return portNumber(s) !== null;
}
