import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.js";

/** Token names of a text, for compact expectations. */
function names(text: string): string[] {
  return lex(text).tokens.map((t) => t.tokenType.name);
}

describe("scanner states", () => {
  it.each([
    ["a path and its permissions", "/etc/hosts r,", ["Id", "Mode", "EndOfRule"]],
    ["leading permissions", "rw /srv/x,", ["Mode", "Id", "EndOfRule"]],
    ["an exec transition", "/bin/x px -> target,", ["Id", "Mode", "Arrow", "Id", "EndOfRule"]],
    ["a comma glued to a word continues it", "/a,b r,", ["Id", "Mode", "EndOfRule"]],
    ["a comma before a space ends the rule", "/a, r", ["Id", "EndOfRule", "Id"]],
    ["an invalid permission string is a word", "/a ru,", ["Id", "Id", "EndOfRule"]],
    ["network words are names in network mode", "network inet stream,", ["Network", "Id", "Id", "EndOfRule"]],
    ["access keywords exist only in their rule", "dbus send bus=session,", ["Dbus", "Send", "CondId", "Equals", "Value", "EndOfRule"]],
    ["rw is a mode in dbus", "dbus rw,", ["Dbus", "Mode", "EndOfRule"]],
    ["parenthesised values", "signal (send, receive) set=(hup int),",
      ["Signal", "OpenParen", "Value", "Value", "CloseParen", "CondId", "Equals", "OpenParen", "Value", "Value", "CloseParen", "EndOfRule"]],
    ["a peer list", "unix peer=(label=foo addr=@bar),",
      ["Unix", "CondListId", "Equals", "OpenParen", "CondId", "Equals", "Value", "CondId", "Equals", "Value", "CloseParen", "EndOfRule"]],
    ["the flags list", "profile p flags=(complain) {", ["Profile", "Id", "Flags", "Equals", "OpenParen", "Value", "CloseParen", "Open"]],
    ["a variable assignment ends at the newline", "@{X} = a b\n/x r,", ["SetVar", "Equals", "Value", "Value", "Id", "Mode", "EndOfRule"]],
    ["a continued assignment", "@{X} = a \\\n b\n", ["SetVar", "Equals", "Value", "Value"]],
    ["a boolean assignment", "$B = true\n", ["BoolVar", "Equals", "Id"]],
    ["':=' glued to a variable is one word", "@{a}:=w", ["Id"]],
    ["an if condition", "if defined @{X} and not $B {", ["If", "Defined", "SetVar", "And", "Not", "BoolVar", "Open"]],
    ["rlimit values and units", "set rlimit as <= 1GB,", ["Set", "Rlimit", "Id", "Le", "Value", "Id", "EndOfRule"]],
    ["priority", "priority=-5 /x r,", ["Priority", "Equals", "Value", "Id", "Mode", "EndOfRule"]],
    ["a hat name follows '^' directly", "^hat {", ["Caret", "Id", "Open"]],
    ["'all' is a keyword before a comma", "all,", ["All", "EndOfRule"]],
    ["CRLF line ends", "/a r,\r\n/b w,\r\n", ["Id", "Mode", "EndOfRule", "Id", "Mode", "EndOfRule"]],
  ])("%s", (_name, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  // flex takes the longest match of `{IDS_NOEQ}|{LABEL}|{QUOTED_ID}`; a label may hold '=' and escapes.
  it.each([
    ["mount /a\\ b -> /m/,", "/a\\ b"],
    ["mount /a=b -> /m/,", "/a=b"],
    ["umount /a\\\"b,", "/a\\\"b"],
    // Upstream's IDS_NOEQ and LIST_VALUE_ID do not exclude '\r': with CRLF line ends it joins the word.
    ["dbus send\r\n bus=system,", "send\r"],
    ["network inet stream,\r\n", "stream,\r"],
    ["signal set=(hup\r\n int),", "hup\r"],
  ])("reads the longest word of a mount or condition rule: %s", (text, word) => {
    expect(lex(text).tokens.map((t) => t.image)).toContain(word);
  });

  it("needs a newline after a comment, even on the last line (upstream's rule is #.*\\r?\\n)", () => {
    expect(lex("/a r,\n# last\n").errors).toEqual([]);
    expect(lex("/a r,\n# last").errors.map((e) => e.message)).toEqual([
      "a comment on the last line needs a newline after it (apparmor_parser reports an unexpected '#')",
    ]);
  });

  it("reads include directives whole", () => {
    const { tokens } = lex("include if exists <local/x>\n#include \"/etc/y\"\n");
    expect(tokens.map((t) => t.payload)).toEqual([
      { raw: "<local/x>", ifExists: true, legacy: false },
      { raw: "\"/etc/y\"", ifExists: false, legacy: true },
    ]);
  });

  it("treats '# include' as a comment and '#includes' as an include of 's', as upstream does", () => {
    expect(lex("# include <x>\n").comments).toHaveLength(1);
    expect(lex("#includes foo\n").tokens[0]!.payload).toMatchObject({ raw: "s" });
  });

  it("keeps comments with their positions", () => {
    const { comments } = lex("/a r, # why\n# own line\n");
    expect(comments.map((c) => [c.text, c.startLine, c.startColumn])).toEqual([["# why", 1, 7], ["# own line", 2, 1]]);
  });

  it.each([
    ["a space after '^'", "^ hat {", "unexpected space in a profile or hat name"],
    ["'!' in a path", "/a!b r,", "unexpected '!' in a profile"],
    ["an unterminated quote", "\"/a r,\n", "unterminated quoted string: no closing '\"'"],
    ["a trailing comma in an assignment", "@{X} = a,\n", "variable declarations do not accept trailing commas"],
  ])("reports %s", (_name, text, message) => {
    expect(lex(text).errors[0]?.message).toBe(message);
  });
});
