/**
 * How a worker consumes dispatches, runs handlers and publishes results; not an API, it may change
 * in any release.
 */
@NullMarked
package io.ordo.worker.internal;

import org.jspecify.annotations.NullMarked;
