package io.densekit.modules;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The modules a test JVM's class path holds, seen as the module system would see them on a module
 * path, narrowed to densekit's modules and what they require. The class path also holds the test
 * libraries and nn-api's test classes, which are not part of the product (and split nn-api's
 * packages), so they are left out instead of being resolved as automatic modules.
 */
final class ClassPathModules implements ModuleFinder {
    private final Map<String, ModuleReference> modules;

    private ClassPathModules(Map<String, ModuleReference> modules) {
        this.modules = modules;
    }

    /** densekit's modules ({@code io.densekit.*}) on the class path and every module they require, transitively. */
    static ClassPathModules densekitModules() {
        Map<String, ModuleReference> all = onClassPath();
        Set<String> roots = all.keySet().stream().filter(n -> n.startsWith("io.densekit.")).collect(Collectors.toSet());
        Map<String, ModuleReference> closure = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        ModuleFinder system = ModuleFinder.ofSystem();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (closure.containsKey(name) || system.find(name).isPresent()) {
                continue;
            }
            ModuleReference ref = all.get(name);
            if (ref == null) {
                throw new IllegalStateException("module " + name + " is required but not on the class path");
            }
            closure.put(name, ref);
            // `requires static` is for compilation only (the kit's optional JUnit and AssertJ): resolution skips it
            ref.descriptor().requires().stream()
                    .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                    .map(ModuleDescriptor.Requires::name).forEach(todo::push);
        }
        return new ClassPathModules(closure);
    }

    /** Each class-path entry's module, the first of a name winning as on the class path. */
    private static Map<String, ModuleReference> onClassPath() {
        Map<String, ModuleReference> found = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean module = Files.isRegularFile(p) || Files.isRegularFile(p.resolve("module-info.class"));
            if (!module) {
                continue; // a folder of classes (test classes) is no module
            }
            try {
                ModuleFinder.of(p).findAll().forEach(r -> found.putIfAbsent(r.descriptor().name(), r));
            } catch (FindException e) {
                // a jar the module system cannot name; none of densekit's modules requires it
            }
        }
        return found;
    }

    Set<String> names() {
        return modules.keySet();
    }

    @Override
    public Optional<ModuleReference> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    @Override
    public Set<ModuleReference> findAll() {
        return Set.copyOf(modules.values());
    }
}
