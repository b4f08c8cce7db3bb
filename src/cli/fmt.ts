/**
 * `aaprof fmt` (not yet built).
 */
import type { Command } from "commander";
import type { CommandContext } from "./shared.js";

export function registerFmt(_program: Command, _ctx: CommandContext): void {}
