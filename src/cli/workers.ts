/**
 * What worker threads can be asked to do, by name: one entry per command that spreads over cores.
 */
import type { PoolHandler } from "../project/pool.js";
import { checkWorker } from "./check.js";
import { lintWorker } from "./lint.js";

export const workerHandlers: Readonly<Record<string, PoolHandler>> = {
  check: checkWorker,
  lint: lintWorker,
};
