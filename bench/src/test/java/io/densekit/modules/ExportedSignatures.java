package io.densekit.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The types an exported API names in its signatures (public and protected members of the public
 * classes of unqualified-exported packages, and their supertypes), checked against what the
 * modules export: a type of a densekit package that is not exported to everyone is a leak, a user
 * could call the method but not name what it takes or returns.
 */
final class ExportedSignatures {
    private final Map<String, ModuleDescriptor> ownerOfPackage;
    private final ClassLoader loader;

    ExportedSignatures(List<ModuleDescriptor> modules, ClassLoader loader) {
        this.ownerOfPackage = new java.util.HashMap<>();
        modules.forEach(d -> d.packages().forEach(p -> ownerOfPackage.put(p, d)));
        this.loader = loader;
    }

    /** Each leak as "member -> type", for the public classes of {@code module}'s exported packages. */
    List<String> leaksOf(ModuleReference module) {
        return leaksOf(module.descriptor(), classesOf(module));
    }

    /** As {@link #leaksOf(ModuleReference)}, for {@code classes} of the module {@code module} describes. */
    List<String> leaksOf(ModuleDescriptor module, List<Class<?>> classes) {
        Set<String> exported = exportedToAll(module);
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : classes) {
            if (!exported.contains(c.getPackageName()) || !accessible(c)) {
                continue;
            }
            Stream.concat(Stream.ofNullable(c.getSuperclass()), Stream.of(c.getInterfaces()))
                    .filter(this::isInternal).forEach(t -> leaks.add(c.getName() + " extends " + t.getName()));
            List<Member> members = new ArrayList<>();
            members.addAll(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredConstructors()));
            members.addAll(List.of(c.getDeclaredFields()));
            for (Member m : members) {
                if (visible(m)) {
                    typesOf(m).filter(this::isInternal).forEach(t -> leaks.add(c.getName() + "." + m.getName() + " -> " + t.getName()));
                }
            }
        }
        return leaks;
    }

    private static Set<String> exportedToAll(ModuleDescriptor d) {
        return d.exports().stream().filter(Predicate.not(ModuleDescriptor.Exports::isQualified))
                .map(ModuleDescriptor.Exports::source).collect(java.util.stream.Collectors.toSet());
    }

    private boolean isInternal(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        ModuleDescriptor owner = ownerOfPackage.get(t.getPackageName());
        return owner != null && (!exportedToAll(owner).contains(t.getPackageName()) || !accessible(t));
    }

    private static boolean accessible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m) {
        return !m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()));
    }

    private static Stream<Class<?>> typesOf(Member m) {
        return switch (m) {
            case Method method -> Stream.concat(Stream.of(method.getReturnType()), Stream.of(method.getParameterTypes()));
            case Constructor<?> c -> Stream.of(((Executable) c).getParameterTypes());
            case Field f -> Stream.of(f.getType());
            default -> Stream.empty();
        };
    }

    private List<Class<?>> classesOf(ModuleReference module) {
        try (ModuleReader reader = module.open(); Stream<String> names = reader.list()) {
            List<Class<?>> classes = new ArrayList<>();
            for (String n : names.filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")).toList()) {
                String name = n.substring(0, n.length() - ".class".length()).replace('/', '.');
                classes.add(Class.forName(name, false, loader));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a class of " + module.descriptor().name() + " is not on the class path", e);
        }
    }
}
