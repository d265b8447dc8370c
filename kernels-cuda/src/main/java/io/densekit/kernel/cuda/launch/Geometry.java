package io.densekit.kernel.cuda.launch;

/** How a kernel's threads are laid out, as kernels-cuda/src/main/cuda/README.md prescribes for each kind. */
public enum Geometry {
    /** Grid-stride loop over n elements. */
    ELEMENTWISE,
    /** One block per row (grid-stride over rows); 1-D blocks with a tree reduction. */
    ROWS,
    /** 2-D blocks, one column per thread column. */
    COLUMNS,
    /** Exactly one block. */
    SINGLE_BLOCK,
    /** A row of element-wise blocks per tensor of a table (grid y = tensor). */
    MULTI_TENSOR
}
