import { describe, expect, it } from "vitest";
import { canonicalPermissions, rlimitValue, splitPermissions } from "../../src/format/canonical.js";

describe("permission letters", () => {
  it.each([
    ["r", "r"],
    ["rw", "rw"],
    ["wr", "rw"],
    ["rwkl", "rwlk"],
    ["klwr", "rwlk"],
    ["rm", "mr"],
    ["rmix", "mrix"],
    ["ixrm", "mrix"],
    ["Pxr", "rPx"],
    ["rPx", "rPx"],
    ["wa", "wa"],
    ["rCx", "rCx"],
    ["pixmr", "mrpix"],
    ["PUxr", "rPUx"],
    ["Pux", "Pux"],
    ["rrww", "rw"],
    ["RWLM", "mrwl"],
    ["PIx", "Pix"],
    ["PX", "Px"],
    ["rX", "rx"],
    ["lk", "lk"],
  ])("%s is written %s", (raw, canonical) => {
    expect(canonicalPermissions(raw)).toBe(canonical);
  });

  it("keeps exec modes apart from access letters and in their written order", () => {
    expect(splitPermissions("ixPxr")).toEqual({ access: "r", exec: ["ix", "Px"] });
  });

  it("leaves text it does not read as permissions alone", () => {
    expect(canonicalPermissions("rq")).toBe("rq");
  });
});

describe("rlimit values", () => {
  it("joins a number and its unit", () => {
    expect(rlimitValue({ raw: "10", value: "10", quoted: false } as never, { raw: "s" } as never)).toBe("10s");
  });
  it("keeps a space after a word value, which would otherwise swallow the unit", () => {
    expect(rlimitValue({ raw: "infinity" } as never, { raw: "K" } as never)).toBe("infinity K");
  });
});
