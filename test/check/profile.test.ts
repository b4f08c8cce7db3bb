import { describe, expect, it } from "vitest";
import { check } from "../helpers.js";

/** Error messages from the profile-header checks (and the variable expansion they trigger). */
function mine(text: string, files: Record<string, string> = {}): string[] {
  return check(text, files)
    .filter((d) => d.severity === "error" && ["AA2010", "AA2012", "AA2040"].includes(d.code))
    .map((d) => d.message);
}

describe("profile flags", () => {
  it.each([
    ["profile p flags=(complain) {\n}\n"],
    ["profile p (complain) {\n}\n"],
    ["profile p flags = ( audit , complain , audit ) {\n}\n"],
    ["profile p flags=(complain audit) {\n}\n"],
    ["profile p flags=(\"complain\") {\n}\n"],
    ["profile p flags=(debug, interruptible, mediate_deleted, chroot_relative) {\n}\n"],
    ["profile p flags=(attach_disconnected, attach_disconnected.ipc=/foo) {\n}\n"],
    ["profile p flags=(attach_disconnected.path=/foo//, attach_disconnected.ipc) {\n}\n"],
    ["profile p flags=(attach_disconnected.ipc=/foo, attach_disconnected.ipc=/foo) {\n}\n"],
    ["profile p flags=(kill.signal=term, kill.signal=term) {\n}\n"],
    ["profile p flags=(kill.signal=rtmin+32) {\n}\n"],
    ["profile p flags=(kill.signal=rtmin+) {\n}\n"],
    ["profile p flags=(kill.signal=rtmin+3x) {\n}\n"],
    ["profile p flags=(error=ENOANO audit) {\n}\n"],
    ["profile p flags=(error=eperm) {\n}\n"],
    ["profile p flags=(error=EAGAIN, error=EWOULDBLOCK) {\n}\n"],
    ["profile p flags=(enforce, enforce) {\n}\n"],
    ["profile p {\n  ^hat (audit) {\n  }\n  profile child flags=(complain) {\n  }\n}\n"],
    ["@{D} = /bar\nprofile p flags=(attach_disconnected.path=@{D}) {\n}\n"],
    ["profile p flags=(attach_disconnected.path=/) {\n}\n"],
  ])("accepts %j", (text) => {
    expect(mine(text)).toEqual([]);
  });

  it.each([
    ["profile p flags=(blahblab) {\n}\n", "Invalid profile flag: blahblab."],
    ["profile p flags=(Complain) {\n}\n", "Invalid profile flag: Complain."],
    ["profile p flags=(capability) {\n}\n", "Invalid profile flag: capability."],
    ["profile p flags=(attach_disconnected.path) {\n}\n", "Invalid profile flag: attach_disconnected.path."],
    ["profile p flags=(enforce, complain) {\n}\n", "Profile flag 'enforce' conflicts with 'complain'"],
    ["profile p flags=(kill, audit, unconfined) {\n}\n", "Profile flag 'kill' conflicts with 'unconfined'"],
    ["profile p flags=(prompt default_allow) {\n}\n", "Profile flag 'prompt' conflicts with 'default_allow'"],
    ["profile p flags=(namespace_relative, chroot_relative) {\n}\n",
      "Profile flag chroot_relative conflicts with namespace_relative"],
    ["profile p flags=(mediate_deleted, delegate_deleted) {\n}\n",
      "Profile flag mediate_deleted conflicts with delegate_deleted"],
    ["profile p flags=(chroot_attach, chroot_no_attach) {\n}\n",
      "Profile flag chroot_attach conflicts with chroot_no_attach"],
    ["profile p flags=(attach_disconnected.path=/a, no_attach_disconnected) {\n}\n",
      "Profile flag attach_disconnected conflicts with no_attach_disconnected"],
    ["profile p flags=(no_attach_disconnected, attach_disconnected.ipc) {\n}\n",
      "Profile flag attach_disconnected.ipc conflicts with no_attach_disconnected"],
    ["profile p flags=(attach_disconnected.path=/foo, attach_disconnected.path=/foo/) {\n}\n",
      "Profile flag attach_disconnected set to conflicting values: '/foo' and '/foo/'"],
    ["profile p flags=(kill.signal=hup, kill.signal=term) {\n}\n",
      "Profile flag kill.signal set to conflicting values: '1' and '15'"],
    ["profile p flags=(error=EWOULDBLOCK, error=EPERM) {\n}\n",
      "Profile flag error set to conflicting values: 'EAGAIN' and 'EPERM'"],
    ["profile p flags=(kill.signal=HUP) {\n}\n", "unknown signal specified for kill.signal='HUP'"],
    ["profile p flags=(kill.signal=rtmin+33) {\n}\n", "unknown signal specified for kill.signal='rtmin+33'"],
    ["profile p flags=(kill.signal=SIGHUP) {\n}\n", "unknown signal specified for kill.signal='SIGHUP'"],
    ["profile p flags=(error=13) {\n}\n", "unknown error code specified for error='13'"],
    ["profile p flags=(attach_disconnected.ipc=foo) {\n}\n", "attach_disconnected path must begin with a /"],
    ["profile p flags=(attach_disconnected.path=) {\n}\n", "attach_disconnected path must begin with a /"],
    ["@{D} = bar\nprofile p flags=(attach_disconnected.path=@{D}) {\n}\n",
      "attach_disconnected path must begin with a /"],
    ["@{D} = /a /b\nprofile p flags=(attach_disconnected.path=@{D}) {\n}\n",
      "attach_disconnected path must begin with a /"],
  ])("rejects %j", (text, message) => {
    expect(mine(text)).toEqual([message]);
  });

  it("reports only the first problem of a flag list, at the offending value", () => {
    const d = check("profile p flags=(enforce, complain, bogus) {\n}\n").filter((x) => x.code === "AA2010");
    expect(d.map((x) => x.message)).toEqual(["Profile flag 'enforce' conflicts with 'complain'"]);
    expect(d[0]!.range.start.column).toBe(27);
  });
});

