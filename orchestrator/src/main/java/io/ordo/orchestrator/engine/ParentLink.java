package io.ordo.orchestrator.engine;

/**
 * Where a child run reports its end: the parent run, and the step attempt that waits for it (the
 * parent's workflow step, or the compensation that asked the child to undo itself).
 */
public record ParentLink(String runId, String stepId, int attempt) {}
