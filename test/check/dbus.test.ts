import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("dbus rules", () => {
  it.each([
    "dbus,",
    "dbus send bus=session path=/org/freedesktop/DBus interface=org.freedesktop.DBus member=Hello,",
    "dbus (send receive) bus=system peer=(name=org.freedesktop.NetworkManager label=unconfined),",
    "dbus bind bus=session name=org.example.App,",
    "deny dbus name=(org.example.App),",
    "dbus eavesdrop bus=session,",
    "dbus (r, w,,, rwR) bus=session path=/x,",
    "dbus (),",
    "dbus r bus=session,",
    "dbus receive peer=(bus=system path=/org/x),",
    "dbus send peer=(name=org.example.Svc),",
    'dbus send path ="/foo/bar" interface = com.foo peer =(   label= /usr/bin/app name  ="com.foo"),',
    "dbus send path=relative/path,",
    "dbus send bus=session peer=(label=splat\\ ),",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["dbus bind bus=session member=Hello,", 'dbus "bind" access cannot be used with message rule conditionals'],
    ["dbus bind peer=(name=org.example.Svc),", 'dbus "bind" access cannot be used with message rule conditionals'],
    ["dbus send name=org.example.Svc,",
      'dbus "send" and/or "receive" accesses cannot be used with service rule conditionals'],
    ["dbus (rw) name=org.example.Svc,",
      'dbus "send" and/or "receive" accesses cannot be used with service rule conditionals'],
    ["dbus eavesdrop interface=org.example.Iface,", 'dbus "eavesdrop" access can only contain a bus conditional'],
    ["dbus eavesdrop name=org.example.Svc,", 'dbus "eavesdrop" access can only contain a bus conditional'],
    ["dbus bind name=a path=/x,", "dbus rule contains message conditionals and service conditionals"],
    ["dbus name=a peer=(label=x),", "dbus rule contains message conditionals and service conditionals"],
    ["dbus modifier=foo,", 'invalid dbus conditional "modifier"'],
    ["dbus bus=session bus=system,", 'dbus conditional "bus" can only be specified once'],
    ["dbus name=a peer=(name=b),", 'dbus conditional "name" can only be specified once'],
    ["dbus path=/a peer=(path=/b),", 'dbus conditional "path" can only be specified once'],
    ["dbus bus=(session system),", 'dbus conditional "bus" only supports a single value'],
    ["dbus bus in (session system),", 'keyword "in" is not allowed in dbus rules'],
    ["dbus send peer=(name),", 'keyword "in" is not allowed in dbus rules'],
    ["dbus send label=foo,", 'dbus "label" conditional can only be used inside of the "peer=()" grouping'],
    ["dbus send xattrs=(label=foo),", "dbus rule: invalid conditional group xattrs=()"],
    ["dbus (send trace),", "Internal: unexpected DBus perms character 't' in input"],
    ["dbus send path=/some/{path,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("reports the error of the last-written conditional first, as upstream reads them in reverse", () => {
    expect(errors(profile("dbus modifier=x bus=(a b),"))).toEqual([
      'dbus conditional "bus" only supports a single value',
    ]);
  });

  it("checks conditionals while parsing, so also in untaken branches and blocks", () => {
    expect(errors(profile("if false { dbus bind path=/x, }"))).toEqual([
      'dbus "bind" access cannot be used with message rule conditionals',
    ]);
    expect(errors(profile("audit { dbus bus=a bus=b, }"))).toEqual([
      'dbus conditional "bus" can only be specified once',
    ]);
  });

  it("expands and compiles values only for compiled rules", () => {
    expect(errors(profile("dbus send member=@{MISSING},"))).toEqual(["Failed to find declaration for: @{MISSING}"]);
    expect(errors(profile("if false { dbus send member=@{MISSING}, }"))).toEqual([]);
    expect(errors(profile("audit { dbus send path={/x, }"))).toEqual([]);
    expect(errors("@{DOMAINS}=a b\n" + profile("dbus send path={/com/@{DOMAINS},/org},"))).toEqual([]);
  });
});
