/**
 * unix rules, as apparmor_parser checks them (parser_yacc.y, parser/af_rule.cc and parser/af_unix.cc).
 *
 * The permission words and the conditionals are checked while upstream parses, so those checks run on
 * every rule, including rules in untaken `if` branches and rules a qualifier block drops. Variable
 * expansion and the conversion of addresses and labels to regexes happen when the profile is compiled, so
 * they only run on live rules. Each yyerror ends upstream's run, so a rule gets at most one report. The
 * owner prefix is the prefix check's business.
 */
import type { UnixRule, Word } from "../ast/nodes.js";
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { aareError } from "../aare/validate.js";
import type { Check, CheckContext } from "./context.js";
import {
  ALL_NET_PERMS, LOCAL_NET_PERMS, NetPerm, PEER_NET_PERMS, SOCKET_TYPE_NAMES, condEntries, localOnlyPermNames,
  parseNetPerms, valuesRange, type CondEntry,
} from "./network-values.js";

export const unixCheck: Check = {
  code: "AA2052",
  name: "unix-rule",
  rule(rule, profile, ctx) {
    if (rule.node.type === "UnixRule") checkUnixRule(rule, rule.node, profile, ctx);
  },
};

type CondSide = "either" | "local" | "peer";

interface CondSpec {
  /** The rule name upstream puts in the message: its generic socket table says "unknown". */
  rname: "unix" | "unknown";
  supported: boolean;
  side: CondSide;
}

/** af_unix.cc's table first, then af_rule.cc's; none of them takes `in` or several values. */
const UNIX_CONDITIONS: ReadonlyMap<string, CondSpec> = new Map([
  ["addr", { rname: "unix", supported: true, side: "either" }],
  ["type", { rname: "unknown", supported: true, side: "local" }],
  ["protocol", { rname: "unknown", supported: false, side: "local" }],
  ["label", { rname: "unknown", supported: true, side: "peer" }],
]);

/** The fields a unix rule stores, with the words they came from. */
interface UnixFields {
  addr: Word | null;
  type: Word | null;
  peerAddr: Word | null;
  peerLabel: Word | null;
}

function checkUnixRule(rule: ResolvedRule, node: UnixRule, profile: ResolvedProfile, ctx: CheckContext): void {
  const perms = parseNetPerms(node.access);
  if (!perms.ok) {
    ctx.report(rule, perms.problem.word.range, perms.problem.message, {
      help: "unix permissions are create, bind, listen, accept, connect, shutdown, getattr, setattr, getopt, " +
        "setopt, send, receive (or r, w, rw)",
    });
    return;
  }

  if (node.peer && node.peer.name !== "peer") {
    ctx.report(rule, node.peer.range, `unix rule: invalid conditional group ${node.peer.name}=()`, {
      help: "unix rules only take a `peer=(…)` group",
    });
    return;
  }

  const fields: UnixFields = { addr: null, type: null, peerAddr: null, peerLabel: null };
  if (!moveConditionals(rule, condEntries(node.conditions), false, fields, ctx)) return;
  if (!moveConditionals(rule, condEntries(node.peer?.conditions ?? []), true, fields, ctx)) return;

  const hasPeer = fields.peerAddr !== null || fields.peerLabel !== null;
  if (perms.perms !== 0 && perms.perms & ~PEER_NET_PERMS && hasPeer && node.access) {
    ctx.report(rule, node.access.range,
      "unix socket 'create', 'shutdown', 'setattr', 'getattr', 'bind', 'listen', 'setopt', and/or 'getopt' " +
      "accesses cannot be used with peer socket conditionals",
      { help: `split the rule: ${localOnlyPermNames(perms.perms).join(", ")} in a rule without peer=(…)` });
    return;
  }

  if (!rule.live) return;
  compileChecks(rule, profile, fields, perms.perms || ALL_NET_PERMS, hasPeer, ctx);
}

