package io.densekit.kernel.simd;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * The tuned {@link GemmPlan} of one machine, kept as JSON in one file ({@value #FILE_NAME}) of a cache
 * folder: {@code $XDG_CACHE_HOME/densekit}, else {@code ~/.cache/densekit} ({@link #forUser()}).
 * The file names the CPU and JDK it was measured on ({@link MachineKey}); one from another machine
 * or JDK, a corrupt one, or one whose plan this machine cannot run is ignored with one warning line
 * and replaced by the next {@code densekit tune}. Reading never throws: the built-in plan gives the
 * same bits, so a bad file costs speed at most.
 */
public final class PlanCache {
    public static final String FILE_NAME = "simd-plan.json";
    /**
     * The file's layout; a file of another format is ignored. 2: the plan's {@code blockFrom} (the
     * smallest side of a product run in the register block) replaced format 1's on/off {@code registerBlock}.
     * 3: the same fields, searched with k-blocks of 1024 (format 2's mc and row panel were chosen for
     * k-blocks of 256, whose packed blocks were a quarter the size).
     */
    static final int FORMAT = 3;
    private static final System.Logger LOG = System.getLogger(PlanCache.class.getName());

    /** A plan and where it came from, in words ({@code densekit kernels} shows both). */
    public record Lookup(GemmPlan plan, String source) {
        public Lookup {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(source, "source");
        }
    }

    /** The file's content. */
    record Entry(int format, String cpu, String jdk, GemmPlan plan) {
    }

    private final Path file;
    private final MachineKey machine;

    /** The cache in {@code dir}, for plans measured on {@code machine}. */
    public PlanCache(Path dir, MachineKey machine) {
        this.file = Objects.requireNonNull(dir, "dir").resolve(FILE_NAME);
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    /** The user's cache folder, for this machine and JVM. */
    public static PlanCache forUser() {
        return new PlanCache(userDir(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")),
                MachineKey.current());
    }

    /** {@code xdgCacheHome/densekit} when that variable is an absolute path (as the XDG spec asks), else {@code home/.cache/densekit}. */
    static Path userDir(String xdgCacheHome, String home) {
        if (xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()) {
            return Path.of(xdgCacheHome, "densekit");
        }
        return Path.of(home == null ? "." : home, ".cache", "densekit");
    }

    public Path file() {
        return file;
    }

    /**
     * The cached plan when the file is there, valid and from this machine; otherwise the built-in plan,
     * with the reason in its source (and logged once here) unless there is simply no file.
     */
    public Lookup lookup() {
        Entry e;
        try {
            ObjectMapper mapper = mapper();
            JsonNode tree = mapper.readTree(Files.readString(file));
            // The format first: a file of another layout is named as such, not as a broken one.
            JsonNode format = tree == null ? null : tree.get("format");
            if (format != null && format.isInt() && format.intValue() != FORMAT) {
                return ignored("it has format " + format.intValue() + ", expected " + FORMAT
                        + (format.intValue() < FORMAT ? " (written by an earlier densekit)" : ""));
            }
            e = mapper.treeToValue(tree, Entry.class);
        } catch (NoSuchFileException missing) {
            return new Lookup(GemmPlan.defaults(), "built-in");
        } catch (JacksonException bad) {
            return ignored("it is not a valid plan file (" + firstLine(bad.getOriginalMessage()) + ")");
        } catch (IOException | RuntimeException unreadable) {
            return ignored("it cannot be read (" + firstLine(unreadable.getMessage()) + ")");
        }
        if (e == null || e.plan() == null || e.cpu() == null || e.jdk() == null) {
            return ignored("it is not a valid plan file (cpu, jdk or plan missing)");
        }
        if (e.format() != FORMAT) {
            return ignored("it has format " + e.format() + ", expected " + FORMAT);
        }
        if (!e.cpu().equals(machine.cpu())) {
            return ignored("it was tuned on CPU '" + e.cpu() + "', this is '" + machine.cpu() + "'");
        }
        if (!e.jdk().equals(machine.jdk())) {
            return ignored("it was tuned on JDK " + e.jdk() + ", this is " + machine.jdk());
        }
        if (e.plan().gemmBits() != 0) {
            try {
                SimdKernel.resolveBits(e.plan().gemmBits());
            } catch (IllegalArgumentException tooWide) {
                return ignored("its GEMM width cannot run here (" + tooWide.getMessage() + ")");
            }
        }
        return new Lookup(e.plan(), "tuned, " + file);
    }

    /** Writes {@code plan} as this machine's, replacing the file whole (a reader sees the old or the new one). */
    public void write(GemmPlan plan) throws IOException {
        Objects.requireNonNull(plan, "plan");
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.writeString(tmp, mapper().writeValueAsString(new Entry(FORMAT, machine.cpu(), machine.jdk(), plan)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Lookup ignored(String why) {
        String line = "ignoring the tuned SIMD plan " + file + ": " + why
                + "; using the built-in plan (densekit tune replaces the file)";
        LOG.log(System.Logger.Level.WARNING, line);
        return new Lookup(GemmPlan.defaults(), "built-in; ignored " + file + ": " + why);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
