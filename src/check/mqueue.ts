/**
 * mqueue rules: `mqueue [ACCESS] [type=posix|sysv] [label=…] [NAME],` (parser/mqueue.cc).
 *
 * A POSIX queue is named by a path (`/name`), a System V queue by a number; the name, written raw,
 * implies the type when none is given. These checks run while parsing; the name and label are expanded
 * for compiled rules. (Upstream compiles mqueue patterns only when the kernel mediates message queues.)
 */
import type { MqueueRule } from "../ast/nodes.js";
import type { ResolvedRule } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";
import { firstValue, readAccess, upstreamOrder, type AccessTable } from "./ipc-access.js";

const WRITE = 0x2;
const READ = 0x4;
const CREATE = 0x10;
const DELETE = 0x10000;
const OPEN = 0x20000;
const SETATTR = 0x100;
const GETATTR = 0x200;

export const MQUEUE_ACCESS: AccessTable = {
  rule: "mqueue",
  label: "mqueue",
  words: {
    create: CREATE, open: OPEN, delete: DELETE, getattr: GETATTR, setattr: SETATTR, read: READ, write: WRITE,
  },
  read: READ,
  write: WRITE,
};

type QueueType = "posix" | "sysv";
const QUEUE_TYPES: readonly QueueType[] = ["posix", "sysv"];

export const mqueueCheck: Check = {
  code: "AA2058",
  name: "mqueue-rule",
  rule(rule, profile, ctx) {
    if (rule.node.type !== "MqueueRule") return;
    const node = rule.node;
    if (!checkParsed(node, rule, ctx) || !rule.live) return;
    if (node.name && ctx.expand(node.name, rule, profile) === null) return;
    const label = node.conditions.find((c) => c.name.value === "label" && c.values.length > 0);
    if (label) ctx.expand(label.values[0]!, rule, profile);
  },
};

function checkParsed(node: MqueueRule, rule: ResolvedRule, ctx: CheckContext): boolean {
  const access = readAccess(node.access, MQUEUE_ACCESS);
  if (!access.ok) {
    ctx.report(rule, access.word.range, access.message, { help: access.help });
    return false;
  }

  // type= may be repeated; in upstream order the first-written one is applied last and wins.
  let type: QueueType | null = null;
  let labelSeen = false;
  for (const cond of upstreamOrder(node.conditions)) {
    const name = cond.name.value;
    if (cond.operator !== "=") {
      ctx.report(rule, cond.range, `keyword "in" is not allowed in mqueue rules`, {
        help: `write ${name}=… instead of ${name} in (…)`,
      });
      return false;
    }
    if (name === "label") {
      if (labelSeen) {
        ctx.report(rule, cond.range, `mqueue conditional "label" can only be specified once`);
        return false;
      }
      labelSeen = true;
    } else if (name === "type") {
      const value = firstValue(cond) ?? "";
      if (!(QUEUE_TYPES as readonly string[]).includes(value)) {
        ctx.report(rule, cond.values[0]?.range ?? cond.range, `mqueue invalid type='${value}'`, {
          help: "type is posix or sysv",
        });
        return false;
      }
      type = value as QueueType;
    } else {
      ctx.report(rule, cond.name.range, `invalid mqueue rule conditional "${name}"`, {
        help: "mqueue rules take type= and label=",
      });
      return false;
    }
  }

  const qname = node.name;
  if (!qname) return true;
  const value = qname.value;
  if (value.startsWith("/")) {
    if (type === "sysv") {
      ctx.report(rule, qname.range,
        `mqueue type=sysv invalid name '${value}', sysv message queues must be identified by a positive integer.`);
      return false;
    }
  } else if (/^[0-9]+$/.test(value)) {
    if (type === "posix") {
      ctx.report(rule, qname.range,
        `mqueue type=posix invalid name '${value}', posix message queues names must begin with a /`);
      return false;
    }
  } else {
    ctx.report(rule, qname.range,
      `mqueue invalid name '${value}', message queue names must begin with a / or be a positive integer.`,
      value.includes("@") ? { help: "the queue name is checked before variables are expanded" } : undefined);
    return false;
  }
  return true;
}