describe("profile names and attachments", () => {
  it.each([
    ["/usr/bin/foo {\n}\n"],
    ["\"/bin/fo o\" {\n}\n"],
    ["/{usr/,}bin/foo {\n}\n"],
    [":foo:unattached {\n}\n"],
    [":ns:one /** {\n}\n"],
    [":ns://one {\n}\n"],
    ["profile one \"/ **\" {\n}\n"],
    ["profile foo @{x} {\n}\n".replace("profile", "@{x} = /a\nprofile")],
    ["^tophat {\n}\n"],
    ["hat tophat xattrs=(user.foo=bar) {\n}\n"],
    ["profile p xattrs=(user.foo=* user.bar=*) flags=(complain) {\n}\n"],
    ["profile p xattrs=(myvalue) {\n}\n"],
    ["profile p {\n  ^hat xattrs=() {\n  }\n  profile child /bin/true xattrs=(a=b) {\n  }\n}\n"],
    ["profile p + identities=(foo)+ identities=(\"/bar\") {\n}\n"],
    ["profile p + identities=(\"/a b\") {\n}\n"],
    ["profile parent//child {\n}\n"],
  ])("accepts %j", (text) => {
    expect(mine(text)).toEqual([]);
  });

  it.each([
    ["unattached {\n}\n", "Profile names must begin with a '/', namespace or keyword 'profile' or 'hat'."],
    ["foo:/does/not/exist {\n}\n", "Profile attachment must begin with a '/' or variable."],
    ["@{x} = /a\nprofile foo @x {\n}\n", "Profile attachment must begin with a '/' or variable."],
    ["profile foo bar {\n}\n", "Profile attachment must begin with a '/' or variable."],
    [":/does/not/exist {\n}\n", "Namespace not terminated: :/does/not/exist"],
    ["profile :ns/t {\n}\n", "Namespace not terminated: :ns/t"],
    ["::/does/not/exist {\n}\n", "Empty namespace: ::/does/not/exist"],
    [":namespace: {\n}\n", "Empty named transition profile name: :namespace:"],
    [":ns:// {\n}\n", "Empty named transition profile name: :ns://"],
    ["profile &foo {\n}\n", "Profile names must begin with a '/' or a namespace"],
    ["profile p peer=(label=foo) {\n}\n", "profile id: invalid conditional group peer=()"],
    ["profile p {\n  ^hat xattrs=(user.foo=bar) {\n  }\n}\n", "hat profiles can't use xattrs matches"],
    ["profile p + identities=(\"a a\") {\n}\n", "Space character not allowed in identities: 'a a'"],
    ["profile a{b {\n}\n", "Invalid profile name 'a{b' - bad regular expression"],
    ["/bin/foo{ {\n}\n", "Invalid profile name '/bin/foo{' - bad regular expression"],
    // A variable defined from another keeps the slashes where they join (/h/ + /a = /h//a), and `//` in a
    // profile name separates a child profile; only a rule's use of a variable trims slashes.
    ["@{Y}=/h/\n@{X}=@{Y}/a /b\nprofile @{X} {\n}\n", "Invalid profile name 'a}' - bad regular expression"],
    ["profile @{profile_name} {\n}\n", "Failed to find declaration for: @{profile_name}"],
    ["profile p @{undefined} {\n}\n", "Failed to find declaration for: @{undefined}"],
  ])("rejects %j", (text, message) => {
    expect(mine(text)).toEqual([message]);
  });

  it("checks hats in untaken branches at parse time but not their compiled form", () => {
    const text = "profile p {\n  if false {\n    ^h flags=(bogus) {\n    }\n    ^g @{undefined} {\n    }\n  }\n}\n";
    expect(mine(text)).toEqual(["Invalid profile flag: bogus."]);
  });
});

