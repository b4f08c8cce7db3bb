/**
 * Risk data the security rules share, kept as data so that a ranking can be argued with line by line.
 *
 * Capability ranks start from upstream's utils/severity.db (0–10, what aa-logprof shows as "Severity") and
 * raise four capabilities that later escapes and kernel changes made worse than the 2010-era file says:
 * bpf (loads programs that read kernel memory), sys_boot (kexec a new kernel), dac_read_search (the
 * "shocker" container escape: open_by_handle_at reads any file on the host) and perfmon.
 */

export const CAPABILITY_RANK: Readonly<Record<string, number>> = {
  // Full control of the kernel or of AppArmor itself.
  sys_admin: 10, sys_module: 10, sys_rawio: 10, sys_ptrace: 10, mac_admin: 10, mac_override: 10,
  bpf: 10, sys_boot: 10,
  // Breaks the file permission model, identities or the capability bounding set.
  dac_override: 9, dac_read_search: 9, setuid: 9, setgid: 9, setpcap: 9, setfcap: 9, chown: 9, fowner: 9,
  fsetid: 9, mknod: 9, linux_immutable: 9, sys_chroot: 9, checkpoint_restore: 9, perfmon: 9, net_admin: 9,
  // Powerful but bounded.
  sys_time: 8, sys_resource: 8, kill: 8, ipc_owner: 8, sys_pacct: 8, net_bind_service: 8, net_raw: 8,
  sys_nice: 8, lease: 8, ipc_lock: 8, sys_tty_config: 8, audit_control: 8, audit_write: 8, syslog: 8,
  wake_alarm: 8, block_suspend: 8,
  audit_read: 7,
  net_broadcast: 0,
};

/** Why each of the most dangerous capabilities is dangerous, for messages. */
export const CAPABILITY_REASON: Readonly<Record<string, string>> = {
  sys_admin: "it is the catch-all for mount, namespaces, BPF maps, quotas and hundreds of kernel operations",
  sys_module: "it loads kernel modules: arbitrary code in the kernel",
  sys_rawio: "it gives raw access to I/O ports and block devices",
  sys_ptrace: "it traces and reads the memory of any process, outside AppArmor's ptrace rules",
  mac_admin: "it changes the MAC policy itself, AppArmor included",
  mac_override: "it overrides the MAC policy",
  bpf: "it loads BPF programs and maps, which read kernel memory",
  sys_boot: "it reboots the machine and loads a new kernel with kexec",
  dac_override: "it ignores file owner and mode bits on every file",
  dac_read_search: "it reads any file and opens files by handle (the 'shocker' container escape)",
  setuid: "it switches to any user id, root included",
  setgid: "it switches to any group id",
  setpcap: "it changes capability sets, its own bounding set included",
  setfcap: "it sets file capabilities, so a program it writes runs privileged",
  chown: "it gives any file to any user",
  fowner: "it acts as the owner of any file",
  fsetid: "it keeps setuid and setgid bits on files it changes",
  mknod: "it creates device nodes, such as one for the host disk",
  linux_immutable: "it clears the immutable and append-only flags",
  sys_chroot: "it changes root, a step in several escapes",
  checkpoint_restore: "it restores processes with chosen pids and state",
  perfmon: "it opens performance counters that leak kernel and other processes' data",
  net_admin: "it reconfigures interfaces, routing and the firewall",
};

/** Directory trees where a write grant on the whole tree is dangerous. `ownerExempt`: fine with `owner`. */
export interface SensitiveRoot {
  /** A glob for "any entry directly in the tree"; a rule whose path includes it covers the whole tree. */
  probe: string;
  label: string;
  ownerExempt: boolean;
}

export const SENSITIVE_ROOTS: readonly SensitiveRoot[] = [
  { probe: "/etc/*", label: "/etc", ownerExempt: false },
  { probe: "/usr/*", label: "/usr", ownerExempt: false },
  { probe: "/bin/*", label: "/bin", ownerExempt: false },
  { probe: "/sbin/*", label: "/sbin", ownerExempt: false },
  { probe: "/lib/*", label: "/lib", ownerExempt: false },
  { probe: "/lib32/*", label: "/lib32", ownerExempt: false },
  { probe: "/lib64/*", label: "/lib64", ownerExempt: false },
  { probe: "/libx32/*", label: "/libx32", ownerExempt: false },
  { probe: "/boot/*", label: "/boot", ownerExempt: false },
  { probe: "/var/lib/*", label: "/var/lib", ownerExempt: false },
  { probe: "/dev/*", label: "/dev", ownerExempt: false },
  { probe: "/sys/*", label: "/sys", ownerExempt: false },
  { probe: "/proc/*", label: "/proc", ownerExempt: false },
  // Home directories: a user's own files are theirs to write, so `owner` makes these acceptable.
  { probe: "/root/*", label: "/root", ownerExempt: true },
  { probe: "/home/*/*", label: "every home directory", ownerExempt: true },
];

