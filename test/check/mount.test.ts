import { describe, expect, it } from "vitest";
import { check, errors } from "../helpers.js";

const profile = (body: string) => `@{HOME} = /home/*/\nprofile mounter /usr/sbin/mounter {\n  ${body}\n}\n`;

/** Errors of the mount check only, so other checks' findings do not blur these cases. */
const mountErrors = (text: string) =>
  check(text).filter((d) => d.code === "AA2056" && d.severity === "error").map((d) => d.message);

const ENCODING = "Encoding of mount rule failed";
const CONFLICT = "conflicting flags in the rule";

describe("mount rules: accepted", () => {
  it.each([
    "mount,",
    "mount /dev/sda1 -> /mnt/data/,",
    "mount fstype=ext4 options=(ro,nosuid,nodev) /dev/sda1 -> /mnt/data/,",
    "mount vfstype=ext4 option=ro /dev/sda1 -> /mnt/,",
    "mount options = (ro) options in (rw) fstype=ext4 -> /media/usb/,",
    "mount options=(ro) options=(rw) -> /media/usb/,",
    "mount options in (strictatime, nostrictatime) -> /srv/,",
    "mount fstype=ext3,ext4 /dev/sdb1 -> /srv/,",
    "mount fstype={procfs,sysfs} -> /proc/,",
    "mount fstype in (tmpfs ramfs) fstype=ext4 -> /tmp/,",
    'mount options="ro" /dev/sdb1 -> /srv/,',
    "mount options=(r, read-only) -> /srv/,",
    "mount options=(w) -> /srv/,",
    "mount options=(verbose,silent) -> /srv/,",
    "mount options=(user) -> /srv/,",
    "mount options=(B) /srv/a/ -> /srv/b/,",
    "mount options=(R) /srv/a/ -> /srv/b/,",
    "mount options=(M) /srv/a/ -> /srv/b/,",
    "mount options in (bind) /srv/a/ -> /srv/b/,",
    "mount options in (bind) fstype=ext4 -> /srv/b/,",
    "mount options=(private) -> /srv/,",
    "mount options=(rw,make-slave) -> **,",
    "mount options in (ro,private) -> /srv/,",
    "mount options in (private) /srv/a/ -> /srv/b/,",
    "mount options=(nosuid,private) /srv/a/ -> /srv/b/,",
    "mount options=(private) options=(ro) /srv/a/ -> /srv/b/,",
    "mount options=(private) options in (ro) /srv/a/ -> /srv/b/,",
    "mount options=(remount) -> /srv/,",
    "mount options=(rw,remount) -> /srv/,",
    "mount options=(move) /srv/a/,",
    "mount options=(ro,bind) fstype=ext4 /srv/a/ -> /srv/b/,",
    "mount detached -> /srv/,",
    "mount none -> /run/,",
    "mount @{HOME} -> /mnt/,",
    'mount fstype=nfs{,4} "*:=**" -> /var/snap/{a,b}/{,**},',
    "audit deny mount -> /secret/,",
    "priority=1 mount -> /srv/,",
  ])("%s", (rule) => {
    expect(mountErrors(profile(rule))).toEqual([]);
  });
});

describe("remount, umount and pivot_root: accepted", () => {
  it.each([
    "remount,",
    "remount /srv/,",
    "remount options=(ro) /srv/,",
    "remount options=(private) /srv/,",
    "remount fstype=ext4 /srv/,",
    "remount fstype=ext4 options=(ro) /srv/,",
    "umount,",
    "umount /srv/,",
    "unmount /srv/**,",
    "umount options=(private) fstype=x /srv/,",
    'umount fstype="{a" /srv/,',
    "pivot_root,",
    "pivot_root /newroot/,",
    "pivot_root oldroot=/newroot/old/ /newroot/,",
    "pivot_root oldroot in (/old/ /{a) /newroot/,",
    "pivot_root oldroot=/a/ oldroot=/b/ /newroot/,",
    "pivot_root foo=/x/ oldroot=/y/ /newroot/,",
    "pivot_root /newroot/ -> child,",
    "pivot_root -> {unclosed,",
  ])("%s", (rule) => {
    expect(mountErrors(profile(rule))).toEqual([]);
  });
});

