#!/usr/bin/env python3
"""JCuda's driver binding against a real libcuda, without Java: the second step of
scripts/gpu-first-contact.sh.

JCuda's libJCudaDriver imports ~300 cu* functions and binds them lazily: one that the driver lacks
ends the JVM when first called, with no Java exception. So before any Java runs, this lists the
undefined cu* symbols of libJCudaDriver (read from the jcuda-natives jar, ELF .dynsym), takes the
ones densekit calls (the driver functions the emulator implements rather than stubs: the emulator
must implement every one densekit calls, or the tests fail), and looks each up in libcuda with
dlsym. Exit 0 when every one densekit calls resolves; the others that do not are listed as INFO.

Usage: jcuda_symbols.py --libcuda PATH --jar jcuda-natives-*.jar [--emulator fake_cuda.cpp]
"""
import argparse
import ctypes
import io
import os
import re
import struct
import sys
import zipfile


def undefined_symbols(elf):
    """The undefined global symbols of a 64-bit little-endian ELF shared library, and its DT_NEEDED."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        raise ValueError("not a 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", elf, 40)
    shentsize, shnum = struct.unpack_from("<HH", elf, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    names, needed = set(), []
    for s in sections:
        kind, offset, size, link = s[1], s[4], s[5], s[6]
        strtab = sections[link][4]

        def string(at):
            return elf[strtab + at:elf.index(b"\0", strtab + at)].decode()

        if kind == 11:  # SHT_DYNSYM
            for k in range(size // 24):
                st_name, st_info, _, st_shndx = struct.unpack_from("<IBBH", elf, offset + k * 24)
                if st_shndx == 0 and st_name and (st_info >> 4) in (1, 2):  # undefined, global or weak
                    names.add(string(st_name))
        elif kind == 6:  # SHT_DYNAMIC
            for k in range(size // 16):
                tag, value = struct.unpack_from("<qQ", elf, offset + k * 16)
                if tag == 1:  # DT_NEEDED
                    needed.append(string(value))
    return names, needed


def binding_from_jar(jar):
    with zipfile.ZipFile(jar) as z:
        libs = [n for n in z.namelist() if re.search(r"libJCudaDriver-.*\.so$", n)]
        if not libs:
            raise ValueError("%s holds no libJCudaDriver-*.so" % jar)
        return libs[0], z.read(libs[0])


def densekit_calls(emulator_source):
    """The driver functions the emulator implements: exactly those densekit calls, by their real names."""
    text = open(emulator_source).read()
    return set(re.findall(r"^CUresult (cu\w+)\(", text, re.M))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--libcuda", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--emulator", default=os.path.join(os.path.dirname(__file__), "..",
                                                       "src/test/emulator/fake_cuda.cpp"))
    args = ap.parse_args()
    name, elf = binding_from_jar(args.jar)
    imports, needed = undefined_symbols(elf)
    cu = sorted(s for s in imports if s.startswith("cu"))
    calls = densekit_calls(args.emulator)
    print("INFO %s: %d undefined cu* symbols; needs %s" % (name, len(cu), ", ".join(needed)))
    try:
        lib = ctypes.CDLL(args.libcuda)
    except OSError as e:
        print("FAIL cannot load %s: %s" % (args.libcuda, e))
        return 1

    def resolves(symbol):
        try:
            getattr(lib, symbol)
            return True
        except AttributeError:
            return False

    not_imported = sorted(calls - set(cu))
    if not_imported:
        print("FAIL densekit calls %s, which %s does not import (a renamed or versioned entry point?)" % (
            ", ".join(not_imported), name))
    used = sorted(calls & set(cu))
    missing_used = [s for s in used if not resolves(s)]
    missing_other = [s for s in cu if s not in calls and not resolves(s)]
    for s in used:
        print("%s %s" % ("ok     " if s not in missing_used else "MISSING", s))
    print("%s %d of the %d symbols densekit calls resolve in %s%s" % (
        "PASS" if not missing_used else "FAIL", len(used) - len(missing_used), len(used), args.libcuda,
        "; missing: " + ", ".join(missing_used) if missing_used else ""))
    print("INFO %d of JCuda's other %d imports are missing from this libcuda (a call to one would end the JVM): %s" % (
        len(missing_other), len(cu) - len(used), ", ".join(missing_other) or "none"))
    return 1 if missing_used or not_imported else 0


if __name__ == "__main__":
    sys.exit(main())
