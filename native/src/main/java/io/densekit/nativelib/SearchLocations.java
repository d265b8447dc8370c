package io.densekit.nativelib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The folders each folder-based {@link SearchStep} covers, and how to describe them in a reason. */
final class SearchLocations {
    private SearchLocations() {
    }

    /** A step's existing folders, in search order, and a description for "looked in". */
    record Place(String label, List<Path> folders, String whenEmpty) {
        String describe() {
            return folders.isEmpty() ? label + ": " + whenEmpty
                    : label + ": " + folders.stream().map(Path::toString).collect(Collectors.joining(", "));
        }
    }

    static Place of(SearchStep step, SearchEnvironment env) {
        return switch (step) {
            case CUDA_HOME -> cudaHome(env);
            case CUDA_INSTALLS -> cudaInstalls(env);
            case PYTHON_NVIDIA_WHEELS -> new Place("nvidia/*/lib of Python site-packages",
                    PythonSitePackages.nvidiaLibFolders(PythonSitePackages.find(env)),
                    "none found (searched $VIRTUAL_ENV, $CONDA_PREFIX, $PYTHONPATH, the python3 on $PATH, ~/.local/lib/python3*,"
                            + " /usr/local/lib/python3*, /usr/lib/python3*, /opt/conda/lib/python3*)");
            case CONDA_LIB -> condaLib(env);
            case EXPLICIT, SYSTEM_LOADER -> throw new IllegalArgumentException(step + " is not folder-based");
        };
    }

    private static Place cudaHome(SearchEnvironment env) {
        List<Path> folders = new ArrayList<>();
        List<String> set = new ArrayList<>();
        for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String v = env.envValue(var);
            if (v != null) {
                set.add("$" + var + "=" + v);
                Path base = Path.of(v);
                for (String sub : new String[] {"lib64", "lib", "targets/x86_64-linux/lib", "targets/sbsa-linux/lib"}) {
                    Folders.addIfFolder(folders, base.resolve(sub));
                }
            }
        }
        String label = set.isEmpty() ? "$CUDA_HOME, $CUDA_PATH" : String.join(", ", set);
        return new Place(label, folders, set.isEmpty() ? "unset" : "no lib64, lib or targets/*/lib folder there");
    }

    private static Place cudaInstalls(SearchEnvironment env) {
        List<Path> folders = new ArrayList<>();
        Path local = env.system("/usr/local");
        Folders.addIfFolder(folders, local.resolve("cuda/lib64"));
        for (Path install : Folders.children(local, n -> n.startsWith("cuda-"))) {
            Folders.addIfFolder(folders, install.resolve("lib64"));
        }
        Folders.addIfFolder(folders, env.system("/opt/cuda/lib64"));
        return new Place(local.resolve("cuda*") + "/lib64, " + env.system("/opt/cuda/lib64"), folders, "none present");
    }

    private static Place condaLib(SearchEnvironment env) {
        String prefix = env.envValue("CONDA_PREFIX");
        if (prefix == null) {
            return new Place("$CONDA_PREFIX/lib", List.of(), "$CONDA_PREFIX unset");
        }
        return new Place("$CONDA_PREFIX/lib", Folders.existing(Path.of(prefix).resolve("lib")), prefix + "/lib absent");
    }
}
