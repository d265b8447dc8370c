/**
 * <b>User API.</b> File formats: .npy ({@link io.densekit.io.Npy}), safetensors
 * ({@link io.densekit.io.SafeTensors}), CSV ({@link io.densekit.io.Csv}), IDX
 * ({@link io.densekit.io.Idx}), and {@link io.densekit.io.DataFile}, which reads any of them by
 * content. A malformed file is a {@link io.densekit.io.MalformedFileException} naming it.
 */
package io.densekit.io;
