/**
 * A progress line for long runs on a terminal: shown after a second, rewritten in place, erased at the end.
 * Never in CI logs or piped output, where it would only be noise.
 */
export interface Progress {
  tick(done: number): void;
  end(): void;
}

const SILENT: Progress = { tick() {}, end() {} };

export function progress(verb: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env["CI"] || total < 2) return SILENT;
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    tick(done) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r${verb} ${done}/${total} files…`);
    },
    end() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}
