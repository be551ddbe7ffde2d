package io.ordo.orchestrator.api;

import io.ordo.dsl.model.Catch;
import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree;
import io.ordo.dsl.model.StepTree.Block;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.dsl.model.WorkflowStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A workflow as a graph to draw: a node per step (nested ones too, each naming the composite step
 * and the block it sits in) and per compensation; edges for the forward path, into and out of each
 * block of a composite step, and for undoing a step (a failed run walks the compensation edges in
 * reverse order of completion).
 */
public record WorkflowGraph(List<Node> nodes, List<Edge> edges) {

  /**
   * @param kind the step's kind as the DSL names it ({@code function}, {@code switch}, {@code
   *     parallel}, {@code forEach}, {@code wait}, {@code waitForSignal}, {@code workflow}, {@code
   *     fail}, {@code succeed}), or {@code start}, {@code end}, {@code compensation}
   * @param label what the step does, for people: the function, the signal, the child workflow,
   *     {@code wait 10s}, the error type of a {@code fail}, …
   * @param parent the composite step this node is nested in; null at the top level
   * @param lane which block of {@code parent}: {@code case:0}, {@code default}, {@code branch:1},
   *     {@code body}, {@code catch:0}
   */
  public record Node(
      String id, String kind, String label, @Nullable String parent, @Nullable String lane) {}

  /**
   * @param kind {@code next} between consecutive steps of a block (and from start, to end); {@code
   *     case}, {@code default}, {@code branch}, {@code body}, {@code catch} from a composite step
   *     into one of its blocks; {@code join} from the end of a block to what follows the composite;
   *     {@code compensation} to the step's undo
   * @param label for the edges into a block: {@code case 1}, the branch's name, {@code for each
   *     item}, the error types caught
   */
  public record Edge(String from, String to, String kind, @Nullable String label) {}

  static final String START = "start";
  static final String END = "end";

  public static WorkflowGraph of(WorkflowDefinition workflow) {
    Drawing drawing = new Drawing();
    drawing.nodes.add(new Node(START, START, START, null, null));
    List<Step> top = workflow.steps();
    drawing.edges.add(new Edge(START, top.isEmpty() ? END : top.getFirst().id(), "next", null));
    drawing.block(top, null, null, END);
    if (!top.isEmpty()) {
      drawing.edges.add(new Edge(top.getLast().id(), END, "next", null));
    }
    drawing.nodes.add(new Node(END, END, END, null, null));
    return new WorkflowGraph(List.copyOf(drawing.nodes), List.copyOf(drawing.edges));
  }

  /** The nodes and edges so far, while the steps are walked in document order. */
  private static final class Drawing {
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();

    /** The steps of one block, chained by {@code next}; {@code successor} is what follows it. */
    void block(List<Step> steps, @Nullable String parent, @Nullable String lane, String successor) {
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        boolean last = i == steps.size() - 1;
        if (i > 0) {
          edges.add(new Edge(steps.get(i - 1).id(), step.id(), "next", null));
        }
        step(step, parent, lane, last ? successor : steps.get(i + 1).id());
      }
    }

    void step(Step step, @Nullable String parent, @Nullable String lane, String successor) {
      nodes.add(new Node(step.id(), step.kind(), labelOf(step), parent, lane));
      String undo = compensationLabel(step);
      if (undo != null) {
        String id = step.id() + ".compensate";
        nodes.add(new Node(id, "compensation", undo, parent, lane));
        edges.add(new Edge(step.id(), id, "compensation", null));
      }
      for (Block body : StepTree.bodiesOf(step)) {
        String kind = body.lane().kind().name().toLowerCase();
        String label = laneLabel(step, body.lane());
        if (body.steps().isEmpty()) {
          edges.add(new Edge(step.id(), successor, kind, label));
          continue;
        }
        edges.add(new Edge(step.id(), body.steps().getFirst().id(), kind, label));
        block(body.steps(), step.id(), laneText(body.lane()), successor);
        edges.add(new Edge(body.steps().getLast().id(), successor, "join", null));
      }
    }
  }

  private static String laneText(Lane lane) {
    return lane.kind() == Lane.Kind.BODY ? "body" : lane.toString();
  }

  private static String laneLabel(Step step, Lane lane) {
    return switch (lane.kind()) {
      case CASE -> "case " + (lane.index() + 1);
      case DEFAULT -> "default";
      case BRANCH -> ((ParallelStep) step).branches().get(lane.index()).name();
      case BODY -> "for each " + ((ForEachStep) step).as();
      case CATCH -> caught(step.options().catches().get(lane.index()));
      case TOP -> "";
    };
  }

  private static String caught(Catch handler) {
    return handler.errors().isEmpty()
        ? "any error"
        : String.join(", ", handler.errors().stream().sorted().toList());
  }

  private static String labelOf(Step step) {
    return switch (step) {
      case FunctionStep f -> f.function();
      case SwitchStep s -> "switch";
      case ParallelStep p -> "parallel";
      case ForEachStep f -> "for each " + f.as();
      case WaitStep w -> w.duration() != null ? "wait " + format(w.duration()) : "wait until";
      case WaitForSignalStep w -> w.signal();
      case WorkflowStep w -> w.workflow() + (w.version() == null ? "" : " v" + w.version());
      case FailStep f -> f.error();
      case SucceedStep s -> "succeed";
    };
  }

  /** The function that undoes the step, or the child run's own compensation; null for none. */
  private static @Nullable String compensationLabel(Step step) {
    if (step.options().compensate() != null) {
      return step.options().compensate().function();
    }
    return step instanceof WorkflowStep w ? "compensate " + w.workflow() : null;
  }

  /** {@code 10s}, {@code 1m30s}, {@code 500ms}, {@code 2h}. */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toHours(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    append(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }
}
