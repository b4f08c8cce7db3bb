import { describe, expect, it } from "vitest";
import { check, errors } from "../helpers.js";
import { parsePermissionString } from "../../src/check/file.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("file rules", () => {
  it.each([
    "/etc/hosts r,",
    "/etc/hosts RWM,",
    "/var/log/app.log a,",
    "/var/log/app.log ww,",
    "/var/log/app.log aa,",
    "/usr/bin/cat rux,",
    "/usr/bin/cat mix,",
    "/usr/bin/cat mpx,",
    "/usr/bin/cat rwlkmix,",
    "/usr/bin/cat pxk,",
    "/usr/bin/cat pxpx,",
    "/usr/bin/cat ixix,",
    "/usr/bin/cat xix,",
    "/usr/bin/cat pxx,",
    "/usr/bin/cat iX,",
    "/usr/bin/cat PIX,",
    "/usr/bin/cat CUX,",
    "deny /usr/bin/cat x,",
    "deny /usr/bin/cat x -> other,",
    "deny safe /usr/bin/cat x,",
    "unsafe /usr/bin/cat x,",
    "file unsafe px /usr/bin/cat,",
    "rw /srv/data/**,",
    "/srv/data/** rw -> target,",
    "/link/** lpx -> /target,",
    "l subset /srv/link,",
    "l subset /srv/link -> /srv/target,",
    "l /srv/link -> relative,",
    "link subset /srv/a -> /srv/b,",
    "owner link subset /srv/a -> /srv/b,",
    "deny l /srv/a -> /srv/b,",
    "/usr/bin/cat px -> &stacked,",
    "/usr/bin/cat px -> :ns:name,",
    "/usr/bin/cat px -> /bad{glob,",
    "/foo,bar r,",
    '"/foobar," r,',
    "/foo^bar r,",
    "/foo\\000bar r,",
    "/bingo/bang\\o/bongo r,",
    "/usr/{lib,lib64}/** r,",
    "/{usr/,}lib/** r,",
    "/tmp/[-a]* r,",
    "/tmp/[z-a]* r,",
    "/tmp/[{]* r,",
    "owner file,",
    "audit file,",
    "file,",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["/var/log/app.log aw,", "Conflict 'a' and 'w' perms are mutually exclusive."],
    ["file /var/log/app.log wa,", "Conflict 'a' and 'w' perms are mutually exclusive."],
    ["/usr/bin/cat pxix,", "Exec qualifier 'i' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat uxix,", "Exec qualifier 'i' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat pxux,", "Exec qualifier 'u' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat uxUx,", "Exec qualifier 'U' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat xux,", "Exec qualifier 'u' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat ixPx,", "Exec qualifier 'P' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat xpx,", "Exec qualifier 'p' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat pxpix,", "Exec qualifier 'pi' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat Pixpux,", "Exec qualifier 'pu' invalid, conflicting qualifier already specified"],
    ["/usr/bin/cat rx,", "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["safe /usr/bin/cat x,", "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["/usr/bin/cat x -> other,", "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["allow /usr/bin/cat x,", "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["deny /usr/bin/cat ix,", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["deny unsafe /usr/bin/cat x,", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["deny file,", "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'"],
    ["safe /etc/hosts r,", "unsafe rule missing exec permissions"],
    ["unsafe /etc/hosts r,", "unsafe rule missing exec permissions"],
    ["rl subset /srv/a,", "subset can only be used with link rules."],
    ["lpx /link/** -> /target,", "link and exec perms conflict on a file rule using ->"],
    ["lpux /link/** -> /target,", "link and exec perms conflict on a file rule using ->"],
    ["l /srv/a -> :ns:b,", "link perms are not allowed on a named profile transition."],
    ["/alpha/[]beta r,", "Regex error: empty character class"],
    ["/usr/bin/{}snort r,", "Regex grouping error: Invalid number of items between {}"],
    ["/usr/bin/one{en}try r,", "Regex grouping error: Invalid number of items between {}"],
    ["/usr/bin/a} r,", "Regex grouping error: Invalid close }, no matching open { detected"],
    ["/usr/bin/a] r,", "Regex grouping error: Invalid close ], no matching open [ detected"],
    ["/usr/bin/{a,b r,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ['"/usr/bin/a\\" r,', "Regex error: trailing '\\' escape character"],
    ["/tmp/[a-]* r,", "Regex error: '-' in a character class must come first or form a range"],
    ["l /srv/a -> /srv/b{,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["link /srv/a{ -> /srv/b,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("points at the offending qualifier inside the permission string", () => {
    const d = check(profile("/usr/bin/cat rpxix,")).find((x) => x.code === "AA2020")!;
    expect(d.range.start.column).toBe(19);
    expect(d.range.end.column).toBe(21);
  });

  it("checks globs after variable expansion, and only in compiled rules", () => {
    expect(errors("@{D} = /a{b\n" + profile("@{D}/** r,"))).toEqual([
      "Regex grouping error: Unclosed grouping or character class, expecting close }",
    ]);
    expect(errors(profile("if false { /a{b r, }"))).toEqual([]);
    expect(errors(profile("if false { /a aw, }"))).toEqual(["Conflict 'a' and 'w' perms are mutually exclusive."]);
  });

  it("checks the rule's own prefix before enclosing blocks apply", () => {
    expect(errors(profile("deny { /usr/bin/cat x, }"))).toEqual([
      "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'",
    ]);
    expect(errors(profile("audit { deny /usr/bin/cat x, }"))).toEqual([]);
  });

  it("accepts nesting up to 49 alternation levels", () => {
    const nest = (n: number) => "/" + "{a".repeat(n) + ",b}".repeat(n);
    expect(errors(profile(`${nest(49)} r,`))).toEqual([]);
    expect(errors(profile(`${nest(50)} r,`))).toEqual(["Regex grouping error: Exceeded maximum nesting of {}"]);
  });
});

describe("named transition table", () => {
  const rules = (n: number, target: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `/srv/a${i} r -> ${target(i)},`).join("\n  ");

  it.each([
    ["12 distinct targets", rules(12, (i) => `t${i}`), []],
    ["13 uses of one target", rules(13, () => "t"), []],
    ["13 local transitions to the rule's own path", Array.from({ length: 13 }, (_, i) => `/srv/a${i} Cx -> /srv/a${i},`).join("\n  "), []],
    ["13 distinct targets", rules(13, (i) => `t${i}`), ["Profile app has too many specified profile transitions."]],
    ["13 distinct targets, quoting aside", rules(12, (i) => `t${i}`) + '\n  /srv/x r -> "t0",', []],
  ])("%s", (_name, body, expected) => {
    expect(errors(profile(body))).toEqual(expected);
  });

  it("gives hats their own table", () => {
    const hat = `^hat {\n    ${rules(12, (i) => `h${i}`)}\n  }`;
    expect(errors(profile(`${rules(12, (i) => `t${i}`)}\n  ${hat}`))).toEqual([]);
  });
});

describe("permission strings", () => {
  it.each([
    ["r", 4],
    ["w", 2 | 8],
    ["ix", 1 | 512],
    ["Px", 1 | 2048],
    ["px", 1 | 2048 | 256],
    ["Cx", 1 | 3072],
    ["Ux", 1 | 1024],
    ["ux", 1 | 1024 | 256],
    ["Pux", 1 | 2048 | 128],
    ["PUx", 1 | 2048 | 128],
    ["pUx", 1 | 2048 | 128 | 256],
    ["cix", 1 | 3072 | 512 | 256],
  ] as const)("%s has bits %d", (text, bits) => {
    expect(parsePermissionString(text)).toEqual({ perms: bits, error: null });
  });
});

describe("alias copies of file rules", () => {
  // parser_alias.c copies each rule under the alias's source with the target in its place, and compiles it.
  it.each([
    ["alias /a -> /b[,\nprofile t {\n  /a r,\n}\n", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["@{Y}=/y\nalias /a -> @{Y},\nprofile t {\n  /a r,\n}\n", "Regex grouping error: Invalid number of items between {}"],
    ["alias /a -> /b{c},\nprofile t {\n  link /x -> /a/y,\n}\n", "Regex grouping error: Invalid number of items between {}"],
  ])("rejects a copy that is not a valid pattern: %j", (text, message) => {
    expect(errors(text)).toEqual([message]);
  });

  it("accepts copies that are valid, and rules the alias does not reach", () => {
    expect(errors("alias /usr/ -> /mnt/usr/,\nprofile t {\n  /usr/bin/* r,\n  /etc/x r,\n}\n")).toEqual([]);
    expect(errors("alias /a -> /b[,\nprofile t {\n  /etc/x r,\n}\n")).toEqual([]);
  });
});
