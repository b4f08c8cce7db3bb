/**
 * dbus rules: `dbus [ACCESS] [bus=…] [name=…] [path=…] [interface=…] [member=…] [peer=(name=… label=…)],`
 * (the dbus_rule action in parser_yacc.y and parser/dbus.cc).
 *
 * A dbus rule is either a message rule (path, interface, member, or a peer name or label: send and
 * receive) or a service rule (a name of its own: bind), never both; eavesdrop takes only a bus. These
 * checks run while parsing. Expansion of the six values and their compilation into DFA patterns happen
 * only for rules that are compiled.
 */
import type { Condition, DbusRule, Word } from "../ast/nodes.js";
import type { ResolvedRule } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";
import { checkPattern, readAccess, upstreamOrder, valuesRange, type AccessTable } from "./ipc-access.js";

const SEND = 0x2;
const RECEIVE = 0x4;
const BIND = 0x40;
const EAVESDROP = 0x20;

export const DBUS_ACCESS: AccessTable = {
  rule: "dbus",
  label: "DBus",
  words: { send: SEND, write: SEND, receive: RECEIVE, read: RECEIVE, bind: BIND, eavesdrop: EAVESDROP },
  read: RECEIVE,
  write: SEND,
};

/** The conditionals, in the order upstream expands and compiles them; the same names are legal in peer=(). */
const FIELDS = ["bus", "name", "label", "path", "interface", "member"] as const;
type Field = (typeof FIELDS)[number];

/** Each field once, whether written at the top level or inside peer=(); subject or peer for `name`. */
type Fields = Map<Field, { cond: Condition; peer: boolean }>;

export const dbusCheck: Check = {
  code: "AA2053",
  name: "dbus-rule",
  rule(rule, profile, ctx) {
    if (rule.node.type !== "DbusRule") return;
    const fields = checkParsed(rule.node, rule, ctx);
    if (!fields || !rule.live) return;
    const values: Word[] = [];
    for (const f of FIELDS) {
      const w = fields.get(f)?.cond.values[0];
      if (w) values.push(w);
    }
    for (const w of values) if (ctx.expand(w, rule, profile) === null) return;
    for (const w of values) if (!checkPattern(w, rule, profile, ctx)) return;
  },
};

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

/** The parse-time checks; the conditionals by name, or null after the first error. */
function checkParsed(node: DbusRule, rule: ResolvedRule, ctx: CheckContext): Fields | null {
  const access = readAccess(node.access, DBUS_ACCESS);
  if (!access.ok) {
    ctx.report(rule, access.word.range, access.message, { help: access.help });
    return null;
  }
  if (node.peer && node.peer.name !== "peer") {
    ctx.report(rule, node.peer.range, `dbus rule: invalid conditional group ${node.peer.name}=()`, {
      help: "the only conditional group of a dbus rule is peer=(…)",
    });
    return null;
  }

  const fields: Fields = new Map();
  if (!moveConditions(node.conditions, false, fields, rule, ctx)) return null;
  const subjectName = fields.has("name");
  const subjectLabel = fields.get("label");
  if (subjectLabel) {
    ctx.report(rule, subjectLabel.cond.range,
      `dbus "label" conditional can only be used inside of the "peer=()" grouping`,
      { help: "write peer=(label=…)" });
    return null;
  }
  if (node.peer && !moveConditions(node.peer.conditions, true, fields, rule, ctx)) return null;

  const messageConds = (["path", "interface", "member", "label"] as const).filter((f) => fields.has(f));
  const message = messageConds.length > 0 || (fields.has("name") && !subjectName);
  const service = fields.has("name") && subjectName;
  if (message && service) {
    const first = fields.get(messageConds[0] ?? "name")!;
    ctx.report(rule, first.cond.range, "dbus rule contains message conditionals and service conditionals", {
      help: "a rule with its own name= is a service (bind) rule; path, interface, member and peer=() " +
        "belong in a separate message (send/receive) rule",
    });
    return null;
  }

  const perms = access.perms;
  if (perms === 0) return fields;
  const wordFor = (bits: number) => node.access!.words.find((w) => bitsOf(w.value, w.kind) & bits)?.range ??
    node.access!.range;
  if (message && perms & BIND) {
    ctx.report(rule, wordFor(BIND), `dbus "bind" access cannot be used with message rule conditionals`, {
      help: "bind takes only bus= and name=",
    });
    return null;
  }
  if (service && perms & (SEND | RECEIVE)) {
    ctx.report(rule, wordFor(SEND | RECEIVE),
      `dbus "send" and/or "receive" accesses cannot be used with service rule conditionals`,
      { help: "to talk to a service, put its name in peer=(name=…)" });
    return null;
  }
  if (perms & EAVESDROP && (["path", "interface", "member", "label", "name"] as const).some((f) => fields.has(f))) {
    ctx.report(rule, wordFor(EAVESDROP), `dbus "eavesdrop" access can only contain a bus conditional`);
    return null;
  }
  return fields;
}

function bitsOf(value: string, kind: string): number {
  if (kind !== "mode" && Object.hasOwn(DBUS_ACCESS.words, value)) return DBUS_ACCESS.words[value]!;
  let bits = 0;
  for (const c of value.toLowerCase()) bits |= c === "r" ? RECEIVE : c === "w" ? SEND : 0;
  return bits;
}

/** dbus_rule::move_conditionals, for the subject list or the peer list. */
function moveConditions(
  conds: readonly Condition[], peer: boolean, fields: Fields, rule: ResolvedRule, ctx: CheckContext,
): boolean {
  for (const cond of upstreamOrder(conds)) {
    const name = cond.name.value;
    if (cond.operator !== "=") {
      ctx.report(rule, cond.range, `keyword "in" is not allowed in dbus rules`, {
        help: cond.operator === null ? `give ${name} a value: ${name}=…` : `write ${name}=… with a single value`,
      });
      return false;
    }
    if (cond.values.length > 1) {
      ctx.report(rule, valuesRange(cond), `dbus conditional "${name}" only supports a single value`);
      return false;
    }
    if (!isField(name)) {
      ctx.report(rule, cond.name.range, `invalid dbus conditional "${name}"`, {
        help: `dbus conditionals are ${FIELDS.join(", ")}`,
      });
      return false;
    }
    if (fields.has(name)) {
      ctx.report(rule, cond.range, `dbus conditional "${name}" can only be specified once`);
      return false;
    }
    fields.set(name, { cond, peer });
  }
  return true;
}
