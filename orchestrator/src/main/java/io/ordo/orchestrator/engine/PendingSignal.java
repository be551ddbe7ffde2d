package io.ordo.orchestrator.engine;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A signal that arrived before any step waited for it; the first step to wait for it takes it. */
public record PendingSignal(String name, JsonNode payload, Instant receivedAt) {}
