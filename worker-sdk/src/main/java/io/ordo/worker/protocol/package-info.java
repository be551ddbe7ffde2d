/**
 * The JSON messages that the orchestrator and workers exchange over Kafka, shared by both sides so
 * the wire format has one definition.
 */
@NullMarked
package io.ordo.worker.protocol;

import org.jspecify.annotations.NullMarked;
