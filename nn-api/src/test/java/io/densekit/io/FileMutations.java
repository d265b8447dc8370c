package io.densekit.io;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random corruptions of valid files for the readers' fuzz tests. */
public final class FileMutations {
    private FileMutations() {
    }

    /**
     * One to four mutations: byte flips anywhere, truncation, insertion, deletion, or header edits
     * (characters from {@code alphabet} written into {@code [headerFrom, headerTo)}; none when that
     * range is empty).
     */
    public static byte[] mutate(byte[] valid, SplittableRandom r, int headerFrom, int headerTo, String alphabet) {
        byte[] b = valid.clone();
        for (int m = r.nextInt(1, 5); m > 0; m--) {
            int kind = r.nextInt(6);
            if (b.length == 0) {
                kind = 3;
            }
            switch (kind) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) r.nextInt(1, 256);
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                case 2 -> {
                    int at = r.nextInt(b.length);
                    int len = r.nextInt(1, Math.min(16, b.length - at) + 1);
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                case 3 -> {
                    int at = r.nextInt(b.length + 1);
                    byte[] insert = new byte[r.nextInt(1, 9)];
                    r.nextBytes(insert);
                    b = concat(concat(Arrays.copyOf(b, at), insert), Arrays.copyOfRange(b, at, b.length));
                }
                default -> {
                    int to = Math.min(headerTo, b.length);
                    if (to > headerFrom) {
                        for (int n = r.nextInt(1, 4); n > 0; n--) {
                            b[r.nextInt(headerFrom, to)] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                        }
                    }
                }
            }
        }
        return b;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
