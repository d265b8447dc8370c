package io.densekit.kernel.cuda.launch;

/** A launch's grid and block dimensions (z is always 1 here; y only for the multi-tensor kernels). */
public record Grid(int gridX, int gridY, int blockX, int blockY) {
    public Grid {
        if (gridX < 1 || gridY < 1 || gridY > 65535 || blockX < 1 || blockY < 1 || (long) blockX * blockY > 1024) {
            throw new IllegalArgumentException("invalid launch: grid " + gridX + "x" + gridY + ", block " + blockX + "x"
                    + blockY);
        }
    }

    /** A one-dimensional grid. */
    public Grid(int gridX, int blockX, int blockY) {
        this(gridX, 1, blockX, blockY);
    }
}
