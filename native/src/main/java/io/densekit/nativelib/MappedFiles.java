package io.densekit.nativelib;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the file a loaded symbol came from by reading {@code /proc/self/maps} (Linux), so a library
 * the system loader found by name can still be listed with its real path. Elsewhere: unknown.
 */
final class MappedFiles {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private MappedFiles() {
    }

    static Optional<Path> fileContaining(MemorySegment symbol) {
        long address = symbol.address();
        try {
            List<String> lines = Files.readAllLines(MAPS);
            for (String line : lines) {
                Optional<Path> p = match(line, address);
                if (p.isPresent()) {
                    return p;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A maps line is "start-end perms offset dev inode path"; the path is absent for anonymous maps. */
    static Optional<Path> match(String line, long address) {
        String[] parts = line.trim().split("\\s+", 6);
        if (parts.length < 6 || !parts[5].startsWith("/")) {
            return Optional.empty();
        }
        int dash = parts[0].indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        long start = Long.parseUnsignedLong(parts[0].substring(0, dash), 16);
        long end = Long.parseUnsignedLong(parts[0].substring(dash + 1), 16);
        boolean inside = Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        return inside ? Optional.of(Path.of(parts[5])) : Optional.empty();
    }
}
