/** The REST API under /api/v1, with errors as RFC 9457 problem details. */
@NullMarked
package io.ordo.orchestrator.api;

import org.jspecify.annotations.NullMarked;
