/**
 * network rules, as apparmor_parser checks them (parser_yacc.y and parser/network.cc).
 *
 * Every network check happens while upstream parses: the permission words as the grammar reduces them,
 * then the network_rule constructor. So they run on every rule, including rules in untaken `if` branches
 * and rules a qualifier block drops. Upstream never expands variables in network rules and generates no
 * code it could fail on, so there is no compile-time part. Each yyerror ends upstream's run, so a rule
 * gets at most one report. The priority and owner prefixes are the prefix check's business.
 */
import type { NetworkRule, Range } from "../ast/nodes.js";
import type { ResolvedRule } from "../resolve/model.js";
import { aareError } from "../aare/validate.js";
import type { Check, CheckContext } from "./context.js";
import {
  PEER_NET_PERMS, condEntries, isValidIp, isValidPort, localOnlyPermNames, networkEntryProblem, parseNetPerms,
  type CondEntry,
} from "./network-values.js";

export const networkCheck: Check = {
  code: "AA2051",
  name: "network-rule",
  rule(rule, _profile, ctx) {
    if (rule.node.type === "NetworkRule") checkNetworkRule(rule, rule.node, ctx);
  },
};

/** One side of the rule (ip_conds upstream): which conditionals it holds. */
interface Side {
  ip: boolean;
  port: boolean;
  iface: CondEntry | null;
  label: boolean;
}

type Report = (range: Range, message: string, help?: string) => void;

function checkNetworkRule(rule: ResolvedRule, node: NetworkRule, ctx: CheckContext): void {
  const report: Report = (range, message, help) => ctx.report(rule, range, message, help ? { help } : {});

  const perms = parseNetPerms(node.access);
  if (!perms.ok) {
    report(perms.problem.word.range, perms.problem.message,
      "network permissions are create, bind, listen, accept, connect, shutdown, getattr, setattr, getopt, " +
      "setopt, send, receive (or r, w, rw)");
    return;
  }

  if (node.peer && node.peer.name !== "peer") {
    report(node.peer.range, `network rule: invalid conditional group ${node.peer.name}=()`,
      "network rules only take a `peer=(…)` group");
    return;
  }

  const local = moveConditionals(condEntries(node.conditions), report);
  if (!local) return;
  const peer = moveConditionals(condEntries(node.peer?.conditions ?? []), report);
  if (!peer) return;
  if (peer.iface) {
    report(peer.iface.node.range, "interface cannot be set for peer in network rules",
      "write `interface=` outside `peer=(…)`: it names the local interface");
    return;
  }

  const hasLocal = local.ip || local.port || local.iface !== null || local.label;
  // A peer label is stored but, unlike ip and port, does not make the rule a peer rule upstream.
  const hasPeer = peer.ip || peer.port;

  if (node.domain) {
    const problem = networkEntryProblem(node.domain.value, node.kind?.value ?? null, hasLocal || hasPeer);
    if (problem === "family-conds") {
      report(node.domain.range, "network family does not support local or peer conditionals",
        "only the inet and inet6 families take ip, port, interface and label conditionals");
      return;
    }
    if (problem === "invalid") {
      const range = node.kind ? { start: node.domain.range.start, end: node.kind.range.end } : node.domain.range;
      report(range, "Invalid network entry.",
        "write a family (inet, inet6, unix, netlink, …), optionally followed by a socket type " +
        "(stream, dgram, seqpacket, rdm, raw, packet) or, for inet/inet6, a protocol (tcp, udp, icmp)");
      return;
    }
  }

  if (perms.perms !== 0 && perms.perms & ~PEER_NET_PERMS && hasPeer && node.access) {
    report(node.access.range,
      "network 'create', 'shutdown', 'setattr', 'getattr', 'bind', 'listen', 'setopt', and/or 'getopt' " +
      "accesses cannot be used with peer socket conditionals",
      `split the rule: ${localOnlyPermNames(perms.perms).join(", ")} in a rule without peer=(…)`);
  }
}

/** network_rule::move_conditionals for one side; null once it has reported. */
function moveConditionals(entries: CondEntry[], report: Report): Side | null {
  const side: Side = { ip: false, port: false, iface: null, label: false };
  const once = (entry: CondEntry, taken: boolean): boolean => {
    if (taken) report(entry.nameRange, `network conditional "${entry.name}" can only be specified once`);
    return !taken;
  };
  for (const entry of entries) {
    const value = entry.values[0]?.value;
    if (entry.name === "label") {
      if (!once(entry, side.label)) return null;
      side.label = true;
      if (entry.comp !== "eq" && entry.comp !== "set") {
        report(entry.node.range, "unsupported operator in label conditional of network rules",
          "write `label=VALUE`");
        return null;
      }
      continue;
    }
    if (entry.comp !== "eq" || value === undefined) {
      report(entry.node.range, "unsupported operator used in conditions of network rules",
        "network conditionals are written `name=value`");
      return null;
    }
    switch (entry.name) {
      case "ip":
        if (!once(entry, side.ip)) return null;
        side.ip = true;
        if (!isValidIp(value)) {
          report(entry.values[0]!.range, `network invalid ip='${value}'`,
            "write one IPv4 or IPv6 address, or `none`; prefixes and ranges are not supported");
          return null;
        }
        break;
      case "port":
        if (!once(entry, side.port)) return null;
        side.port = true;
        if (!isValidPort(value)) {
          report(entry.values[0]!.range, `network invalid port='${value}'`,
            "write a port number (0-65535) or a range such as 8000-8080");
          return null;
        }
        break;
      case "interface": {
        if (!once(entry, side.iface !== null)) return null;
        side.iface = entry;
        const err = aareError(value);
        if (err !== null) {
          report(entry.values[0]!.range, `network invalid interface='${value}'`, err);
          return null;
        }
        break;
      }
      default:
        report(entry.nameRange, `invalid network rule conditional "${entry.name}"`,
          "network rules take ip=, port=, interface= and label= conditionals");
        return null;
    }
  }
  return side;
}
