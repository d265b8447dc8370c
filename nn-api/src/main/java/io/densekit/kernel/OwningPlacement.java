package io.densekit.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of placements that own what they hand out: every feed and kept copy passes through
 * {@link #own} and is released by {@link #close()}, in the order it was made, so a fit that ends
 * (or fails) midway gives everything back.
 */
public abstract class OwningPlacement implements DataPlacement {
    private final List<AutoCloseable> owned = new ArrayList<>();

    /** Notes {@code resource} for release at close, and returns it. */
    protected final <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    @Override
    public final void close() {
        RuntimeException first = null;
        for (AutoCloseable r : owned) {
            try {
                r.close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        owned.clear();
        if (first != null) {
            throw first;
        }
    }
}
