/**
 * The token vocabulary of the AppArmor profile language.
 *
 * These mirror the terminals of upstream's bison grammar (parser/parser_yacc.y) one to one, so that the
 * parser in ./parser.ts can follow that grammar rule for rule. The tokens are produced by the modal
 * scanner in ./lexer.ts rather than by Chevrotain's own lexer, because which token a word becomes depends
 * on the scanner state in ways a first-match lexer cannot express (see that file).
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** `label` is the spelling used in diagnostics ("expected ',' …"), so it speaks AppArmor. */
function token(name: string, label: string): TokenType {
  return createToken({ name, pattern: Lexer.NA, label });
}

// Words and values
export const Id = token("Id", "a name or path");
export const Value = token("Value", "a value");
export const CondId = token("CondId", "a conditional such as 'name='");
export const CondListId = token("CondListId", "'peer=(' or 'xattrs=('");
export const Mode = token("Mode", "permissions such as 'rw'");
export const SetVar = token("SetVar", "a variable such as '@{HOME}'");
export const BoolVar = token("BoolVar", "a boolean such as '${enabled}'");
/** `include …` / `#include …` / `include if exists …`: the scanner reads the whole directive. */
export const Include = token("Include", "an include");

// Punctuation
export const Open = token("Open", "'{'");
export const Close = token("Close", "'}'");
export const OpenParen = token("OpenParen", "'('");
export const CloseParen = token("CloseParen", "')'");
export const EndOfRule = token("EndOfRule", "','");
export const Equals = token("Equals", "'='");
export const AddAssign = token("AddAssign", "'+='");
export const CondAssign = token("CondAssign", "'?='");
export const OverrideAssign = token("OverrideAssign", "':='");
export const Arrow = token("Arrow", "'->'");
export const Plus = token("Plus", "'+'");
export const Caret = token("Caret", "'^'");
export const Colon = token("Colon", "':'");
export const Le = token("Le", "'<='");
export const Lt = token("Lt", "'<'");
export const Ge = token("Ge", "'>='");
export const Gt = token("Gt", "'>'");
export const EqOp = token("EqOp", "'=='");
export const NeOp = token("NeOp", "'!='");

// Keywords (upstream's keyword_table plus the mode-specific access words)
export const Profile = token("Profile", "'profile'");
export const Hat = token("Hat", "'hat'");
export const Flags = token("Flags", "'flags='");
export const Identities = token("Identities", "'identities='");
export const Priority = token("Priority", "'priority='");
export const Audit = token("Audit", "'audit'");
export const Allow = token("Allow", "'allow'");
export const Deny = token("Deny", "'deny'");
export const Prompt = token("Prompt", "'prompt'");
export const Owner = token("Owner", "'owner'");
export const Other = token("Other", "'other'");
export const File = token("File", "'file'");
export const Link = token("Link", "'link'");
export const Subset = token("Subset", "'subset'");
export const Safe = token("Safe", "'safe'");
export const Unsafe = token("Unsafe", "'unsafe'");
export const Capability = token("Capability", "'capability'");
export const Network = token("Network", "'network'");
export const Unix = token("Unix", "'unix'");
export const Mount = token("Mount", "'mount'");
export const Remount = token("Remount", "'remount'");
export const Umount = token("Umount", "'umount'");
export const PivotRoot = token("PivotRoot", "'pivot_root'");
export const Dbus = token("Dbus", "'dbus'");
export const Signal = token("Signal", "'signal'");
export const Ptrace = token("Ptrace", "'ptrace'");
export const Userns = token("Userns", "'userns'");
export const Mqueue = token("Mqueue", "'mqueue'");
export const IoUring = token("IoUring", "'io_uring'");
export const All = token("All", "'all'");
export const ChangeProfile = token("ChangeProfile", "'change_profile'");
export const Set = token("Set", "'set'");
export const Rlimit = token("Rlimit", "'rlimit'");
export const Alias = token("Alias", "'alias'");
export const Abi = token("Abi", "'abi'");
export const If = token("If", "'if'");
export const Else = token("Else", "'else'");
export const Not = token("Not", "'not'");
export const And = token("And", "'and'");
export const Or = token("Or", "'or'");
export const Defined = token("Defined", "'defined'");
export const In = token("In", "'in'");
export const Peer = token("Peer", "'peer'");
// Access words that only exist inside some rule kinds
export const Create = token("Create", "'create'");
export const Shutdown = token("Shutdown", "'shutdown'");
export const Accept = token("Accept", "'accept'");
export const Connect = token("Connect", "'connect'");
export const Listen = token("Listen", "'listen'");
export const Setopt = token("Setopt", "'setopt'");
export const Getopt = token("Getopt", "'getopt'");
export const Setattr = token("Setattr", "'setattr'");
export const Getattr = token("Getattr", "'getattr'");
export const Send = token("Send", "'send'");
export const Receive = token("Receive", "'receive'");
export const Bind = token("Bind", "'bind'");
export const Read = token("Read", "'read'");
export const Write = token("Write", "'write'");
export const Eavesdrop = token("Eavesdrop", "'eavesdrop'");
export const Trace = token("Trace", "'trace'");
export const Tracedby = token("Tracedby", "'tracedby'");
export const Readby = token("Readby", "'readby'");
export const OpenAccess = token("OpenAccess", "'open'");
export const Delete = token("Delete", "'delete'");
export const OverrideCreds = token("OverrideCreds", "'override_creds'");
export const Sqpoll = token("Sqpoll", "'sqpoll'");

