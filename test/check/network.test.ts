import { describe, expect, it } from "vitest";
import { check } from "../helpers.js";

const profile = (body: string) => `profile netclient /usr/bin/netclient {\n  ${body}\n}\n`;

/** Errors of the network check plus syntax errors, so other checks' findings do not blur these cases. */
const networkErrors = (text: string) =>
  check(text)
    .filter((d) => d.severity === "error" && (d.code === "AA2051" || d.code.startsWith("AA1")))
    .map((d) => d.message);

const PEER_PERMS =
  "network 'create', 'shutdown', 'setattr', 'getattr', 'bind', 'listen', 'setopt', and/or 'getopt' accesses " +
  "cannot be used with peer socket conditionals";
const FAMILY_CONDS = "network family does not support local or peer conditionals";
const INVALID_ENTRY = "Invalid network entry.";

describe("network rules: accepted", () => {
  it.each([
    "network,",
    "network inet,",
    "network inet6 stream,",
    "network unspec stream,",
    "network netlink raw,",
    "network packet,",
    "network unix dgram,",
    "network mctp seqpacket,",
    "network inet tcp,",
    "network inet6 udp,",
    "network inet icmp,",
    "network stream,",
    "network tcp,",
    "network icmp,",
    'network "inet" "stream",',
    "network send,",
    "network r,",
    "network rw,",
    "network (send receive),",
    "network (bind,connect,create,receive,send,setopt) inet dgram,",
    "network (rrw RW),",
    'network (""),',
    "network (),",
    "network ip=10.0.0.1,",
    "network ip=0.0.0.0 port=0,",
    "network ip=255.255.255.255 port=65535,",
    "network ip=::1,",
    "network ip=::,",
    "network ip=fe80::1:2,",
    "network ip=::ffff:192.168.1.10,",
    "network ip=0000:0000:0000:0000:0000:0000:0000:0001 port=0,",
    "network ip=none,",
    "network inet ip=::1,",
    "network inet6 ip=10.0.0.1,",
    "network inet tcp ip=fe80::abcd port=443,",
    "network stream ip=10.0.0.1,",
    "network raw ip=10.0.0.1,",
    "network icmp ip=10.0.0.1,",
    "network ip=(127.0.0.1 junk),",
    "network port=22-443,",
    "network port = 22-443 ,",
    "network port=080,",
    "network port=+80,",
    "network port=-0,",
    "network port=5-5,",
    "network port=0-65535,",
    "network peer=( port = 22-443 ),",
    "network peer=(ip=10.0.0.2),",
    "network accept peer=(ip=10.0.0.2 port=80),",
    "network (connect, send, receive) peer=(ip=10.0.0.2),",
    "network w peer=(port=53),",
    "network create ip=127.0.0.1,",
    "network getattr ip=::1,",
    "network shutdown port=22,",
    "network label=foo,",
    "network label=foo{,",
    "network label=@{undefined},",
    "network receive peer=(label=foo),",
    "network send peer=(label:=@{profile_name}),",
    "network create peer=(label=x),",
    "network unix peer=(label=x),",
    "network receive interface=eth0,",
    'network interface="wl*",',
    "network inet interface=lo ip=127.0.0.1 port=80,",
    "network stream interface=eth{0,1},",
    "audit deny network inet raw,",
    "priority=0 network,",
  ])("%s", (rule) => {
    expect(networkErrors(profile(rule))).toEqual([]);
  });
});

