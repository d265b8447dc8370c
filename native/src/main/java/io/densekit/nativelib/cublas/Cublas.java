package io.densekit.nativelib.cublas;

import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraryException;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cuBLAS library, bound: one downcall per {@link CublasFunction}. Work goes through a
 * {@link CublasHandle} made by {@link #createHandle()}. Binding touches no GPU; creating a handle does.
 */
public final class Cublas {
    private final Map<CublasFunction, MethodHandle> handles;
    private final String location;

    private Cublas(Map<CublasFunction, MethodHandle> handles, String location) {
        this.handles = handles;
        this.location = location;
    }

    /** Binds the library a search found; throws {@link NativeLibraryException} with the reason when it was not. */
    public static Cublas bind(LibraryLookupResult library) {
        return bind(library.symbols(), library.location());
    }

    /** Binds every {@link CublasFunction}; throws {@link NativeLibraryException} naming each missing symbol. */
    @SuppressWarnings("restricted")
    public static Cublas bind(SymbolLookup symbols, String location) {
        List<CublasFunction> missing = missing(symbols);
        if (!missing.isEmpty()) {
            throw new NativeLibraryException(location + " lacks the cuBLAS functions "
                    + String.join(", ", missing.stream().map(CublasFunction::symbol).toList())
                    + " (densekit needs cuBLAS 11 or newer)");
        }
        Linker linker = Linker.nativeLinker();
        Map<CublasFunction, MethodHandle> handles = new EnumMap<>(CublasFunction.class);
        for (CublasFunction f : CublasFunction.values()) {
            MemorySegment address = symbols.find(f.symbol()).orElseThrow();
            handles.put(f, linker.downcallHandle(address, f.descriptor()));
        }
        return new Cublas(handles, location);
    }

    /** The functions of {@link CublasFunction} that the lookup does not export. */
    public static List<CublasFunction> missing(SymbolLookup symbols) {
        return Arrays.stream(CublasFunction.values())
                .filter(f -> find(symbols, f.symbol()).isEmpty()).toList();
    }

    private static Optional<MemorySegment> find(SymbolLookup symbols, String name) {
        return symbols.find(name);
    }

    /** Where the library was found. */
    public String location() {
        return location;
    }

    /** A new handle (cublasCreate_v2) on the CUDA context current on this thread. */
    public CublasHandle createHandle() {
        return CublasHandle.create(this);
    }

    MethodHandle handle(CublasFunction f) {
        return handles.get(f);
    }

    /** Throws {@link CublasException} naming the call unless the status is success. */
    static void check(CublasFunction f, int status) {
        if (status != CublasStatus.SUCCESS.code()) {
            throw new CublasException(f.symbol(), status);
        }
    }
}
