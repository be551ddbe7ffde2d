package io.ordo.orchestrator.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.store.JdbcRunStore;
import io.ordo.orchestrator.store.JdbcRunStore.Body;
import io.ordo.orchestrator.store.JdbcRunStore.LockedRow;
import io.ordo.orchestrator.store.RunJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The states of locked runs: from a cache of the states this instance last wrote, when the row's
 * version says nothing changed since, else put together from the database. A result for a run this
 * instance moved last (its results partition is this instance's) costs no read of its executions.
 */
@Component
public class RunStates {

  /** A run as a transition starts from: its state and the version it was stored with. */
  public record Current(RunState state, long version) {}

  /** The runs that could be read, and why the others could not. */
  public record Loaded(Map<String, Current> runs, Map<String, String> unreadable) {}

  private record Cached(long version, RunState state) {}

  private final Cache<String, Cached> cache;
  private final JdbcRunStore store;
  private final RunJson json;

  public RunStates(JdbcRunStore store, RunJson json, OrdoProperties properties) {
    this.store = store;
    this.json = json;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(properties.engine().cachedSteps())
            .weigher((String id, Cached c) -> 1 + c.state().steps().size())
            .build();
  }

  public Loaded load(List<LockedRow> rows) {
    Map<String, Current> runs = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    List<LockedRow> missing = new ArrayList<>();
    for (LockedRow row : rows) {
      Cached cached = cache.getIfPresent(row.runId());
      if (cached != null && cached.version() == row.version()) {
        runs.put(row.runId(), new Current(cached.state(), row.version()));
      } else {
        missing.add(row);
      }
    }
    if (!missing.isEmpty()) {
      Map<String, Body> bodies = store.bodies(missing.stream().map(LockedRow::runId).toList());
      for (LockedRow row : missing) {
        Body body = bodies.get(row.runId());
        try {
          RunState state = json.assemble(row.head(), body.input(), body.steps());
          runs.put(row.runId(), new Current(state, row.version()));
        } catch (RuntimeException unreadableState) {
          unreadable.put(row.runId(), "its stored state cannot be read: " + unreadableState);
        }
      }
    }
    return new Loaded(runs, unreadable);
  }

  /** After a commit: the states as written, for the next transition of the same runs. */
  public void remember(Map<String, Current> written) {
    written.forEach((id, current) -> cache.put(id, new Cached(current.version(), current.state())));
  }

  public void forget(String runId) {
    cache.invalidate(runId);
  }
}
