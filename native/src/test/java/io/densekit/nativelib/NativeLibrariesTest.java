package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @TempDir
    Path tmp;

    @Test
    void nothingIsSearchedOrLoadedUntilAskedAndThenOnlyOnce() {
        FakeLibraryTree tree = new FakeLibraryTree(tmp);
        tree.put(tree.sys("/usr/local/cuda/lib64"), "libdkfake.so.1");
        NativeLibraries libs = new NativeLibraries(tree.environment());
        assertThat(libs.searched(FakeLibraryTree.SPEC)).isFalse();
        assertThat(tree.opened).isEmpty();

        LibraryLookupResult first = libs.lookup(FakeLibraryTree.SPEC);
        assertThat(first.found()).isTrue();
        assertThat(libs.searched(FakeLibraryTree.SPEC)).isTrue();
        int opens = tree.opened.size();
        assertThat(libs.lookup(FakeLibraryTree.SPEC)).isSameAs(first);
        assertThat(tree.opened).hasSize(opens);
    }

    @Test
    void aFailingSearchBecomesAReasonNotAnException() {
        SearchEnvironment broken = new SearchEnvironment(v -> {
            throw new IllegalStateException("environment unreadable");
        }, p -> null, tmp, tmp, LibraryOpener.dynamicLoader());
        LibraryLookupResult r = new NativeLibraries(broken).lookup(FakeLibraryTree.SPEC);
        assertThat(r.found()).isFalse();
        assertThat(r.reason()).contains("libdkfake search failed").contains("environment unreadable");
    }

    @Test
    void theRealCblasSearchNeverThrowsAndExplainsItself() {
        LibraryLookupResult r = NativeLibraries.system().cblas();
        if (r.found()) {
            assertThat(r.location()).isNotBlank();
            assertThat(r.symbols().find("cblas_dgemm")).isPresent();
        } else {
            assertThat(r.reason()).startsWith("cblas not found");
        }
    }

    @Test
    void theRealCublasSearchNeverThrowsAndExplainsItself() {
        LibraryLookupResult r = NativeLibraries.system().cublas();
        if (!r.found()) {
            assertThat(r.reason()).startsWith("libcublas not found").contains("/usr/local/cuda");
        }
    }
}
