/**
 * The JSON schema of aaprof.config.json / .aaprofrc.json, built from the rule catalogue so that editors
 * complete rule names and codes and know each rule's options. schema/aaprof.config.schema.json is this,
 * written out; a test keeps the two the same.
 */
import { ALL_RULES } from "./catalogue.js";
import { PRESET_NAMES, type LintRule, type OptionSpec } from "./rule.js";

const SEVERITY = {
  oneOf: [
    { enum: ["error", "warning", "warn", "off"] },
    { enum: [0, 1, 2], description: "ESLint's numbers: 0 off, 1 warning, 2 error" },
  ],
};

function optionSchema(o: OptionSpec): Record<string, unknown> {
  const base = { description: o.description, default: o.default };
  switch (o.type) {
    case "integer": return { type: "integer", ...(o.minimum !== undefined ? { minimum: o.minimum } : {}), ...(o.maximum !== undefined ? { maximum: o.maximum } : {}), ...base };
    case "boolean": return { type: "boolean", ...base };
    case "string-array": return { type: "array", items: { type: "string" }, ...base };
    case "string-map": return { type: "object", additionalProperties: { type: "string" }, ...base };
  }
}

function ruleSetting(rule: LintRule): Record<string, unknown> {
  const description = `${rule.meta.code} ${rule.meta.name}: ${rule.meta.docs.summary}`;
  const options = rule.meta.options;
  if (!options) {
    return { description, oneOf: [{ $ref: "#/$defs/severity" }, { type: "array", prefixItems: [{ $ref: "#/$defs/severity" }], minItems: 1, maxItems: 1 }] };
  }
  const props = Object.fromEntries(Object.entries(options).map(([k, o]) => [k, optionSchema(o)]));
  return {
    description,
    oneOf: [
      { $ref: "#/$defs/severity" },
      {
        type: "array",
        prefixItems: [{ $ref: "#/$defs/severity" }, { type: "object", properties: props, additionalProperties: false }],
        minItems: 1,
        maxItems: 2,
      },
    ],
  };
}

export function configSchema(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const r of ALL_RULES) {
    rules[r.meta.name] = ruleSetting(r);
    rules[r.meta.code] = ruleSetting(r);
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "aaprof configuration",
    description: "Configuration of `aaprof lint`, read from aaprof.config.json or .aaprofrc.json, the nearest one upward from each linted file.",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      extends: {
        description: "Presets to start from; later ones override earlier ones. Default: recommended.",
        oneOf: [
          { $ref: "#/$defs/preset" },
          { type: "array", items: { $ref: "#/$defs/preset" } },
        ],
      },
      rules: {
        description: "Severity (and options) per rule, by name or code; \"off\" turns a rule off.",
        type: "object",
        properties: rules,
        additionalProperties: false,
      },
      include: {
        description: "Include bases for include <...> and abi <...>, relative to this file, searched after -I.",
        type: "array",
        items: { type: "string" },
      },
      ignorePatterns: {
        description: "Files not to lint, and included files whose findings are not reported; gitignore-like, relative to this file, with AppArmor glob syntax; a leading ! takes matching paths back, and the last matching pattern decides.",
        type: "array",
        items: { type: "string" },
      },
    },
    $defs: {
      severity: SEVERITY,
      preset: { enum: [...PRESET_NAMES] },
    },
  };
}
