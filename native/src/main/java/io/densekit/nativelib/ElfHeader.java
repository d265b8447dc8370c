package io.densekit.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A cheap look at a candidate's first bytes before handing it to the dynamic loader. */
final class ElfHeader {
    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    private ElfHeader() {
    }

    /**
     * False only for a readable file on Linux that does not start with the ELF magic; anything else
     * is left for the loader to judge (other systems use other formats).
     */
    static boolean plausible(Path file) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            for (int i = 0; i < MAGIC.length; i++) {
                if (i >= head.length || head[i] != MAGIC[i]) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