/** unix_rule::move_conditionals / move_peer_conditionals; false once it has reported. */
function moveConditionals(
  rule: ResolvedRule, entries: CondEntry[], peer: boolean, fields: UnixFields, ctx: CheckContext,
): boolean {
  const fail = (range: CondEntry["nameRange"], message: string, help?: string): false => {
    ctx.report(rule, range, message, help ? { help } : {});
    return false;
  };
  for (const entry of entries) {
    const spec = UNIX_CONDITIONS.get(entry.name);
    if (!spec) {
      return fail(entry.nameRange,
        peer ? `unix rule: invalid peer conditional '${entry.name}'` : `unix rule: invalid conditional '${entry.name}'`,
        peer ? "inside peer=(…) unix rules take addr= and label=" : "unix rules take addr= and type= (and peer=(…))");
    }
    const { rname } = spec;
    if (!spec.supported) {
      return fail(entry.nameRange, `${rname} rule: '${entry.name}' conditional is not currently supported`);
    }
    if (!peer && spec.side === "peer") {
      return fail(entry.nameRange, `${rname} rule: '${entry.name}' conditional is only valid in the peer expression`,
        `write peer=(${entry.name}=…)`);
    }
    if (peer && spec.side === "local") {
      return fail(entry.nameRange, `${rname} rule: '${entry.name}' conditional is not allowed in the peer expression`,
        `write ${entry.name}=… outside peer=(…)`);
    }
    if (entry.comp !== "eq") {
      return fail(entry.node.range, `${rname} rule: keyword 'in' is not allowed in '${entry.name}' socket conditional`,
        `write ${entry.name}=VALUE`);
    }
    if (entry.values.length > 1) {
      return fail(valuesRange(entry), `${rname} rule: conditional '${entry.name}' only supports a single value`);
    }
    const word = entry.values[0]!;
    switch (entry.name) {
      case "addr": {
        const slot = peer ? "peerAddr" : "addr";
        if (fields[slot]) {
          return fail(entry.nameRange,
            `${peer ? "unix" : "unix socket"} conditional "addr" can only be specified once`);
        }
        fields[slot] = word;
        const v = word.value;
        if (!v.startsWith("@") && v !== "none" && v !== "auto") {
          return fail(word.range, `unix rule: invalid value for addr='${v}'`,
            "write an abstract address starting with '@', or none or auto; paths are mediated by file rules");
        }
        break;
      }
      case "type":
        if (fields.type) return fail(entry.nameRange, 'socket rule conditional "type" can only be specified once');
        fields.type = word;
        if (!SOCKET_TYPE_NAMES.has(word.value)) {
          return fail(word.range, `socket rule: invalid socket type '${word.value}'`,
            "socket types are stream, dgram, seqpacket, rdm, raw, packet, dccp and none");
        }
        break;
      case "label":
        if (fields.peerLabel) return fail(entry.nameRange, 'unix conditional "label" can only be specified once');
        fields.peerLabel = word;
        break;
    }
  }
  return true;
}

/**
 * unix_rule::expand_variables, then gen_policy_re: the addresses (without their leading '@') and the peer
 * label become regexes, but only for the parts of the rule that some permission still needs.
 */
function compileChecks(
  rule: ResolvedRule, profile: ResolvedProfile, fields: UnixFields, perms: number, hasPeer: boolean,
  ctx: CheckContext,
): void {
  const expand = (w: Word | null): string | null | undefined => (w ? ctx.expand(w, rule, profile) : undefined);
  const peerLabel = expand(fields.peerLabel);
  if (peerLabel === null) return;
  const addr = expand(fields.addr);
  if (addr === null) return;
  const peerAddr = expand(fields.peerAddr);
  if (peerAddr === null) return;

  const badAddr = (word: Word | null, value: string | undefined, what: string): boolean => {
    if (!word || value === undefined || value === "none" || value === "auto" || value === "") return false;
    const err = aareError(value.slice(1));
    if (err === null) return false;
    ctx.report(rule, word.range, err, { help: `in the ${what} address '${value}' of this unix rule` });
    return true;
  };

  let mask = perms;
  if (mask & NetPerm.create && !hasPeer) mask &= ~NetPerm.create;
  if (mask & NetPerm.bind && addr === "auto") mask &= ~NetPerm.bind;
  if (mask) {
    if (badAddr(fields.addr, addr, "local")) return;
    mask &= ~LOCAL_NET_PERMS | NetPerm.accept;
  }
  if (mask & PEER_NET_PERMS) {
    if (badAddr(fields.peerAddr, peerAddr, "peer")) return;
    if (fields.peerLabel && peerLabel !== undefined) {
      const err = aareError(peerLabel);
      if (err !== null) {
        ctx.report(rule, fields.peerLabel.range, err, { help: `in the peer label '${peerLabel}' of this unix rule` });
      }
    }
  }
}
