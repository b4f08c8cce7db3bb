import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderGithub } from "../../src/diagnostics/render/github.js";
import { renderSarif } from "../../src/diagnostics/render/sarif.js";

const at = (line: number, column: number, endColumn: number) => ({
  start: { offset: 0, line, column },
  end: { offset: 0, line, column: endColumn },
});

const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  code: "AA3101", rule: "file-no-global-write", severity: "error", message: "msg", file: "/repo/p", range: at(2, 3, 6), ...over,
});

describe("github annotations", () => {
  it("escapes data and properties as the runner expects", () => {
    const out = renderGithub([{ filePath: "/repo/a,b:c", diagnostics: [d({ file: "/repo/a,b:c", message: "50% of\nlines", severity: "warning" })] }], { baseDir: "/repo" });
    expect(out).toBe("::warning file=a%2Cb%3Ac,line=2,col=3,endLine=2,endColumn=6,title=AA3101 file-no-global-write::50%25 of%0Alines\n");
  });

  it("names the include chain and the help", () => {
    const out = renderGithub([{ filePath: "/repo/p", diagnostics: [d({ file: "/etc/apparmor.d/abstractions/x", help: "do this", related: [{ file: "/repo/p", range: at(5, 3, 10), message: "included from here" }] })] }], { baseDir: "/repo" });
    expect(out).toContain("file=/etc/apparmor.d/abstractions/x,");
    expect(out).toContain("::msg%0Aincluded from p:5%0Ahelp: do this\n");
  });
});

describe("sarif", () => {
  it("gives codes without a descriptor one of their own, and keeps ruleIndex consistent", () => {
    const log = JSON.parse(renderSarif([{ filePath: "/repo/p", diagnostics: [d({ code: "AA2040", rule: "variable" }), d()] }], {
      toolName: "t", version: "1", baseDir: "/repo",
      rules: [{ id: "AA3101", name: "file-no-global-write", shortDescription: "s", helpText: "h", defaultLevel: "error", securitySeverity: 8 }],
    }));
    const { rules } = log.runs[0].tool.driver;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(["AA3101", "AA2040"]);
    expect(rules[0].properties["security-severity"]).toBe("8.0");
    expect(log.runs[0].results.map((r: { ruleIndex: number }) => r.ruleIndex)).toEqual([1, 0]);
  });

  it("writes paths outside the base as file URIs and the include chain as related locations", () => {
    const log = JSON.parse(renderSarif([{ filePath: "/repo/p", diagnostics: [d({ file: "/etc/x y", related: [{ file: "/repo/p", range: at(5, 3, 10), message: "included from here" }] })] }], { toolName: "t", version: "1", baseDir: "/repo" }));
    const r = log.runs[0].results[0];
    expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "file:///etc/x%20y" });
    expect(r.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: "p", uriBaseId: "%SRCROOT%" });
    expect(r.relatedLocations[0].message.text).toBe("included from here");
  });

  it("carries safe fixes as SARIF fixes", () => {
    const log = JSON.parse(renderSarif([{ filePath: "/repo/p", diagnostics: [d({ fix: { description: "write include", edits: [{ start: 10, end: 18, text: "include" }] } })] }], { toolName: "t", version: "1", baseDir: "/repo" }));
    expect(log.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { charOffset: 10, charLength: 8 }, insertedContent: { text: "include" },
    });
  });
});
