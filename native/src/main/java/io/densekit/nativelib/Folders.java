package io.densekit.nativelib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Small folder-listing helpers that never throw: an unreadable folder simply has no children. */
final class Folders {
    private Folders() {
    }

    /** Sub-folders of {@code parent} whose names pass {@code filter}, newest version first. */
    static List<Path> children(Path parent, Predicate<String> filter) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> filter.test(p.getFileName().toString()))
                    .filter(Files::isDirectory)
                    .sorted((x, y) -> VersionOrder.NEWEST_FIRST.compare(x.getFileName().toString(),
                            y.getFileName().toString()))
                    .toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Adds {@code p} to {@code out} when it is an existing folder not already listed. */
    static void addIfFolder(List<Path> out, Path p) {
        if (p != null && Files.isDirectory(p)) {
            Path n = p.toAbsolutePath().normalize();
            if (!out.contains(n)) {
                out.add(n);
            }
        }
    }

    static List<Path> existing(Path... candidates) {
        List<Path> out = new ArrayList<>();
        for (Path p : candidates) {
            addIfFolder(out, p);
        }
        return out;
    }
}
