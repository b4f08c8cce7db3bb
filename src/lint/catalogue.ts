/**
 * Every lint rule, and the presets built from their metadata.
 *
 * Codes are banded and never reused, so a code in a suppression comment or a SARIF upload keeps meaning
 * the same thing:
 *   AA30xx suppression comments · AA31xx over-broad and allow-everything grants · AA32xx execution and
 *   profile transitions · AA33xx secrets and kernel interfaces · AA34xx network and IPC peers ·
 *   AA35xx profile modes · AA36xx redundancy · AA37xx conventions.
 * (AA0xxx input, AA1xxx syntax and AA2xxx compiler checks belong to `aaprof check`.)
 */
import type { RuleSetting } from "./config.js";
import { PRESET_NAMES, type LintRule, type PresetName } from "./rule.js";
import abiRequire from "./rules/abi-require.js";
import capabilityNoAllowAll from "./rules/capability-no-allow-all.js";
import capabilityNoDangerous from "./rules/capability-no-dangerous.js";
import changeProfileNoAllowAll from "./rules/change-profile-no-allow-all.js";
import changeProfileNoUnconfined from "./rules/change-profile-no-unconfined.js";
import dbusRequirePeer from "./rules/dbus-require-peer.js";
import execNoInheritInterpreter from "./rules/exec-no-inherit-interpreter.js";
import execNoUnconfinedFallback from "./rules/exec-no-unconfined-fallback.js";
import execNoUnconfined from "./rules/exec-no-unconfined.js";
import execRequireScrub from "./rules/exec-require-scrub.js";
import fileNoAllowAll from "./rules/file-no-allow-all.js";
import fileNoContainerSocket from "./rules/file-no-container-socket.js";
import fileNoGlobalWrite from "./rules/file-no-global-write.js";
import fileNoKernelInterface from "./rules/file-no-kernel-interface.js";
import fileNoSecrets from "./rules/file-no-secrets.js";
import fileNoSystemTreeWrite from "./rules/file-no-system-tree-write.js";
import fileNoWriteExec from "./rules/file-no-write-exec.js";
import filePermissionOrder from "./rules/file-permission-order.js";
import includeNoLegacySyntax from "./rules/include-no-legacy-syntax.js";
import ioUringNoAllowAll from "./rules/io-uring-no-allow-all.js";
import ipcNoAllowAll from "./rules/ipc-no-allow-all.js";
import mountNoAllowAll from "./rules/mount-no-allow-all.js";
import networkNoAllowAll from "./rules/network-no-allow-all.js";
import networkNoRawSocket from "./rules/network-no-raw-socket.js";
import pathPreferVariable from "./rules/path-prefer-variable.js";
import profileNoAllowAll from "./rules/profile-no-allow-all.js";
import profileNoComplainMode from "./rules/profile-no-complain-mode.js";
import profileNoEmpty from "./rules/profile-no-empty.js";
import profileNoUnconfinedMode from "./rules/profile-no-unconfined-mode.js";
import profileRequireLocalInclude from "./rules/profile-require-local-include.js";
import ptraceNoAllowAll from "./rules/ptrace-no-allow-all.js";
import ptraceRequirePeer from "./rules/ptrace-require-peer.js";
import ruleNoCovered from "./rules/rule-no-covered.js";
import ruleNoDeadAllow from "./rules/rule-no-dead-allow.js";
import ruleNoDuplicate from "./rules/rule-no-duplicate.js";
import signalRequirePeer from "./rules/signal-require-peer.js";
import suppressionInvalid from "./rules/suppression-invalid.js";
import suppressionNoUnused from "./rules/suppression-no-unused.js";
import suppressionRequireReason from "./rules/suppression-require-reason.js";
import unixRequirePeer from "./rules/unix-require-peer.js";
import usernsNoAllowAll from "./rules/userns-no-allow-all.js";
import variableNoUnused from "./rules/variable-no-unused.js";
import variableRequireTunables from "./rules/variable-require-tunables.js";

export const ALL_RULES: readonly LintRule[] = [
  abiRequire,
  capabilityNoAllowAll,
  capabilityNoDangerous,
  changeProfileNoAllowAll,
  changeProfileNoUnconfined,
  dbusRequirePeer,
  execNoInheritInterpreter,
  execNoUnconfinedFallback,
  execNoUnconfined,
  execRequireScrub,
  fileNoAllowAll,
  fileNoContainerSocket,
  fileNoGlobalWrite,
  fileNoKernelInterface,
  fileNoSecrets,
  fileNoSystemTreeWrite,
  fileNoWriteExec,
  filePermissionOrder,
  includeNoLegacySyntax,
  ioUringNoAllowAll,
  ipcNoAllowAll,
  mountNoAllowAll,
  networkNoAllowAll,
  networkNoRawSocket,
  pathPreferVariable,
  profileNoAllowAll,
  profileNoComplainMode,
  profileNoEmpty,
  profileNoUnconfinedMode,
  profileRequireLocalInclude,
  ptraceNoAllowAll,
  ptraceRequirePeer,
  ruleNoCovered,
  ruleNoDeadAllow,
  ruleNoDuplicate,
  signalRequirePeer,
  suppressionInvalid,
  suppressionNoUnused,
  suppressionRequireReason,
  unixRequirePeer,
  usernsNoAllowAll,
  variableNoUnused,
  variableRequireTunables,
  // Codes are ASCII: code-unit order is their order, without starting ICU's collator (~9 ms) at every start.
].sort((a, b) => (a.meta.code < b.meta.code ? -1 : a.meta.code > b.meta.code ? 1 : 0));

export interface Catalogue {
  rules: readonly LintRule[];
  find(codeOrName: string): LintRule | undefined;
  /** The preset's entries: a setting, or "off" where it turns a rule off. */
  preset(name: PresetName): Map<LintRule, RuleSetting | "off">;
}

export function makeCatalogue(rules: readonly LintRule[]): Catalogue {
  const byKey = new Map<string, LintRule>();
  for (const r of rules) {
    byKey.set(r.meta.code.toUpperCase(), r);
    byKey.set(r.meta.name, r);
  }
  const presets = new Map<PresetName, Map<LintRule, RuleSetting | "off">>();
  for (const p of PRESET_NAMES) {
    const m = new Map<LintRule, RuleSetting | "off">();
    for (const r of rules) {
      const entry = r.meta.presets[p];
      if (!entry) continue;
      if (entry === "off") {
        m.set(r, "off");
        continue;
      }
      const [severity, given] = Array.isArray(entry) ? entry : [entry, {}];
      const options: Record<string, unknown> = {};
      for (const [k, spec] of Object.entries(r.meta.options ?? {})) options[k] = spec.default;
      m.set(r, { severity, options: { ...options, ...given } });
    }
    presets.set(p, m);
  }
  return {
    rules,
    find: (key) => byKey.get(key) ?? byKey.get(key.toUpperCase()),
    preset: (name) => new Map(presets.get(name)),
  };
}

export const catalogue: Catalogue = makeCatalogue(ALL_RULES);