/** A literal path that stands for a class of sensitive files, and what it is. */
export interface Probe {
  path: string;
  label: string;
}

/** Secrets: password hashes, sudo policy, private keys. Any access is a finding. */
export const SECRET_PROBES: readonly Probe[] = [
  { path: "/etc/shadow", label: "/etc/shadow" },
  { path: "/etc/shadow-", label: "/etc/shadow" },
  { path: "/etc/gshadow", label: "/etc/gshadow" },
  { path: "/etc/sudoers", label: "/etc/sudoers" },
  { path: "/etc/sudoers.d/local", label: "/etc/sudoers.d" },
  { path: "/etc/ssh/ssh_host_ed25519_key", label: "SSH host keys" },
  { path: "/home/user/.ssh/id_ed25519", label: "users' SSH keys" },
  { path: "/home/user/.gnupg/private-keys-v1.d/key.key", label: "users' GnuPG keys" },
  { path: "/root/.ssh/id_ed25519", label: "root's SSH keys" },
];

/** Kernel memory and hardware: any access is a finding. */
export const KERNEL_MEMORY_PROBES: readonly Probe[] = [
  { path: "/proc/1/mem", label: "another process's memory (/proc/*/mem)" },
  { path: "/proc/kcore", label: "kernel memory (/proc/kcore)" },
  { path: "/dev/mem", label: "physical memory (/dev/mem)" },
  { path: "/dev/kmem", label: "kernel memory (/dev/kmem)" },
  { path: "/dev/port", label: "I/O ports (/dev/port)" },
];

/** Kernel interfaces where a write changes the whole system or AppArmor itself. */
export const KERNEL_WRITE_PROBES: readonly Probe[] = [
  { path: "/proc/sys/kernel/core_pattern", label: "kernel settings (/proc/sys)" },
  { path: "/proc/sys/kernel/modprobe", label: "kernel settings (/proc/sys)" },
  { path: "/proc/sysrq-trigger", label: "the magic SysRq trigger" },
  { path: "/sys/kernel/security/apparmor/.load", label: "the security filesystem (/sys/kernel/security)" },
  { path: "/sys/kernel/uevent_helper", label: "the uevent helper (/sys/kernel/uevent_helper)" },
  { path: "/sys/fs/cgroup/release_agent", label: "a cgroup release agent" },
];

/**
 * Trees where a write grant on every entry is a finding, though single files in them are routine: a task
 * writes its own attr/current to change hat or profile (mediated by change_profile rules), but a rule for
 * every attr file of every process is not written for that.
 */
export const KERNEL_WRITE_TREES: readonly { probe: string; label: string }[] = [
  { probe: "/proc/*/attr/*", label: "every process's security attributes (@{PROC}/*/attr)" },
];

/**
 * Container runtime control sockets: whoever can connect can start a privileged container. Connecting to
 * a Unix socket needs write permission on it, so only write and append are findings.
 */
export const RUNTIME_SOCKET_PROBES: readonly Probe[] = [
  { path: "/run/docker.sock", label: "the Docker socket" },
  { path: "/var/run/docker.sock", label: "the Docker socket" },
  { path: "/run/containerd/containerd.sock", label: "the containerd socket" },
  { path: "/run/crio/crio.sock", label: "the CRI-O socket" },
  { path: "/var/run/crio/crio.sock", label: "the CRI-O socket" },
  { path: "/run/podman/podman.sock", label: "the Podman socket" },
  { path: "/run/k3s/containerd/containerd.sock", label: "the k3s containerd socket" },
];

/** Shells and interpreters: running one with `ix` lets the profile run arbitrary code it is handed. */
export const INTERPRETER_NAMES: readonly string[] = [
  "sh", "bash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "busybox",
  "python", "python2", "python3", "perl", "ruby", "node", "nodejs", "lua", "php", "tclsh", "pwsh",
];

export const INTERPRETER_DIRS: readonly string[] = ["/bin/", "/usr/bin/", "/usr/local/bin/", "/sbin/", "/usr/sbin/"];

/** Literal paths that stand for "a shell or interpreter in a standard place". */
export function interpreterProbes(): Probe[] {
  return INTERPRETER_DIRS.flatMap((d) => INTERPRETER_NAMES.map((n) => ({ path: d + n, label: n })));
}
