/**
 * Internal: what several of nn-api's packages share that is not API (kernel-memory buffers, the
 * training loop's access to a model). Not exported by the module; on the class path its classes
 * are visible but carry no compatibility promise.
 */
package io.densekit.internal;