describe("network rules: rejected", () => {
  it.each([
    // permissions
    ["network (Send),", "Internal: unexpected net perms character 'S' in input"],
    ["network (send, rwx),", "Internal: unexpected net perms character 'x' in input"],
    // conditional groups and operators
    ["network xattrs=(ip=10.0.0.1),", "network rule: invalid conditional group xattrs=()"],
    ["network ip in (10.0.0.1),", "unsupported operator used in conditions of network rules"],
    ["network peer=(port),", "unsupported operator used in conditions of network rules"],
    ["network peer=(foo),", "unsupported operator used in conditions of network rules"],
    ["network label in (a b),", "unsupported operator in label conditional of network rules"],
    ["network peer=(ip:=10.0.0.1),", "unsupported operator used in conditions of network rules"],
    // names
    ["network type=stream,", 'invalid network rule conditional "type"'],
    ["network peer=(addr=@foo),", 'invalid network rule conditional "addr"'],
    ["network type=stream modifier=foo,", 'invalid network rule conditional "modifier"'],
    // duplicates
    ["network ip=10.0.0.1 ip=10.0.0.2,", 'network conditional "ip" can only be specified once'],
    ["network peer=(port=1 port=2),", 'network conditional "port" can only be specified once'],
    ["network label=a label=b,", 'network conditional "label" can only be specified once'],
    ["network interface=lo interface=eth0,", 'network conditional "interface" can only be specified once'],
    // ip
    ["network ip=10,", "network invalid ip='10'"],
    ["network ip=010.0.0.1,", "network invalid ip='010.0.0.1'"],
    ["network ip=10.0.0.256,", "network invalid ip='10.0.0.256'"],
    ["network ip=10.0.0.0/8,", "network invalid ip='10.0.0.0/8'"],
    ["network ip=10.0.0.1-10.0.0.9,", "network invalid ip='10.0.0.1-10.0.0.9'"],
    ["network ip=[::1],", "network invalid ip='[::1]'"],
    ["network ip=1:2:3:4:5:6:7::8,", "network invalid ip='1:2:3:4:5:6:7::8'"],
    ["network ip=1::2::3,", "network invalid ip='1::2::3'"],
    ["network ip=:1::,", "network invalid ip=':1::'"],
    ["network ip=1:,", "network invalid ip='1:'"],
    ["network ip=fe80::1%eth0,", "network invalid ip='fe80::1%eth0'"],
    ["network ip=None,", "network invalid ip='None'"],
    ["network peer=(ip=-1),", "network invalid ip='-1'"],
    // port
    ["network port=ssh,", "network invalid port='ssh'"],
    ["network port=-1,", "network invalid port='-1'"],
    ["network port=65536,", "network invalid port='65536'"],
    ["network port=80-65536,", "network invalid port='80-65536'"],
    ["network port=443-80,", "network invalid port='443-80'"],
    ["network port=22-,", "network invalid port='22-'"],
    ["network port=22--443,", "network invalid port='22--443'"],
    ["network peer=(port=22-443-1024),", "network invalid port='22-443-1024'"],
    // interface
    ["network interface=eth0},", "network invalid interface='eth0}'"],
    ["network interface=eth[0,", "network invalid interface='eth[0'"],
    ["network peer=(interface=lo),", "interface cannot be set for peer in network rules"],
    // families and types
    ["network foo,", INVALID_ENTRY],
    ["network local,", INVALID_ENTRY],
    ["network Inet,", INVALID_ENTRY],
    ["network inet foo,", INVALID_ENTRY],
    ["network inet dccp,", INVALID_ENTRY],
    ["network inet6 icmp,", INVALID_ENTRY],
    ["network tcp inet,", INVALID_ENTRY],
    ["network @{family},", INVALID_ENTRY],
    ["network unix ip=127.0.0.1,", FAMILY_CONDS],
    ["network netlink raw port=1,", FAMILY_CONDS],
    ["network packet peer=(port=1),", FAMILY_CONDS],
    ["network unix interface=lo,", FAMILY_CONDS],
    ["network unix label=foo,", FAMILY_CONDS],
    // local-only permissions with peer conditionals
    ["network bind peer=(ip=127.0.0.1),", PEER_PERMS],
    ["network create peer=(port=80),", PEER_PERMS],
    ["network (send, listen) peer=(ip=::1),", PEER_PERMS],
    ["network (getopt) inet peer=(ip=::1),", PEER_PERMS],
    ["network shutdown ip=10.0.0.1 peer=(port=22),", PEER_PERMS],
  ])("%s", (rule, message) => {
    expect(networkErrors(profile(rule))).toEqual([message]);
  });
});

describe("network rules: where upstream checks them", () => {
  it("checks rules in an untaken branch, since upstream checks them while parsing", () => {
    const text = "$B = false\nprofile p {\n  if $B {\n    network ip=10,\n  }\n}\n";
    expect(networkErrors(text)).toEqual(["network invalid ip='10'"]);
  });

  it("checks rules a qualifier block drops", () => {
    expect(networkErrors(profile("audit {\n    network port=ssh,\n  }"))).toEqual(["network invalid port='ssh'"]);
  });

  it("reports the last-written conditional first, as upstream walks the list backwards", () => {
    expect(networkErrors(profile("network ip=10 port=ssh,"))).toEqual(["network invalid port='ssh'"]);
  });

  it("points at the bad value", () => {
    const [d] = check(profile("network ip=10.0.0.1 port=70000,")).filter((x) => x.code === "AA2051");
    expect(d?.range.start.column).toBe(28);
    expect(d?.range.end.column).toBe(33);
  });
});
