package io.densekit.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.bench.harness.Skip;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerLineupTest {
    @Test
    void onlyThePeersAskedForStart(@TempDir Path dir) {
        Path noPython = dir.resolve("python");
        try (PeerLineup l = PeerLineup.start(List.of("openblas"), noPython, dir.resolve("b.py"), 2)) {
            // No Python peer was asked for, so the missing interpreter is no one's concern.
            assertThat(l.skipped()).extracting(Skip::reason).noneMatch(r -> r.contains("Python"));
            assertThat(l.peers()).allMatch(p -> p.name().startsWith("openblas-"));
            assertThat(l.configurations().keySet()).containsExactlyElementsOf(l.peers().stream().map(Peer::name).toList());
        }
        try (PeerLineup l = PeerLineup.start(List.of("torch"), noPython, dir.resolve("b.py"), 2)) {
            assertThat(l.peers()).isEmpty();
            assertThat(l.skipped()).extracting(Skip::reason).containsExactly("no Python interpreter at " + noPython);
        }
        try (PeerLineup l = PeerLineup.start(List.of(), noPython, dir.resolve("b.py"), 2)) {
            assertThat(l.peers()).isEmpty();
            assertThat(l.skipped()).isEmpty();
        }
    }
}
