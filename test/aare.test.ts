import { describe, expect, it } from "vitest";
import { convertAare, filterSlashes } from "../src/aare/convert.js";
import { aareError, aareErrors } from "../src/aare/validate.js";
import { check } from "./helpers.js";
import { type Glob, GlobCache, globIncludes, globSequence, globMatches, globsOverlap, parseGlob } from "../src/aare/glob.js";

const pcre = (aare: string) => new TextDecoder().decode(convertAare(aare).pcre);

const glob = (aare: string): Glob => {
  const r = parseGlob(aare);
  if (!r.ok) throw new Error(r.error);
  return r.glob;
};

describe("glob conversion", () => {
  it.each([
    ["/most/basic/test", "/most/basic/test"],
    ["\\\\", "\\\\"],
    ["\\blort", "blort"],
    ["*", "[^/\\x00]*"],
    ["blort*", "blort[^/\\x00]*"],
    ["\\*", "\\*"],
    ["\\?", "?"],
    ["\\,", ","],
    ["^", "\\^"],
    ["$", "\\$"],
    [".", "\\."],
    ["(", "\\("],
    ["[blort]", "[blort]"],
    ["{alpha,beta}", "(alpha|beta)"],
    ["{{a,b{c,d}}e,{f,{g,{h{i,j,k},l}m},n}o}", "((a|b(c|d))e|(f|(g|(h(i|j|k)|l)m)|n)o)"],
    ["blor?t", "blor[^/\\x00]t"],
    ["/*", "/[^/\\x00][^/\\x00]*"],
    ["/*/blort", "/[^/\\x00][^/\\x00]*/blort"],
    ["/**", "/[^/\\x00][^\\x00]*"],
    ["/**/blort", "/[^/\\x00][^\\x00]*/blort"],
    ["/foo/f**", "/foo/f[^\\x00]*"],
    ["/foo/**.ext", "/foo/[^\\x00]*\\.ext"],
    ["\\\\?", "\\\\[^/\\x00]"],
    ["\\\\^", "\\\\\\^"],
    ["\\000", "\\000"],
    ["\\x00", "\\x00"],
    ["\\d000", "\\d000"],
    ["b[\\lor]t", "b[lor]t"],
    ["b[{a,b}]t", "b[{a,b}]t"],
    ["{alpha,b[\\{a\\,b\\}]t,gamma}", "(alpha|b[\\{a\\,b\\}]t|gamma)"],
    ["/{*,x}", "/([^/\\x00]*|x)"],
    // A run of stars means what its first `**` means.
    ["/foo/f****", "/foo/f[^\\x00]*"],
    ["/***/x", "/[^/\\x00][^\\x00]*/x"],
    ["a\\***", "a\\*[^\\x00]*"],
  ])("%s becomes %s", (aare, expected) => {
    expect(pcre(aare)).toBe(expected);
  });

  it.each([
    ["//usr", "//usr"],
    ["///usr", "/usr"],
    ["///foo//////f//oo////////////////", "/foo/f/oo/"],
    ["/", "/"],
    ["//", "//"],
    ["///", "/"],
  ])("filterSlashes(%s) is %s", (input, expected) => {
    expect(filterSlashes(input)).toBe(expected);
  });
});

