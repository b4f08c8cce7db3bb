import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/lint/catalogue.js";
import { configSchema } from "../../src/lint/schema.js";

const FILE = join(import.meta.dirname, "../../schema/aaprof.config.schema.json");

describe("configuration schema", () => {
  it("schema/aaprof.config.schema.json is the schema built from the catalogue", () => {
    const onDisk = JSON.parse(readFileSync(FILE, "utf8"));
    // Regenerate with: npx tsc -p tsconfig.json && node -e 'import("./dist/src/lint/schema.js").then(m=>process.stdout.write(JSON.stringify(m.configSchema(),null,2)+"\n"))' > schema/aaprof.config.schema.json
    expect(onDisk).toEqual(configSchema());
  });

  it("knows every rule by name and code", () => {
    const props = (configSchema()["properties"] as { rules: { properties: Record<string, unknown> } }).rules.properties;
    for (const r of ALL_RULES) {
      expect(props).toHaveProperty(r.meta.name);
      expect(props).toHaveProperty(r.meta.code);
    }
  });
});
