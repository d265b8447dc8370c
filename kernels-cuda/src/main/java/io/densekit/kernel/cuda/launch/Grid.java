package io.densekit.kernel.cuda.launch;

/** A launch's grid and block dimensions (z is always 1 here). */
public record Grid(int gridX, int blockX, int blockY) {
    public Grid {
        if (gridX < 1 || blockX < 1 || blockY < 1 || (long) blockX * blockY > 1024) {
            throw new IllegalArgumentException("invalid launch: grid " + gridX + ", block " + blockX + "x" + blockY);
        }
    }
}
