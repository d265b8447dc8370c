package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order of {@link SearchStep}, proven on a fake folder tree of symlinked real libraries. */
class LibrarySearchTest {
    @TempDir
    Path tmp;
    FakeLibraryTree tree;

    @BeforeEach
    void setUp() {
        tree = new FakeLibraryTree(tmp);
    }

    /** Puts the library in every folder-based place, so each test removes the ones it wants to pass. */
    private void populateAllFolders() {
        tree.env.put("CUDA_HOME", tmp.resolve("cuda-home").toString());
        tree.put(tmp.resolve("cuda-home/lib64"), "libdkfake.so.1");
        tree.put(tree.sys("/usr/local/cuda-12.4/lib64"), "libdkfake.so.1");
        tree.put(tree.home.resolve(".local/lib/python3.12/site-packages/nvidia/cu13/lib"), "libdkfake.so.1");
        tree.env.put("CONDA_PREFIX", tmp.resolve("conda").toString());
        tree.put(tmp.resolve("conda/lib"), "libdkfake.so.1");
    }

    @Test
    void explicitFileFromThePropertyComesFirst() {
        populateAllFolders();
        Path lib = tree.put(tmp.resolve("mine"), "anything-named.so");
        tree.properties.put("densekit.dkfake.path", lib.toString());
        tree.env.put("DENSEKIT_DKFAKE_PATH", "/nonexistent");
        LibraryLookupResult r = tree.find();
        assertThat(r.found()).isTrue();
        assertThat(r.file()).contains(lib.toAbsolutePath());
        assertThat(r.location()).contains("densekit.dkfake.path=");
        assertThat(r.symbols().find("cos")).isPresent();
    }

    @Test
    void explicitFolderFromTheEnvironmentIsSearchedForTheFileNames() {
        populateAllFolders();
        Path lib = tree.put(tmp.resolve("mine"), "libdkfake.so.1");
        tree.env.put("DENSEKIT_DKFAKE_PATH", tmp.resolve("mine").toString());
        LibraryLookupResult r = tree.find();
        assertThat(r.file()).contains(lib.toAbsolutePath());
        assertThat(r.location()).contains("$DENSEKIT_DKFAKE_PATH=");
    }

    @Test
    void aWrongExplicitPathIsReportedNotSilentlySkipped() {
        populateAllFolders();
        tree.properties.put("densekit.dkfake.path", tmp.resolve("missing.so").toString());
        LibraryLookupResult r = tree.find();
        assertThat(r.found()).isFalse();
        assertThat(r.reason()).startsWith("libdkfake not found at the explicit path densekit.dkfake.path=")
                .contains("missing.so").contains("no such file or folder").contains("fix or unset it");
        assertThat(tree.opened).isEmpty();
    }

    @Test
    void anExplicitFolderWithoutTheLibraryNamesTheFilesItWanted() {
        tree.env.put("DENSEKIT_DKFAKE_PATH", tmp.toString());
        LibraryLookupResult r = tree.find();
        assertThat(r.reason()).contains("none of libdkfake.so.2, libdkfake.so.1 in that folder");
    }

    @Test
    void systemLoaderComesBeforeCudaHome() {
        populateAllFolders();
        tree.systemLoaderNames.put("libdkfake.so.1", FakeLibraryTree.realLibm());
        LibraryLookupResult r = tree.find();
        assertThat(r.found()).isTrue();
        assertThat(r.location()).contains("system loader: libdkfake.so.1");
        // The file is recovered from the process's mappings: the real libm behind the name.
        assertThat(r.file()).isPresent();
        assertThat(tree.opened).containsExactly("system:libdkfake.so.2", "system:libdkfake.so.1");
    }

    @Test
    void cudaHomeComesBeforeCudaInstalls() {
        populateAllFolders();
        LibraryLookupResult r = tree.find();
        assertThat(r.file()).contains(tmp.resolve("cuda-home/lib64/libdkfake.so.1"));
        assertThat(r.location()).contains("$CUDA_HOME=");
    }

