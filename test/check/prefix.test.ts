import { describe, expect, it } from "vitest";
import { check } from "../helpers.js";

/** Error messages from the rule-prefix check. */
function mine(text: string): string[] {
  return check(text).filter((d) => d.severity === "error" && d.code === "AA2001").map((d) => d.message);
}

const profile = (body: string) => `profile p {\n${body}\n}\n`;

describe("prefixes per rule kind", () => {
  it.each([
    ["owner /tmp/** rw,"],
    ["user /tmp/** rw,"],
    ["allow other /tmp/** rw,"],
    ["audit allow other /tmp/** rw,"],
    ["priority=-1 deny other /tmp/** w,"],
    ["priority=+5 /tmp/a r,"],
    ["priority=1000 audit deny owner /tmp/a w,"],
    ["priority=-1000 link /a -> /b,"],
    ["priority=3 owner l /a -> /b,"],
    ["priority=3 file unsafe px /foo,"],
    ["owner rw /foo,"],
    ["owner file,"],
    ["priority=5 capability chown,"],
    ["prompt capability chown,"],
    ["priority=5 change_profile -> foo,"],
    ["priority=0 network,"],
    ["priority=-0 all,"],
    ["audit deny all,"],
    ["audit allow all,"],
    ["priority=2 unix,"],
    ["priority=2 dbus,"],
    ["priority=2 signal,"],
    ["priority=2 ptrace,"],
    ["priority=2 mount,"],
    ["priority=2 userns,"],
    ["priority=2 mqueue,"],
    ["priority=2 io_uring,"],
    ["deny network inet,"],
  ])("accepts %j", (rule) => {
    expect(mine(profile(`  ${rule}`))).toEqual([]);
  });

  it.each([
    ["owner capability chown,", "owner conditional not allowed on capability rules"],
    ["audit deny owner change_profile -> foo,", "owner conditional not allowed on change_profile rules"],
    ["owner network inet,", "owner prefix not allowed on network rules"],
    ["priority=1 network,", "priority prefix not allowed on network rules"],
    ["priority=1 owner network,", "priority prefix not allowed on network rules"],
    ["other unix,", "owner prefix not allowed on unix rules"],
    ["owner dbus,", "owner prefix not allowed on dbus rules"],
    ["owner signal,", "owner prefix not allowed on signal rules"],
    ["owner ptrace r,", "owner prefix not allowed on ptrace rules"],
    ["owner mount,", "owner prefix not allowed on mount rules"],
    ["owner umount,", "owner prefix not allowed on mount rules"],
    ["owner pivot_root,", "owner prefix not allowed on mount rules"],
    ["owner userns,", "owner prefix not allowed on userns rules"],
    ["owner mqueue,", "owner prefix not allowed on mqueue rules"],
    ["owner io_uring,", "owner prefix not allowed on io_uring rules"],
    ["owner all,", "owner prefix not allowed on all rules"],
    ["priority=7 all,", "priority prefix not allowed on all rules"],
    ["priority=1001 /a r,", "invalid priority 1001 > 1000"],
    ["priority=-1001 /a r,", "invalid priority -1001 > -1000"],
    ["priority=99999999999999999999 /a r,", "invalid priority 9223372036854775807 > 1000"],
  ])("rejects %j", (rule, message) => {
    expect(mine(profile(`  ${rule}`))).toEqual([message]);
  });

  it("checks rules in untaken branches too", () => {
    expect(mine(profile("  if false {\n    owner capability chown,\n  }"))).toEqual([
      "owner conditional not allowed on capability rules",
    ]);
  });

  it("points at the offending keyword", () => {
    const d = check(profile("  audit owner network,")).find((x) => x.code === "AA2001")!;
    expect(d.range.start).toMatchObject({ line: 2, column: 9 });
  });
});

describe("qualifier blocks", () => {
  it.each([
    ["owner {\n  }"],
    ["audit {\n  }"],
    ["{\n    /a r,\n  }"],
    ["owner {\n    rw /foo,\n    /bar r,\n  }"],
    ["deny owner {\n    /a w,\n    deny /b w,\n  }"],
    ["deny {\n    deny {\n      /a w,\n    }\n  }"],
    ["owner {\n    other /x r,\n  }"],
    ["priority=0 audit {\n    /a r,\n  }"],
    ["{\n    priority=5 /a r,\n  }"],
    ["owner {\n    network,\n    capability chown,\n  }"],
    ["priority=0 {\n  }"],
    ["audit {\n    /a ix,\n    /b px,\n  }"],
    ["owner {\n    change_profile -> b,\n  }"],
    ["{\n    change_profile unsafe /a -> b,\n  }"],
    ["deny {\n    change_profile /a -> b,\n  }"],
    ["deny {\n    allow change_profile /a -> b,\n  }"],
    ["owner {\n    deny other /x x,\n  }"],
  ])("accepts %j", (block) => {
    expect(mine(profile(`  ${block}`))).toEqual([]);
  });

  it.each([
    ["priority=1 owner {\n    /a r,\n  }", "priority is not allowed on rule blocks"],
    ["priority=1 {\n  }", "priority is not allowed on rule blocks"],
    ["priority=2000 {\n  }", "invalid priority 2000 > 1000"],
    ["deny {\n    allow /x r,\n  }", "conflicting mode prefix"],
    ["allow {\n    deny /x r,\n  }", "conflicting mode prefix"],
    ["prompt {\n    deny /x r,\n  }", "conflicting mode prefix"],
    ["deny {\n    allow {\n      /x r,\n    }\n  }", "conflicting mode prefix"],
    ["allow {\n    deny change_profile -> b,\n  }", "conflicting mode prefix"],
    ["deny {\n    /x ix,\n  }", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["deny {\n    file,\n  }", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["deny {\n    unsafe /x x,\n  }", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["{\n    change_profile /a -> b,\n  }", "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["audit {\n    change_profile safe /a -> b,\n  }", "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["deny {\n    change_profile unsafe /a -> b,\n  }", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
  ])("rejects %j", (block, message) => {
    expect(mine(profile(`  ${block}`))).toEqual([message]);
  });

  it("leaves the rule's own exec-qualifier check to the file-rule checks", () => {
    // `deny /x ix,` fails on its own prefix already; the block pass adds nothing.
    expect(mine(profile("  audit {\n    deny /x ix,\n  }"))).toEqual([]);
  });

  it("applies the block prefix to rules of a taken branch inside it", () => {
    expect(mine(profile("  deny {\n    if true {\n      allow /x r,\n    }\n  }"))).toEqual(["conflicting mode prefix"]);
  });

  it("does not apply the block prefix to rules of an untaken branch inside it", () => {
    expect(mine(profile("  deny {\n    if false {\n      allow /x r,\n    }\n  }"))).toEqual([]);
  });

  it("checks blocks inside an untaken branch at parse time", () => {
    expect(mine(profile("  if false {\n    deny {\n      allow /x r,\n    }\n    priority=1 {\n    }\n  }")).sort()).toEqual([
      "conflicting mode prefix",
      "priority is not allowed on rule blocks",
    ].sort());
  });

  it("does not apply a block prefix to rules the block drops", () => {
    expect(mine(profile("  deny {\n    allow network,\n    allow capability chown,\n  }"))).toEqual([]);
  });
});
