import { describe, expect, it } from "vitest";
import { check } from "../helpers.js";

const profile = (body: string, preamble = "") =>
  `${preamble}profile dbus-daemon /usr/bin/dbus-daemon {\n  ${body}\n}\n`;

/** Errors of the unix check, syntax and variable errors; other checks' findings would blur these cases. */
const unixErrors = (text: string) =>
  check(text)
    .filter((d) => d.severity === "error" && (d.code === "AA2052" || d.code === "AA2040" || d.code.startsWith("AA1")))
    .map((d) => d.message);

const PEER_PERMS =
  "unix socket 'create', 'shutdown', 'setattr', 'getattr', 'bind', 'listen', 'setopt', and/or 'getopt' " +
  "accesses cannot be used with peer socket conditionals";
const UNCLOSED = "Regex grouping error: Unclosed grouping or character class, expecting close }";

describe("unix rules: accepted", () => {
  it.each([
    "unix,",
    "unix (send receive) type=seqpacket,",
    "unix (send, receive) type=stream addr=@/tmp/.X11-unix/X0,",
    "unix (send) addr=@foo,",
    "unix addr=none,",
    "unix addr=auto,",
    "unix getattr addr=auto,",
    "unix bind addr=@,",
    'unix addr="@name with space",',
    "unix addr=@foo\\000bar,",
    "unix type=dccp,",
    "unix type=none,",
    "unix (),",
    "unix (rw),",
    "unix r,",
    "unix accept peer=(addr=@client),",
    "unix (connect, send, receive) peer=(label=unconfined),",
    "unix connect peer=(addr=@srv label=/usr/bin/srv),",
    "unix peer=(label=splat\\,),",
    "unix peer=(label=splat\\)),",
    "unix peer=(),",
    "unix peer=(addr=(@single)),",
    // a regex error in a local address is not compiled when create is the only permission left
    "unix create addr=@a{b,",
    "priority=10 unix send addr=@x,",
    "audit deny unix bind addr=@x,",
  ])("%s", (rule) => {
    expect(unixErrors(profile(rule))).toEqual([]);
  });

  it.each([
    ["unix connect peer=(addr=@{sock}),", "@{sock} = none\n"],
    ["unix bind addr=@{sock},", "@{sock} = auto\n"],
    ['unix bind addr="@{alt1,alt2}-test",', ""],
    ["unix send peer=(label=@{peer}),", "@{peer} = /usr/bin/{a,b}\n"],
  ])("%s with variables", (rule, preamble) => {
    expect(unixErrors(profile(rule, preamble))).toEqual([]);
  });
});

describe("unix rules: rejected", () => {
  it.each([
    // permissions and groups
    ["unix (Send),", "Internal: unexpected net perms character 'S' in input"],
    ["unix (send, eavesdrop),", "Internal: unexpected net perms character 'e' in input"],
    ["unix xattrs=(addr=@a),", "unix rule: invalid conditional group xattrs=()"],
    // conditional names and sides
    ["unix attr=foo,", "unix rule: invalid conditional 'attr'"],
    ["unix peer=(ip=10.0.0.1),", "unix rule: invalid peer conditional 'ip'"],
    ["unix peer=(label={a,b}),", "unix rule: invalid peer conditional 'b}'"],
    ["unix protocol=1,", "unknown rule: 'protocol' conditional is not currently supported"],
    ["unix peer=(protocol=1),", "unknown rule: 'protocol' conditional is not currently supported"],
    ["unix label=foo,", "unknown rule: 'label' conditional is only valid in the peer expression"],
    ["unix bind label=foo addr=@bar,", "unknown rule: 'label' conditional is only valid in the peer expression"],
    ["unix peer=(type=stream),", "unknown rule: 'type' conditional is not allowed in the peer expression"],
    // operators and value counts
    ["unix addr in (@a @b),", "unix rule: keyword 'in' is not allowed in 'addr' socket conditional"],
    ["unix peer=(addr),", "unix rule: keyword 'in' is not allowed in 'addr' socket conditional"],
    ["unix type in (stream dgram),", "unknown rule: keyword 'in' is not allowed in 'type' socket conditional"],
    ["unix peer=(label:=foo),", "unknown rule: keyword 'in' is not allowed in 'label' socket conditional"],
    ["unix addr=(@a @b),", "unix rule: conditional 'addr' only supports a single value"],
    ["unix type=(stream, dgram),", "unknown rule: conditional 'type' only supports a single value"],
    // duplicates
    ["unix addr=@a addr=@b,", 'unix socket conditional "addr" can only be specified once'],
    ["unix peer=(addr=@a addr=@b),", 'unix conditional "addr" can only be specified once'],
    ["unix peer=(label=a label=b),", 'unix conditional "label" can only be specified once'],
    ["unix type=stream type=dgram,", 'socket rule conditional "type" can only be specified once'],
    // values
    ["unix type=Stream,", "socket rule: invalid socket type 'Stream'"],
    ["unix type=invalid,", "socket rule: invalid socket type 'invalid'"],
    ["unix addr=/run/dbus/system_bus_socket,", "unix rule: invalid value for addr='/run/dbus/system_bus_socket'"],
    ['unix addr="",', "unix rule: invalid value for addr=''"],
    ["unix send peer=(addr=alabel=bb),", "unix rule: invalid value for addr='alabel=bb'"],
    ["unix addr=abcd]efg,", "unix rule: invalid value for addr='abcd]efg'"],
    // local-only permissions with peer conditionals
    ["unix bind peer=(addr=@a),", PEER_PERMS],
    ["unix create peer=(label=/usr/sbin/apache2),", PEER_PERMS],
    ["unix (send, listen) peer=(label=foo),", PEER_PERMS],
    ["unix (getattr) peer=(label=unconfined),", PEER_PERMS],
    // regexes, compiled with the profile
    ["unix send addr=@foo{one,two peer=(label=splat),", UNCLOSED],
    ["unix (send) addr=@a{b,", UNCLOSED],
    ["unix (create, bind) addr=@a{b,", UNCLOSED],
    ["unix send peer=(addr=@a{b),", UNCLOSED],
    ["unix send peer=(label=a{b),", UNCLOSED],
    ["unix peer=(label=a}),", "Regex grouping error: Invalid close }, no matching open { detected"],
  ])("%s", (rule, message) => {
    expect(unixErrors(profile(rule))).toEqual([message]);
  });

  it("reports an undefined variable in an address", () => {
    expect(unixErrors(profile("unix connect peer=(addr=@{nope}),"))).toHaveLength(1);
  });
});

describe("unix rules: where upstream checks them", () => {
  it("checks conditionals in an untaken branch, since upstream checks them while parsing", () => {
    const text = "$B = false\nprofile p {\n  if $B {\n    unix type=bogus,\n  }\n}\n";
    expect(unixErrors(text)).toEqual(["socket rule: invalid socket type 'bogus'"]);
  });

  it("does not compile regexes of rules in an untaken branch", () => {
    const text = "$B = false\nprofile p {\n  if $B {\n    unix send addr=@a{b,\n  }\n}\n";
    expect(unixErrors(text)).toEqual([]);
  });

  it("does not compile regexes of rules a qualifier block drops", () => {
    expect(unixErrors(profile("audit {\n    unix send addr=@a{b,\n  }"))).toEqual([]);
  });

  it("reports the last-written conditional first, as upstream walks the list backwards", () => {
    expect(unixErrors(profile("unix type=bogus attr=x,"))).toEqual(["unix rule: invalid conditional 'attr'"]);
  });
});
