/**
 * The meaning comparison the format tests rely on must see every real difference and only those: if it
 * equated different policies, "same meaning" would prove nothing.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { meaning } from "../../src/format/meaning.js";

function of(body: string, unordered = false): string {
  const { ast, diagnostics } = parse(`profile p {\n${body}\n}\n`);
  expect(diagnostics).toEqual([]);
  return meaning(ast, { unordered });
}

describe("meaning: spellings that mean the same are equal", () => {
  it.each([
    ["/a rwkl,", "/a rwlk,"],
    ["/a wr,", "/a rw,"],
    ["/a rrww,", "/a rw,"],
    ["/a RW,", "/a rw,"],
    ["/a PIx,", "/a Pix,"],
    ["user /a r,", "owner /a r,"],
    ["capability setuid chown,", "capability chown setuid,"],
    ["network (listen bind) inet,", "network (bind, listen) inet,"],
    ["signal set=(term hup),", "signal set=(hup, term),"],
    ["/a   r, # c", "/a r,\n# c"],
    ["#include <x>", "include <x>"],
    ["set rlimit cpu <= 10 s,", "set rlimit cpu <= 10s,"],
    ["unmount /m,", "umount /m,"],
  ])("%s = %s", (a, b) => {
    expect(of(a)).toBe(of(b));
  });

  it("flags=( … ) and the bare ( … ) form", () => {
    const a = parse("profile p (complain attach_disconnected) {\n}\n").ast;
    const b = parse("profile p flags=(attach_disconnected, complain) {\n}\n").ast;
    expect(meaning(a)).toBe(meaning(b));
  });
});

describe("meaning: real differences are seen", () => {
  it.each([
    ["/a r,", "/a rw,"],
    ["/a Px,", "/a px,"],
    ["/a Ux,", "/a ux,"],
    ["/a pix,", "/a ix,"],
    ["/a r,", "owner /a r,"],
    ["/a r,", "deny /a r,"],
    ["/a r,", "audit /a r,"],
    ["/a r,", "/b r,"],
    ['"/a b" r,', "/a r,"],
    ["/a px -> x,", "/a px -> y,"],
    ["capability chown,", "capability chown setuid,"],
    ["network inet,", "network inet6,"],
    ["dbus (send),", "dbus send bus=system,"],
    ["/a r,\n/b r,", "/a r,"],
    ["/a r, # one", "/a r, # two"],
    ["/a r, # one", "/a r,"],
  ])("%s ≠ %s", (a, b) => {
    expect(of(a)).not.toBe(of(b));
  });

  it("rule order counts unless comparing --sort output", () => {
    expect(of("/a r,\n/b r,")).not.toBe(of("/b r,\n/a r,"));
    expect(of("/a r,\n/b r,", true)).toBe(of("/b r,\n/a r,", true));
  });

  it("the order of a variable's values counts", () => {
    expect(meaning(parse("@{V} = a b\n").ast)).not.toBe(meaning(parse("@{V} = b a\n").ast));
  });
});
