import { describe, expect, it } from "vitest";
import { check, errors } from "../helpers.js";

const profile = (...rules: string[]) => `profile app /usr/bin/app {\n  ${rules.join("\n  ")}\n}\n`;
const MERGED = (path: string) => `profile app: has merged rule ${path} with conflicting x modifiers`;
const DFA = "profile has merged rule with conflicting x modifiers";

describe("exec conflicts", () => {
  it.each([
    ["same rule twice", ["/usr/bin/cat px,", "/usr/bin/cat px,"]],
    ["same mode and target", ["/usr/bin/cat Cx -> helper,", "owner /usr/bin/cat Cx -> helper,"]],
    ["leading and trailing forms", ["px /usr/bin/cat,", "/usr/bin/cat px,"]],
    ["owner and other halves", ["owner /usr/bin/cat px,", "other /usr/bin/cat cx,"]],
    ["exact beats a glob", ["/usr/bin/cat px,", "/usr/bin/* cx,"]],
    ["alternation beats a glob", ["/usr/bin/{cat,dog} px,", "/usr/bin/* cx,"]],
    ["positive class is exact", ["/usr/bin/[cd]at px,", "/usr/bin/* cx,"]],
    ["disjoint globs", ["/usr/bin/a* px,", "/usr/sbin/* cx,"]],
    ["'*' does not cross '/'", ["/* px,", "/usr/bin/cat cx,"]],
    ["different priorities", ["priority=1 /usr/bin/* px,", "/usr/bin/* cx,"]],
    ["deny rules", ["deny /usr/bin/* x,", "/usr/bin/a* px,"]],
    ["prompt rules at the DFA stage", ["prompt /usr/bin/* px,", "prompt /usr/bin/a* cx,"]],
    ["ux -> t is px -> t", ["/usr/bin/a* ux -> t,", "/usr/bin/* px -> t,"]],
    ["Pix -> t is ix -> t", ["/usr/bin/a* Pix -> t,", "/usr/bin/* ix -> t,"]],
    ["Px -> PROFILE//t is Cx -> t", ["/usr/bin/a* Px -> app//t,", "/usr/bin/* Cx -> t,"]],
    ["Cx to the rule's own path is Cx", ["/usr/bin/a* Cx -> /usr/bin/a*,", "/usr/bin/* Cx,"]],
    ["Pux is PUx", ["/usr/bin/a* Pux,", "/usr/bin/* PUx,"]],
    ["safe px is Px", ["safe /usr/bin/a* px,", "/usr/bin/* Px,"]],
    ["safe ix is ix", ["safe /usr/bin/a* ix,", "/usr/bin/* ix,"]],
    ["bare file with an exact exec rule", ["file,", "/usr/bin/cat px,"]],
    ["hats are separate", ["/usr/bin/* px,", "^hat {\n    /usr/bin/* cx,\n  }"]],
    ["untaken branches", ["/usr/bin/* px,", "if false {\n    /usr/bin/* cx,\n  }"]],
    ["rules without exec", ["/usr/bin/* r,", "/usr/bin/* px,", "/usr/bin/a* mr,"]],
  ])("accepts %s", (_name, rules) => {
    expect(errors(profile(...rules))).toEqual([]);
  });

  it.each([
    ["same path, different modes", ["/usr/bin/cat px,", "/etc/hosts r,", "/usr/bin/cat cx,"], MERGED("/usr/bin/cat")],
    ["unsafe Pix vs Pix", ["unsafe /usr/bin/foo Pix,", "/usr/bin/foo Pix,"], MERGED("/usr/bin/foo")],
    ["quoting does not matter", ['"/usr/bin/cat" px,', "/usr/bin/\\x63at cx,"], MERGED("/usr/bin/cat")],
    ["targets differ", ["/usr/bin/cat Px -> a,", "/usr/bin/cat Px -> b,"], MERGED("/usr/bin/cat")],
    ["owner half against both halves", ["owner /usr/bin/cat px,", "/usr/bin/cat cx,"], MERGED("/usr/bin/cat")],
    ["qualifier block and plain rule", ["owner {\n    /usr/bin/cat px,\n  }", "/usr/bin/cat ix,"], MERGED("/usr/bin/cat")],
    ["prompt rules at the merge stage", ["prompt /usr/bin/cat px,", "prompt /usr/bin/cat cx,"], MERGED("/usr/bin/cat")],
    ["glob contains glob", ["/usr/bin/* px,", "/usr/bin/** cx,"], DFA],
    ["ambiguous globs", ["/bin/a* px,", "/bin/*b Pix,"], DFA],
    ["alternation against a literal", ["/usr/bin/{cat,dog} px,", "/usr/bin/cat cx,"], DFA],
    ["audit keeps rules apart until the DFA", ["/usr/bin/cat px,", "audit /usr/bin/cat cx,"], DFA],
    ["allow keeps rules apart until the DFA", ["/usr/bin/cat px,", "allow /usr/bin/cat cx,"], DFA],
    ["slashes are collapsed before matching", ["/usr/bin/cat px,", "/usr/bin//cat cx,"], DFA],
    ["bare file with a glob exec rule", ["file,", "/usr/bin/* px,"], DFA],
    ["unsafe ix is not ix", ["unsafe /usr/bin/a* ix,", "/usr/bin/* ix,"], DFA],
    ["pux is not Pux", ["/usr/bin/a* pux,", "/usr/bin/* Pux,"], DFA],
    ["Px -> t is not Cx -> t", ["/usr/bin/a* Px -> t,", "/usr/bin/* Cx -> t,"], DFA],
    ["ix -> t is not ix", ["/usr/bin/a* ix -> t,", "/usr/bin/* ix,"], DFA],
    ["same priority", ["priority=3 /usr/bin/a* px,", "priority=3 /usr/bin/* cx,"], DFA],
    ["deny does not hide a conflict", ["deny /usr/bin/a* x,", "/usr/bin/a* px,", "/usr/bin/* cx,"], DFA],
  ])("rejects %s", (_name, rules, message) => {
    expect(errors(profile(...rules))).toEqual([message]);
  });

  it("reports every rule that conflicts with an earlier one", () => {
    expect(errors(profile("/b* px,", "/* Pixr,", "/a* Cx -> foo,"))).toEqual([DFA, DFA]);
    expect(errors(profile("/b px,", "/* Pixr,", "/a Cx -> foo,"))).toEqual([]);
  });

  it("sees variables with several values as alternations", () => {
    expect(errors("@{BIN} = /bin /usr/bin\n" + profile("@{BIN}/cat px,", "/usr/bin/cat cx,"))).toEqual([DFA]);
    expect(errors("@{BIN} = /bin\n" + profile("@{BIN}/cat px,", "/bin/cat cx,"))).toEqual([MERGED("/bin/cat")]);
  });

  it("applies aliases to the rule paths", () => {
    const alias = "alias /usr/ -> /mnt/usr/,\n";
    expect(errors(alias + profile("/usr/bin/cat px,", "/mnt/usr/bin/cat cx,"))).toEqual([MERGED("/mnt/usr/bin/cat")]);
    expect(errors(alias + profile("/usr/bin/* px,", "/mnt/usr/bin/a* cx,"))).toEqual([DFA]);
  });

  it("names the other rule and a path both match", () => {
    const d = check(profile("/bin/a* px,", "/bin/*b Pix,")).find((x) => x.code === "AA2021")!;
    expect(d.range.start.line).toBe(3);
    expect(d.help).toContain("'/bin/*b Pix' and '/bin/a* px' (line 2) both match '/bin/ab'");
  });

  it("stays fast on a large profile", () => {
    const modes = ["ix", "px", "Px", "cx", "Cx", "Ux"];
    const rules: string[] = [];
    for (let i = 0; i < 500; i++) {
      rules.push(`/usr/lib/app${i}/** ${modes[i % modes.length]},`, `/usr/bin/tool${i} ${modes[(i + 1) % modes.length]},`);
      rules.push(`/etc/app${i}/** r,`);
    }
    const started = Date.now();
    expect(errors(profile(...rules))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