export const allTokens: TokenType[] = [
  Id, Value, CondId, CondListId, Mode, SetVar, BoolVar, Include,
  Open, Close, OpenParen, CloseParen, EndOfRule, Equals, AddAssign, CondAssign, OverrideAssign, Arrow, Plus,
  Caret, Colon, Le, Lt, Ge, Gt, EqOp, NeOp,
  Profile, Hat, Flags, Identities, Priority, Audit, Allow, Deny, Prompt, Owner, Other, File, Link, Subset, Safe,
  Unsafe, Capability, Network, Unix, Mount, Remount, Umount, PivotRoot, Dbus, Signal, Ptrace, Userns, Mqueue,
  IoUring, All, ChangeProfile, Set, Rlimit, Alias, Abi, If, Else, Not, And, Or, Defined, In, Peer,
  Create, Shutdown, Accept, Connect, Listen, Setopt, Getopt, Setattr, Getattr, Send, Receive, Bind, Read, Write,
  Eavesdrop, Trace, Tracedby, Readby, OpenAccess, Delete, OverrideCreds, Sqpoll,
];

/**
 * Upstream's keyword_table (parser_misc.c): a bare word in the default scanner state is looked up here.
 * `open` is deliberately absent: upstream maps it to '{' by accident, which nobody relies on.
 */
export const keywordTable: ReadonlyMap<string, TokenType> = new Map([
  ["network", Network], ["unix", Unix], ["capability", Capability], ["if", If], ["else", Else], ["not", Not],
  ["defined", Defined], ["change_profile", ChangeProfile], ["unsafe", Unsafe], ["safe", Safe], ["link", Link],
  ["owner", Owner], ["user", Owner], ["other", Other], ["subset", Subset], ["audit", Audit], ["deny", Deny],
  ["allow", Allow], ["prompt", Prompt], ["set", Set], ["rlimit", Rlimit], ["alias", Alias], ["rewrite", Alias],
  ["ptrace", Ptrace], ["file", File], ["mount", Mount], ["remount", Remount], ["umount", Umount],
  ["unmount", Umount], ["pivot_root", PivotRoot], ["in", In], ["dbus", Dbus], ["signal", Signal], ["send", Send],
  ["receive", Receive], ["bind", Bind], ["read", Read], ["write", Write], ["eavesdrop", Eavesdrop],
  ["peer", Peer], ["trace", Trace], ["tracedby", Tracedby], ["readby", Readby], ["abi", Abi],
  ["userns", Userns], ["mqueue", Mqueue], ["delete", Delete], ["io_uring", IoUring],
  ["override_creds", OverrideCreds], ["sqpoll", Sqpoll], ["all", All], ["priority", Priority], ["and", And],
  ["or", Or],
]);
