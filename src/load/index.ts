/**
 * The apparmor_parser bridge as a library: compile, load and unload through the real compiler, with its
 * messages mapped back to the user's source.
 */
export {
  CODES, EXIT_2_CODES, INSTALL_HELP, KERNEL_ENABLED_PATH, ParserBridge, STDIN_NAME, describeInvocation, lookupProblem,
  type BridgeOptions, type CompileRequest, type CompileResult, type Invocation, type LoadMode,
} from "./bridge.js";
export { compareWithParser, type CompareOptions, type CompareSummary, type ComparedFile } from "./compare.js";
export { parseCompilerOutput, type CompilerMessage, type CompilerOutput, type EnvironmentProblem } from "./messages.js";
export { compareVersions, constructUses, tooNewAt, type ConstructUse } from "./newer.js";
export { DEFAULT_TIMEOUT_MS, findParser, parseVersion, runParser, type ParserLookup, type RunOutcome } from "./process.js";
export { SourceMap, type Place } from "./source-map.js";
