package io.densekit.nativelib;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The site-packages (and Debian dist-packages) folders of the Python environments a user is likely
 * to have, most specific first: the active virtualenv and conda environment, PYTHONPATH, the
 * environment of each python3 on PATH, the user's ~/.local, then the system-wide installs. Only
 * folders that exist (and are not already listed) are returned.
 */
final class PythonSitePackages {
    private PythonSitePackages() {
    }

    static List<Path> find(SearchEnvironment env) {
        List<Path> out = new ArrayList<>();
        for (String var : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            String prefix = env.envValue(var);
            if (prefix != null) {
                addPythonLibs(out, Path.of(prefix).resolve("lib"));
            }
        }
        String pythonPath = env.envValue("PYTHONPATH");
        if (pythonPath != null) {
            for (String entry : pythonPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    Folders.addIfFolder(out, Path.of(entry.trim()));
                }
            }
        }
        // The environment of the python3 on PATH, activated or not (PyTorch images often put a
        // virtualenv's bin on PATH without setting VIRTUAL_ENV).
        String path = env.envValue("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                Path bin = entry.isBlank() ? null : Path.of(entry.trim());
                if (bin != null && bin.isAbsolute() && bin.getParent() != null
                        && java.nio.file.Files.isRegularFile(bin.resolve("python3"))) {
                    addPythonLibs(out, bin.getParent().resolve("lib"));
                }
            }
        }
        addPythonLibs(out, env.home().resolve(".local/lib"));
        addPythonLibs(out, env.system("/usr/local/lib"));
        addPythonLibs(out, env.system("/usr/lib"));
        addPythonLibs(out, env.system("/opt/conda/lib"));
        return out;
    }

    /** {@code lib/python3*}/{site,dist}-packages, newest Python first. */
    private static void addPythonLibs(List<Path> out, Path lib) {
        for (Path py : Folders.children(lib, n -> n.startsWith("python3"))) {
            Folders.addIfFolder(out, py.resolve("site-packages"));
            Folders.addIfFolder(out, py.resolve("dist-packages"));
        }
    }

    /** The {@code nvidia/*}/lib folders (cu13, cublas, cuda_runtime, ...) under the given site-packages. */
    static List<Path> nvidiaLibFolders(List<Path> sitePackages) {
        List<Path> out = new ArrayList<>();
        for (Path site : sitePackages) {
            for (Path pkg : Folders.children(site.resolve("nvidia"), n -> true)) {
                Folders.addIfFolder(out, pkg.resolve("lib"));
            }
        }
        return out;
    }
}
