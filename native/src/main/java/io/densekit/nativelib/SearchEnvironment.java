package io.densekit.nativelib;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything a library search reads from the outside world, so that tests can run a search against
 * a fake folder tree and fake variables.
 *
 * @param env        environment variables (null when unset)
 * @param properties system properties (null when unset)
 * @param home       the user's home folder
 * @param root       the file-system root under which fixed folders ({@code /usr/local/cuda}, ...) are read
 * @param opener     loads the candidates
 */
public record SearchEnvironment(UnaryOperator<String> env, UnaryOperator<String> properties, Path home,
                                Path root, LibraryOpener opener) {

    public SearchEnvironment {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(opener, "opener");
    }

    /** This process's environment, properties and file system, and the real dynamic loader. */
    public static SearchEnvironment system() {
        return new SearchEnvironment(System::getenv, System::getProperty,
                Path.of(System.getProperty("user.home", "/")), Path.of("/"), LibraryOpener.dynamicLoader());
    }

    /** The value of an environment variable, or null when unset or blank. */
    String envValue(String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The value of a system property, or null when unset or blank. */
    String propertyValue(String name) {
        String v = properties.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** An absolute system folder such as "/usr/local", resolved under {@link #root()}. */
    Path system(String absolute) {
        return root.resolve(absolute.substring(1));
    }
}
