package io.ordo.orchestrator.service;

import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.Command;
import io.ordo.orchestrator.engine.Engine;
import io.ordo.orchestrator.engine.Failure;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import io.ordo.orchestrator.store.JdbcRunStore;
import io.ordo.orchestrator.store.JdbcTransitionWriter;
import io.ordo.orchestrator.store.JdbcWorkflowStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts the child runs that transitions ask for ({@code StartChildRun}), in the caller's
 * transaction: a child commits with the parent step that waits for it, or neither does. A child's
 * own first transition may start grandchildren, and so on, down to {@link #MAX_DEPTH}. A child that
 * cannot start is reported to its parent as a failed attempt ({@value #NOT_STARTED}). The caller
 * writes the children's first transitions with its own.
 */
@Service
public class ChildRuns {

  /** How deep child runs may nest below a run started from outside. */
  public static final int MAX_DEPTH = 16;

  /** The error type of a parent's attempt whose child run could not start. */
  public static final String NOT_STARTED = "ChildWorkflowNotStarted";

  private static final Logger log = LoggerFactory.getLogger(ChildRuns.class);

  /**
   * The children started, with their first transitions, and the reports of those that could not.
   */
  public record Started(List<Transition> firsts, List<OutboxMessage> reports) {}

  private final Engine engine = new Engine();
  private final JdbcRunStore runs;
  private final JdbcWorkflowStore workflows;
  private final WorkflowCatalog catalog;
  private final JdbcTransitionWriter writer;

  public ChildRuns(
      JdbcRunStore runs,
      JdbcWorkflowStore workflows,
      WorkflowCatalog catalog,
      JdbcTransitionWriter writer) {
    this.runs = runs;
    this.workflows = workflows;
    this.catalog = catalog;
    this.writer = writer;
  }

  /**
   * Starts every child run the transitions ask for, and the ones those children's first transitions
   * ask for. Call in the transaction that saves the transitions, before their other commands are
   * written (a {@code CancelChildRun} in the same batch needs the child's row).
   */
  public Started startAll(List<Transition> transitions, Instant now) {
    Deque<Command.StartChildRun> pending = new ArrayDeque<>();
    transitions.forEach(t -> collect(t, pending));
    if (pending.isEmpty()) {
      return new Started(List.of(), List.of());
    }
    Map<String, Integer> depths = new HashMap<>();
    List<Transition> firsts = new ArrayList<>();
    List<OutboxMessage> reports = new ArrayList<>();
    while (!pending.isEmpty()) {
      Command.StartChildRun child = pending.poll();
      Transition started = start(child, depths, now, reports);
      if (started != null) {
        firsts.add(started);
        collect(started, pending);
      }
    }
    return new Started(firsts, reports);
  }

  private static void collect(Transition t, Deque<Command.StartChildRun> into) {
    for (Command command : t.commands()) {
      if (command instanceof Command.StartChildRun start) {
        into.add(start);
      }
    }
  }

  /** The child's first transition, or why it cannot start. */
  private sealed interface Prepared {
    record Ready(Transition first) implements Prepared {}

    record Refused(String reason) implements Prepared {}
  }

  /** The child's first transition, or null when it existed already or could not start. */
  private @Nullable Transition start(
      Command.StartChildRun child,
      Map<String, Integer> depths,
      Instant now,
      List<OutboxMessage> reports) {
    if (runs.exists(child.runId())) {
      return null; // started before: the id is derived from the parent's run, step and attempt
    }
    String parentId = child.parent().runId();
    int depth = depths.computeIfAbsent(parentId, id -> runs.depth(id, MAX_DEPTH)) + 1;
    Transition first =
        switch (prepare(child, depth, now)) {
          case Prepared.Ready ready -> ready.first();
          case Prepared.Refused refused -> {
            reports.addAll(refuse(child, refused.reason(), now));
            yield null;
          }
        };
    if (first == null
        || runs.insert(List.of(new JdbcRunStore.NewRun(first.state(), null, first.changedSteps())))
            .isEmpty()) {
      return null;
    }
    depths.put(child.runId(), depth);
    return first;
  }

  private List<OutboxMessage> refuse(Command.StartChildRun child, String reason, Instant now) {
    String message = "cannot start a run of " + child.workflow() + ": " + reason;
    log.info(
        "child run {} of run {} not started: {}", child.runId(), child.parent().runId(), message);
    Failure failure = new Failure(NOT_STARTED, message, false, null);
    return writer.reportNotStarted(
        new Command.ReportToParent(child.parent(), false, null, failure), child.runId(), now);
  }

  private Prepared prepare(Command.StartChildRun child, int depth, Instant now) {
    String name = child.workflow();
    if (depth > MAX_DEPTH) {
      return new Prepared.Refused(
          "child runs nest at most "
              + MAX_DEPTH
              + " deep and this one would be "
              + depth
              + " deep (does a workflow start itself?)");
    }
    Integer version =
        child.version() != null ? child.version() : workflows.latestVersion(name).orElse(null);
    if (version == null) {
      return new Prepared.Refused("there is no workflow named '" + name + "'");
    }
    WorkflowDefinition definition;
    try {
      definition = catalog.definition(name, version);
    } catch (NotFoundException | IllegalStateException e) {
      return new Prepared.Refused(e.getMessage());
    }
    List<String> problems = definition.inputSchema().problemsWith(child.input());
    if (!problems.isEmpty()) {
      return new Prepared.Refused(
          "the input does not match its input schema (v"
              + version
              + "): "
              + String.join("; ", problems));
    }
    try {
      return new Prepared.Ready(
          engine.start(child.runId(), definition, version, child.input(), now, child.parent()));
    } catch (RuntimeException bug) {
      // As for events: one run the engine cannot handle must not wedge the batch.
      log.error("engine could not start child run {} of {}", child.runId(), name, bug);
      return new Prepared.Refused("the engine could not start it: " + bug.getMessage());
    }
  }
}
