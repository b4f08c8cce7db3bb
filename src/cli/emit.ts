/**
 * `aaprof emit` (not yet built).
 */
import type { Command } from "commander";
import type { CommandContext } from "./shared.js";

export function registerEmit(_program: Command, _ctx: CommandContext): void {}