describe("duplicate top-level profiles", () => {
  it.each([
    ["profile a {\n}\nprofile b {\n}\n"],
    ["profile exist /x {\n}\n:foo:exist /x {\n}\n"],
    ["profile a /x {\n}\nprofile b /x {\n}\n"],
  ])("accepts %j", (text) => {
    expect(mine(text)).toEqual([]);
  });

  it.each([
    ["/does/not/exist {\n}\n/does/not/exist {\n}\n", "Multiple definitions for profile /does/not/exist exist"],
    ["/x {\n}\nprofile /x {\n}\n", "Multiple definitions for profile /x exist"],
    ["profile foo {\n}\nprofile \"foo\" /bin/foo {\n}\n", "Multiple definitions for profile foo exist"],
    [":ns:foo {\n}\nprofile :ns://foo {\n}\n", "Multiple definitions for profile foo exist"],
    ["^h {\n}\nhat h {\n}\n", "Multiple definitions for profile h exist"],
  ])("rejects %j", (text, message) => {
    expect(mine(text)).toEqual([message]);
  });

  it("sees profiles brought in by includes", () => {
    const text = "include <extra>\nprofile a {\n}\n";
    expect(mine(text, { "/inc/extra": "profile a {\n}\n" })).toEqual(["Multiple definitions for profile a exist"]);
  });
});

describe("@{profile_name}", () => {
  // process_profile_variables: the hname (no namespace, parents joined with //), escaped as a literal.
  it("is the profile's name as a literal, glob characters escaped", () => {
    expect(mine("profile t} /a {\n  /x/@{profile_name} r,\n}\n")).toEqual([]);
    expect(check("profile t* /a {\n  /x/@{profile_name} ix,\n  /x/*a px,\n}\n").filter((d) => d.severity === "error")).toEqual([]);
  });

  it("leaves out the namespace", () => {
    const conflict = check(":ns:t /a {\n  /x/@{profile_name} ix,\n  /x/t px,\n}\n").filter((d) => d.severity === "error");
    expect(conflict.map((d) => d.code)).toEqual(["AA2021"]);
    const apart = check(":ns:t /a {\n  /x/@{profile_name} ix,\n  /x/:ns:t px,\n}\n").filter((d) => d.severity === "error");
    expect(apart).toEqual([]);
  });
});
