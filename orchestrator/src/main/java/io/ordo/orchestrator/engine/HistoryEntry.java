package io.ordo.orchestrator.engine;

import java.util.Map;

/** One line of a run's history, as people read it: {@code StepCompleted {stepId, attempt}}. */
public record HistoryEntry(String type, Map<String, Object> data) {

  public HistoryEntry {
    data = Map.copyOf(data);
  }
}