describe("glob errors", () => {
  it.each([
    "/a/b", "[-]", "[-a]", "[^-]", "[\\-]", "[z-a]", "[a-\\]]", "[[]", "[{]", "[}]", "[,]", "[.]", "[*]", "[?]",
    "{,x}", "{x,}", "{,}", "/a[]b[c]", "/foo\\000bar", "/bingo/bang\\o/bongo", "/bin/\\141bcde", "[^^a]",
  ])("accepts %s", (aare) => {
    expect(aareError(aare)).toBeNull();
  });

  it.each([
    ["x]", "Regex grouping error: Invalid close ], no matching open [ detected"],
    ["[[:alpha:]]", "Regex grouping error: Invalid close ], no matching open [ detected"],
    ["{}", "Regex grouping error: Invalid number of items between {}"],
    ["{a}", "Regex grouping error: Invalid number of items between {}"],
    ["{a[,]b}", "Regex grouping error: Invalid number of items between {}"],
    ["{a\\,b}", "Regex grouping error: Invalid number of items between {}"],
    ["a}", "Regex grouping error: Invalid close }, no matching open { detected"],
    ["{a,b", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["[^", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["[\\]", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["/a/b\\", "Regex error: trailing '\\' escape character"],
    ["/alpha/[]beta", "Regex error: empty character class"],
    ["[^]", "Regex error: empty character class"],
    ["[a-]", "Regex error: '-' in a character class must come first or form a range"],
    ["[a-z-]", "Regex error: '-' in a character class must come first or form a range"],
    ["[a-b-c]", "Regex error: '-' in a character class must come first or form a range"],
    ["[--]", "Regex error: '-' in a character class must come first or form a range"],
    ["[a\\-]", "Regex error: '-' in a character class must come first or form a range"],
  ])("rejects %s", (aare, message) => {
    expect(aareError(aare)).toBe(message);
  });

  it("lists every line upstream prints", () => {
    expect(aareErrors("a}")).toEqual([
      "Regex grouping error: Invalid number of items between {}",
      "Regex grouping error: Invalid close }, no matching open { detected",
    ]);
    expect(aareErrors("/a/{a,{b}}")).toEqual([
      "Regex grouping error: Invalid number of items between {}",
      "Regex grouping error: Unclosed grouping or character class, expecting close }",
    ]);
    expect(aareErrors("{a".repeat(50) + ",b}".repeat(50))).toEqual([
      "Regex grouping error: Exceeded maximum nesting of {}",
      "Regex grouping error: Unclosed grouping or character class, expecting close }",
    ]);
  });
});

describe("glob languages", () => {
  it.each([
    ["/bin/*", "/bin/**", true],
    ["/bin/a*", "/bin/*b", true],
    ["/bin/cat", "/bin/*", true],
    ["/*", "/bin/cat", false],
    ["/bin/*", "/bin/", false],
    ["/bin/**", "/bin/", false],
    ["/{*,x}", "/", true],
    ["/bin/{cat,dog}", "/bin/dog", true],
    ["/bin/[a-c]at", "/bin/dat", false],
    ["/bin/[^a-c]at", "/bin/dat", true],
    ["/bin/?at", "/bin//at", false],
    ["/foo\\000bar", "/foo*", false],
    ["/foo\\000bar", "/foo**", false],
    ["/a/**/z", "/a/b/c/**", true],
    ["/a/*/z", "/a/b/c/**", false],
  ])("%s and %s overlap: %s", (a, b, expected) => {
    expect(globsOverlap(glob(a), glob(b)).overlap).toBe(expected);
    expect(globsOverlap(glob(b), glob(a)).overlap).toBe(expected);
  });

  it("gives an example both match", () => {
    expect(globsOverlap(glob("/bin/a*"), glob("/bin/*b"))).toMatchObject({ overlap: true, example: "/bin/ab" });
  });

  it.each([
    ["/bin/**", "/bin/*", true],
    ["/bin/*", "/bin/**", false],
    ["/**", "/usr/{bin,sbin}/*", true],
    ["/usr/{bin,sbin}/*", "/usr/bin/*", true],
    ["/usr/bin/*", "/usr/{bin,sbin}/*", false],
    ["/{*,x}", "/", true],
    ["/bin/[a-z]*", "/bin/[b-c]at", true],
    ["/bin/*", "/bin/.hidden", true],
    ["/a*", "/*b", false],
  ])("%s includes %s: %s", (outer, inner, expected) => {
    expect(globIncludes(glob(outer), glob(inner)).included).toBe(expected);
  });

  it.each([["/x**", "/x***"], ["/x**", "/x*****"], ["/**/y", "/*****/y"]])(
    "%s and %s are the same language (a star run is its first `**`)", (a, b) => {
      expect(globIncludes(glob(a), glob(b)).included).toBe(true);
      expect(globIncludes(glob(b), glob(a)).included).toBe(true);
    });

  it("gives a counterexample", () => {
    expect(globIncludes(glob("/bin/*"), glob("/bin/**"))).toMatchObject({ included: false, counterexample: "/bin/a/" });
  });

  it.each([
    ["/usr/bin/*", "/usr/bin/cat", true],
    ["/usr/bin/*", "/usr/bin/", false],
    ["/usr/**", "/usr/lib/x/y", true],
    ["/home/*/.ssh/**", "/home/u/.ssh/id", true],
  ])("%s matches %s: %s", (g, path, expected) => {
    expect(globMatches(glob(g), path)).toBe(expected);
  });

  it.each([
    // prefix, suffix, infix, heads, example
    ["/usr/lib/*.so", "/usr/lib/", ".so", "/usr/lib/", ["/usr/lib/"], "/usr/lib/.so"],
    ["{/home/*/,/root/}.ssh/**", "/", "", "/.ssh/", ["/home/", "/root/.ssh/"], "/root/.ssh/a"],
    ["/{usr/,}lib{,32,64}/**.so*", "/", "", "lib", ["/usr/lib/", "/usr/lib32/", "/usr/lib64/", "/lib/", "/lib32/", "/lib64/"], "/lib/.so"],
    ["/etc/app.conf", "/etc/app.conf", "/etc/app.conf", "/etc/app.conf", ["/etc/app.conf"], "/etc/app.conf"],
  ])("knows what every match of %s starts with, ends with and contains", (g, prefix, suffix, infix, heads, example) => {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    const parsed = glob(g);
    expect([text(parsed.prefix), text(parsed.suffix), text(parsed.infix)]).toEqual([prefix, suffix, infix]);
    expect(parsed.heads.map(text)).toEqual(heads);
    expect(parsed.example).toBe(example);
    expect(globMatches(parsed, example)).toBe(true);
  });

  it("matches a path as the overlap with the path's own glob does", () => {
    const globs = ["/usr/**", "/home/*/.ssh/**", "{/run/,/var/run/}docker.sock", "/proc/[0-9]*/mem", "/a/**/b", "/x{,y}"];
    const paths = ["/usr/lib/x", "/home/u/.ssh/id", "/var/run/docker.sock", "/proc/1/mem", "/a/b", "/a/c/b", "/x", "/xy", "/", ""];
    for (const g of globs) {
      for (const p of paths) {
        const viaOverlap = globsOverlap(glob(g), glob(p.replace(/[\\*?[\]{}^]/g, (c) => "\\" + c))).overlap;
        expect([g, p, globMatches(glob(g), p)]).toEqual([g, p, viaOverlap]);
      }
    }
  });

  it("tells exact rules from wildcard rules as upstream does", () => {
    expect(glob("/usr/bin/{cat,dog}").exact).toBe(true);
    expect(glob("/usr/bin/[cd]og").exact).toBe(true);
    expect(glob("/usr/bin/[^c]og").exact).toBe(false);
    expect(glob("/usr/bin/?og").exact).toBe(false);
    expect(glob("/usr/bin/\\*").exact).toBe(true);
  });

  it("matches multi-part rules joined by NUL", () => {
    const safe = globSequence([glob("/usr/bin/*"), glob("target")]);
    const unsafe = globSequence([glob("/usr/bin/a*"), glob("{target,other}")]);
    expect(globsOverlap(safe, unsafe)).toMatchObject({ overlap: true, example: "/usr/bin/a\\x00target" });
    expect(globsOverlap(safe, globSequence([glob("/usr/bin/a"), glob("other")])).overlap).toBe(false);
    expect(safe.exact).toBe(false);
  });

  it("caches parsed globs", () => {
    const cache = new GlobCache();
    expect(cache.parse("/a/*")).toBe(cache.parse("/a/*"));
  });

  it("answers unknown instead of running away", () => {
    const a = glob("/" + "**a".repeat(400));
    const b = glob("/" + "*a".repeat(400) + "**");
    const started = Date.now();
    const r = globsOverlap(a, b, 20_000);
    expect(r.overlap).toBe("unknown");
    expect(globIncludes(a, b, 20_000).included).toBe("unknown");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("bounds a profile full of pathological globs", () => {
    const rules = Array.from({ length: 40 }, (_, i) => `  /${"**a".repeat(60)}${i} ${i % 2 ? "px" : "cx"},`);
    const started = Date.now();
    check(`profile p {\n${rules.join("\n")}\n}\n`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("handles very long globs", () => {
    const long = "/" + "{a,b}".repeat(2000) + "/**";
    const started = Date.now();
    expect(globsOverlap(glob(long), glob("/" + "a".repeat(2000) + "/x")).overlap).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("aareError's fast path", () => {
  it("a glob without braces, brackets or backslashes is never malformed (so the fast path is exact)", async () => {
    const fc = (await import("fast-check")).default;
    const { convertAare } = await import("../src/aare/convert.js");
    const { parseRegex } = await import("../src/aare/regex.js");
    const plain = fc.string({ unit: fc.constantFrom(..."/ab*?^$.+|()@,:-_~!=&\u00e9 0\t\n".split("")), maxLength: 40 });
    fc.assert(fc.property(plain, (p) => {
      const conv = convertAare(p);
      expect(conv.errors).toEqual([]);
      expect(parseRegex(conv.pcre).ok).toBe(true);
    }), { numRuns: 2000 });
  });
});
