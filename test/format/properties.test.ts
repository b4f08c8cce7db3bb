/**
 * Idempotence and same meaning over every profile the repository ships (fixtures/syntax: a file per
 * construct; fixtures/profiles: a small installed tree), in the default layout and with --sort.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFormatting, walkFiles } from "./harness.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const files = [...walkFiles(join(FIXTURES, "syntax")), ...walkFiles(join(FIXTURES, "profiles"))]
  .filter((p) => !p.includes(`${join("profiles", "abi")}`))
  .map((p) => relative(FIXTURES, p));

describe.each([false, true])("fixtures, sort=%s", (sort) => {
  it.each(files)("%s formats idempotently and keeps its meaning", async (name) => {
    const o = await checkFormatting(readFileSync(join(FIXTURES, name), "utf8"), name, sort);
    expect(o.kind).toBe("checked");
    if (o.kind !== "checked") return;
    expect({ idempotent: o.idempotent, sameMeaning: o.sameMeaning, sameComments: o.sameComments, detail: o.detail })
      .toEqual({ idempotent: true, sameMeaning: true, sameComments: true, detail: "" });
  });
});
