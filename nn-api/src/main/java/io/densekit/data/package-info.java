/**
 * <b>User API.</b> Data sets: {@link io.densekit.data.Dataset}, {@link io.densekit.data.Split},
 * the synthetic sets and the UCI digits.
 */
package io.densekit.data;