    @Test
    void cudaPathIsUsedWhenCudaHomeIsUnset() {
        tree.env.put("CUDA_PATH", tmp.resolve("cuda-path").toString());
        Path lib = tree.put(tmp.resolve("cuda-path/targets/x86_64-linux/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(lib);
    }

    @Test
    void cudaInstallsComeBeforePythonWheels() {
        populateAllFolders();
        tree.env.remove("CUDA_HOME");
        assertThat(tree.find().file()).contains(tree.sys("/usr/local/cuda-12.4/lib64/libdkfake.so.1"));
    }

    @Test
    void theCudaSymlinkComesFirstThenTheNewestVersionedInstall() {
        tree.put(tree.sys("/usr/local/cuda-9.2/lib64"), "libdkfake.so.1");
        tree.put(tree.sys("/usr/local/cuda-12.4/lib64"), "libdkfake.so.1");
        tree.put(tree.sys("/usr/local/cuda-13.0/lib64"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(tree.sys("/usr/local/cuda-13.0/lib64/libdkfake.so.1"));
        tree.put(tree.sys("/usr/local/cuda/lib64"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(tree.sys("/usr/local/cuda/lib64/libdkfake.so.1"));
    }

    @Test
    void pythonWheelsComeBeforeConda() {
        populateAllFolders();
        tree.env.remove("CUDA_HOME");
        tree.sys("/usr/local/cuda-12.4/lib64/libdkfake.so.1").toFile().delete();
        assertThat(tree.find().file())
                .contains(tree.home.resolve(".local/lib/python3.12/site-packages/nvidia/cu13/lib/libdkfake.so.1"));
    }

    @Test
    void pythonEnvironmentsAreFoundInEveryUsualPlace() {
        Path sysWheel = tree.put(tree.sys("/usr/lib/python3/dist-packages/nvidia/cublas/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(sysWheel);
        Path localWheel = tree.put(tree.sys("/usr/local/lib/python3.11/dist-packages/nvidia/cu12/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(localWheel);
        Path userWheel = tree.put(tree.home.resolve(".local/lib/python3.12/site-packages/nvidia/cu13/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(userWheel);
        tree.env.put("VIRTUAL_ENV", tmp.resolve("venv").toString());
        Path venvWheel = tree.put(tmp.resolve("venv/lib/python3.10/site-packages/nvidia/cublas/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(venvWheel);
    }

    @Test
    void theEnvironmentOfThePython3OnPathIsSearchedThoughNotActivated() throws Exception {
        Path bin = tmp.resolve("opt/torch/.venv/bin");
        java.nio.file.Files.createDirectories(bin);
        java.nio.file.Files.writeString(bin.resolve("python3"), "");
        tree.env.put("PATH", tmp.resolve("nowhere") + java.io.File.pathSeparator + bin);
        Path wheel = tree.put(tmp.resolve("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(wheel);
    }

    @Test
    void condaLibIsTheLastPlace() {
        tree.env.put("CONDA_PREFIX", tmp.resolve("conda").toString());
        Path lib = tree.put(tmp.resolve("conda/lib"), "libdkfake.so.1");
        assertThat(tree.find().file()).contains(lib);
    }

    @Test
    void withinAStepThePreferredFileNameWinsOverAnEarlierFolder() {
        // cuda (the symlink) holds only the older soname; cuda-12.4 holds the newer one.
        tree.put(tree.sys("/usr/local/cuda/lib64"), "libdkfake.so.1");
        Path newer = tree.put(tree.sys("/usr/local/cuda-12.4/lib64"), "libdkfake.so.2");
        assertThat(tree.find().file()).contains(newer);
    }

    @Test
    void aMissingLibraryIsAValueWithEveryPlaceLookedIn() {
        LibraryLookupResult r = tree.find();
        assertThat(r.found()).isFalse();
        assertThat(r.file()).isEmpty();
        assertThat(r.reason()).startsWith("libdkfake not found; looked in: explicit path (densekit.dkfake.path,"
                        + " $DENSEKIT_DKFAKE_PATH: unset); system loader path")
                .contains("libdkfake.so.2, libdkfake.so.1")
                .contains("$CUDA_HOME, $CUDA_PATH: unset")
                .contains("/usr/local/cuda*/lib64")
                .contains("nvidia/*/lib of Python site-packages: none found")
                .contains("$CONDA_PREFIX unset")
                .endsWith("(set densekit.dkfake.path or DENSEKIT_DKFAKE_PATH to the library file or its folder)");
        assertThat(r.lookedIn()).hasSize(6);
        assertThat(r.describe()).isEqualTo(r.reason());
        org.assertj.core.api.Assertions.assertThatThrownBy(r::symbols)
                .isInstanceOf(NativeLibraryException.class).hasMessage(r.reason());
    }

    @Test
    void aFileThatIsNotALibraryIsRejectedAndTheSearchGoesOn() {
        tree.env.put("CUDA_HOME", tmp.resolve("cuda-home").toString());
        Path garbage = tree.putGarbage(tmp.resolve("cuda-home/lib64"), "libdkfake.so.2");
        Path good = tree.put(tree.sys("/usr/local/cuda-12.4/lib64"), "libdkfake.so.1");
        LibraryLookupResult r = tree.find();
        assertThat(r.file()).contains(good);
        assertThat(r.lookedIn()).contains(garbage + ": present but not a shared library (no ELF header)");
    }

    @Test
    void anElfFileTheLoaderRefusesIsRejectedWithTheLoadersWords() throws java.io.IOException {
        // An executable passes the header check and is refused by the loader.
        Path executable = Path.of("/bin/true");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(executable), "needs /bin/true");
        tree.env.put("CUDA_HOME", tmp.resolve("cuda-home").toString());
        Path broken = tmp.resolve("cuda-home/lib64/libdkfake.so.2");
        java.nio.file.Files.createDirectories(broken.getParent());
        java.nio.file.Files.createSymbolicLink(broken, executable);
        LibraryLookupResult r = tree.find();
        assertThat(r.found()).isFalse();
        assertThat(r.lookedIn()).anyMatch(s -> s.startsWith(broken + ": present but not loadable ("));
    }

    @Test
    void aLibraryLackingARequiredSymbolIsRejected() {
        LibrarySpec needsMore = new LibrarySpec("libdkfake", FakeLibraryTree.SPEC.fileNames(),
                java.util.List.of("cos", "cblas_sgemm_not_in_libm"), java.util.List.of(),
                "densekit.dkfake.path", "DENSEKIT_DKFAKE_PATH", java.util.List.of(SearchStep.CUDA_INSTALLS));
        Path lib = tree.put(tree.sys("/usr/local/cuda/lib64"), "libdkfake.so.1");
        LibraryLookupResult r = new LibrarySearch(tree.environment()).find(needsMore);
        assertThat(r.found()).isFalse();
        assertThat(r.reason()).contains(lib + ": rejected, lacks cblas_sgemm_not_in_libm");
    }

    @Test
    void companionsNextToTheLibraryAreLoadedFirst() {
        Path folder = tree.sys("/usr/local/cuda/lib64");
        Path companion = tree.put(folder, "libdkfakeLt.so.2");
        Path lib = tree.put(folder, "libdkfake.so.1");
        assertThat(tree.find().file()).contains(lib);
        assertThat(tree.opened).containsSubsequence(companion.toString(), lib.toString());
    }
}
