/**
 * A synthetic profile tree for benchmarks: about 2,000 profiles and the abstractions they include (~10 MB),
 * generated deterministically from the bundled fixtures, so a run measures the same work on every machine.
 *
 *   node dist/bench/synthetic.js OUT_DIR [--profiles N]
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { random } from "../test/robustness/mutate.js";

/** The repository root, from the source (bench/) or the build (dist/bench/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const root = repoRoot();

/** Rule lines in the style of real profiles, to vary the generated bodies. */
const RULE_TEMPLATES = [
  "  /usr/lib/@N/** mr,", "  /etc/@N/ r,", "  /etc/@N/** r,", "  owner @{HOME}/.config/@N/** rw,",
  "  owner @{HOME}/.cache/@N/** rwk,", "  /var/lib/@N/ r,", "  owner /var/lib/@N/** rwk,", "  /var/log/@N/*.log w,",
  "  @{run}/@N/ rw,", "  @{run}/@N/** rwk,", "  /usr/share/@N/** r,", "  /usr/bin/@N-helper ix,",
  "  /usr/libexec/@N/* Px -> @P_helper,", "  network inet stream,", "  network inet6 stream,",
  "  network unix stream,", "  capability setuid,", "  capability setgid,", "  capability net_bind_service,",
  "  signal receive set=(term, hup) peer=unconfined,", "  unix (send, receive) type=stream peer=(label=@N),",
  "  dbus send bus=system path=/org/freedesktop/@N interface=org.freedesktop.@N member=Get peer=(name=org.freedesktop.@N),",
  "  owner @{PROC}/@{pid}/fd/ r,", "  @{PROC}/sys/kernel/random/uuid r,", "  deny /etc/shadow r,",
  "  /dev/@N rw,", "  /sys/devices/system/cpu/** r,", "  mount fstype=tmpfs options=(rw, nosuid) tmpfs -> /run/@N/,",
];

/** Rule lines for one body: every template that names no path at most once, the rest as often as wanted. */
function ruleLines(count: number, name: string, int: (n: number) => number, serial: { n: number }): string[] {
  const fixed = RULE_TEMPLATES.filter((t) => !t.includes("@N"));
  const varying = RULE_TEMPLATES.filter((t) => t.includes("@N"));
  const lines = fixed.filter(() => int(3) === 0).map((t) => t.replaceAll("@P", name));
  while (lines.length < count) {
    lines.push(varying[int(varying.length)]!.replaceAll("@P", name).replaceAll("@N", `${name}x${serial.n++}`));
  }
  return lines;
}

export function generateTree(out: string, profiles = 2000, seed = 42): { files: number; bytes: number } {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const fixtures = join(root, "fixtures", "profiles");
  for (const d of ["abi", "tunables", "abstractions", "local"]) cpSync(join(fixtures, d), join(out, d), { recursive: true });
  const rand = random(seed);
  const int = (n: number) => Math.floor(rand() * n);
  let bytes = 0;
  // Shared abstractions the generated profiles include, as real trees have dozens.
  for (let a = 0; a < 40; a++) {
    const name = `app${a}`;
    const lines = [`# abstraction ${name}`, ...ruleLines(20 + int(30), name, int, { n: 0 })];
    const text = lines.join("\n") + "\n";
    writeFileSync(join(out, "abstractions", name), text);
    bytes += text.length;
  }
  const daemon = readFileSync(join(fixtures, "usr.sbin.exampled"), "utf8");
  for (let i = 0; i < profiles; i++) {
    const name = `synthetic${i}`;
    const rules = ruleLines(60 + int(80), name, int, { n: 0 });
    const includes = Array.from({ length: 2 + int(6) }, () => `  include <abstractions/app${int(40)}>`);
    const body = [
      "abi <abi/4.0>,", "", "include <tunables/global>", "",
      `profile ${name} /usr/bin/${name} {`, "  include <abstractions/base>", ...new Set(includes), "",
      ...rules, "",
      `  include if exists <local/${name}>`, "}", "",
      `profile ${name}_helper /usr/libexec/${name}/* {`, "  include <abstractions/base>", "  /usr/libexec/** mr,", "}", "",
    ].join("\n");
    // Every tenth profile is the fixture daemon under a new name, so real-world shapes are in the mix.
    const text = i % 10 === 0 ? daemon.replace(/exampled/g, `${name}d`) + "\n" + body.split("\n").slice(4).join("\n") : body;
    writeFileSync(join(out, `usr.bin.${name}`), text);
    bytes += text.length;
  }
  return { files: profiles + 40, bytes };
}

/** One profile of about `bytes` characters (issue 5's 1 MB case): the template rules, each on its own path. */
export function largeProfile(bytes = 1_000_000, seed = 7): string {
  const rand = random(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const head = ["abi <abi/4.0>,", "", "include <tunables/global>", "", "profile large /usr/bin/large {",
    "  include <abstractions/base>", ""];
  const lines: string[] = [];
  let size = head.join("\n").length;
  const serial = { n: 0 };
  while (size < bytes) {
    for (const line of ruleLines(50, "large", int, serial)) {
      lines.push(line);
      size += line.length + 1;
    }
    lines.push(`  # group ${serial.n}`);
  }
  return [...head, ...lines, "}", ""].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? "synthetic-tree");
  const n = process.argv.indexOf("--profiles");
  const r = generateTree(out, n > 0 ? Number(process.argv[n + 1]) : 2000);
  console.log(`wrote ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB to ${out}`);
}
