package io.densekit.kernel.cuda.driver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what a test needs from a cubin (a 64-bit little-endian CUDA ELF): the machine, the sm
 * number nvcc writes into byte 1 of e_flags, and the global functions of its symbol table (the kernels).
 */
record CubinElf(int machine, int arch, Set<String> kernels) {
    static final int EM_CUDA = 190;

    static CubinElf read(byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x464c457f || image[4] != 2) {
            throw new IllegalArgumentException("not a 64-bit ELF file");
        }
        int machine = Short.toUnsignedInt(b.getShort(18));
        int arch = (b.getInt(48) >> 8) & 0xff;
        long shoff = b.getLong(40);
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));
        Set<String> kernels = new TreeSet<>();
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            if (b.getInt(sh + 4) != 2) { // SHT_SYMTAB
                continue;
            }
            int strtab = (int) b.getLong((int) (shoff + (long) b.getInt(sh + 40) * shentsize) + 24);
            int offset = (int) b.getLong(sh + 24);
            long count = b.getLong(sh + 32) / 24;
            for (int k = 0; k < count; k++) {
                int sym = offset + k * 24;
                int info = image[sym + 4] & 0xff;
                if ((info & 0xf) == 2 && (info >> 4) == 1) { // STT_FUNC, STB_GLOBAL
                    kernels.add(cString(image, strtab + b.getInt(sym)));
                }
            }
        }
        return new CubinElf(machine, arch, kernels);
    }

    private static String cString(byte[] b, int at) {
        int end = at;
        while (b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.US_ASCII);
    }
}
