/**
 * `aaprof k8s` (not yet built).
 */
import type { Command } from "commander";
import type { CommandContext } from "./shared.js";

export function registerK8s(_program: Command, _ctx: CommandContext): void {}