describe("mount rules: rejected", () => {
  it.each([
    ["mount foo=bar /srv/,", ["invalid mount conditional foo"]],
    ["mount Options=(ro) /srv/,", ["invalid mount conditional Options"]],
    ["remount peer in (a) /srv/,", ["invalid mount conditional peer"]],
    ["mount -> fstype=ext4 /srv/,", ["mount point conditions not currently supported"]],
    ["mount -> options=(ro) /srv/,", ["mount point conditions not currently supported"]],
    ["mount options=(ro,XXX) /srv/,", ["unsupported mount option value 'XXX'"]],
    ["mount options=ro,noexec /dev/sda1 -> /mnt/,", ["unsupported mount option value 'ro,noexec'"]],
    ["mount options=(RO) -> /mnt/,", ["unsupported mount option value 'RO'"]],
    ["mount options in (nodirsync) -> /mnt/,", ["unsupported mount option value 'nodirsync'"]],
    ["mount options=(upperdir=/x) -> /mnt/,", ["unsupported mount option value 'upperdir=/x'"]],
    ["mount options=@{HOME} -> /mnt/,", ["unsupported mount option value '@{HOME}'"]],
    ['mount options="" -> /mnt/,', ["unsupported mount option value ''"]],
    ["umount options=(defaults) /mnt/,", ["unsupported mount option value 'defaults'"]],
    ["mount options=(rw, ro) -> /mnt/,", [CONFLICT]],
    ["mount options=(w, read-only) -> /mnt/,", [CONFLICT]],
    ["mount options=(strictatime,nostrictatime) -> /mnt/,", [CONFLICT]],
    ["mount options=(verbose,loud) -> /mnt/,", [CONFLICT]],
    ["mount options=(user,nouser) -> /mnt/,", [CONFLICT]],
    ["umount options=(ro,rw) /mnt/,", [CONFLICT]],
    ["remount options=(sync,async) /mnt/,", [CONFLICT]],
    ["mount options=(private) /srv/a/ -> /srv/b/,", [ENCODING]],
    ["mount options=(rw,make-rshared) /srv/a/ -> /srv/b/,", [ENCODING]],
    ["mount options=(slave) /snap/bin/** -> /**,", [ENCODING]],
    ["mount options=(remount) /srv/,", [ENCODING]],
    ["mount options=(remount) /srv/a/ -> /srv/b/,", [ENCODING]],
    ["mount options=(bind) fstype=ext4 /srv/a/ -> /srv/b/,", [ENCODING]],
    ["mount options=(move) fstype=ext4 -> /srv/b/,", [ENCODING]],
    ["remount fstype=ext4 options=(bind) /srv/,", [ENCODING]],
    ["remount fstype=ext4 options in (bind) /srv/,", [ENCODING]],
    ["mount {a -> /srv/,", ["Regex grouping error: Unclosed grouping or character class, expecting close }"]],
    ['mount fstype="{a" -> /srv/,', ["Regex grouping error: Unclosed grouping or character class, expecting close }"]],
    ['umount "/srv/{a",', ["Regex grouping error: Unclosed grouping or character class, expecting close }"]],
  ])("%s", (rule, expected) => {
    expect(mountErrors(profile(rule))).toEqual(expected);
  });
});

describe("pivot_root: rejected", () => {
  it.each([
    ["pivot_root foo=/x/ /newroot/,", ["invalid pivotroot conditional 'foo'"]],
    ["pivot_root oldroot=/y/ foo=/x/ /newroot/,", ["invalid pivotroot conditional 'foo'"]],
    ["pivot_root oldroot=/old/{a /newroot/,", ["Regex grouping error: Unclosed grouping or character class, expecting close }"]],
    ["pivot_root /newroot}/,", ["Regex grouping error: Invalid close }, no matching open { detected"]],
  ])("%s", (rule, expected) => {
    expect(mountErrors(profile(rule))).toEqual(expected);
  });
});

describe("parse-time and compile-time checks", () => {
  it.each([
    // Rules in an untaken branch are parsed, never compiled.
    ["if false {\n    mount options=(private) /srv/a/ -> /srv/b/,\n  }", []],
    ["if false {\n    mount options=(ro,rw) -> /srv/,\n  }", [CONFLICT]],
    ["if false {\n    mount bogus=1 -> /srv/,\n  }", ["invalid mount conditional bogus"]],
    // Qualifier blocks drop non-file rules after parsing them.
    ["audit {\n    mount options=(private) /srv/a/ -> /srv/b/,\n  }", []],
    ["audit {\n    mount options=(xyz) -> /srv/,\n  }", ["unsupported mount option value 'xyz'"]],
    // Hats and child profiles are compiled.
    ["^hat {\n    mount options=(private) /srv/a/ -> /srv/b/,\n  }", [ENCODING]],
  ])("%s", (body, expected) => {
    expect(mountErrors(profile(body))).toEqual(expected);
  });

  it("expands variables of live rules only", () => {
    expect(errors(profile("mount @{NOPE} -> /mnt/,"))).toEqual(["Failed to find declaration for: @{NOPE}"]);
    expect(errors(profile("pivot_root /newroot/ -> @{NOPE},"))).toEqual(["Failed to find declaration for: @{NOPE}"]);
    expect(errors(profile("audit {\n    mount @{NOPE} -> /mnt/,\n  }"))).toEqual([]);
  });

  it("points at the offending value and explains the fix", () => {
    const [d] = check(profile("mount options=ro,noexec /dev/sda1 -> /mnt/,")).filter((x) => x.code === "AA2056");
    expect(d!.range.start).toMatchObject({ line: 3, column: 17 });
    expect(d!.help).toBe("a list of options needs parentheses: options=(ro,noexec)");

    const [c] = check(profile("mount options=(rw, ro) -> /mnt/,")).filter((x) => x.code === "AA2056");
    expect(c!.range.start.column).toBe(22);
    expect(c!.help).toMatch(/'ro' contradicts 'rw'/);

    const [e] = check(profile("mount options=(private) /srv/a/ -> /srv/b/,")).filter((x) => x.code === "AA2056");
    expect(e!.range.start.column).toBe(27);
    expect(e!.help).toMatch(/drop the source and write `-> \/srv\/b\/`/);
  });

  it("warns about the deprecated source-only propagation form", () => {
    const ds = check(profile("mount options=(private) /srv/,")).filter((x) => x.code === "AA2056");
    expect(ds.map((d) => [d.severity, d.message])).toEqual([
      ["warning", "The use of source as mount point for propagation type flags is deprecated."],
    ]);
  });
});
