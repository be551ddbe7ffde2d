package io.ordo.orchestrator.api;

import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * A workflow as a graph to draw: a node per step and per compensation, edges for the forward path
 * and for undoing it (a failed run walks the compensation edges in reverse order of completion).
 */
public record WorkflowGraph(List<Node> nodes, List<Edge> edges) {

  public record Node(String id, String kind, String label) {}

  /**
   * @param kind {@code next} for the forward path, {@code compensation} to the step's undo
   */
  public record Edge(String from, String to, String kind) {}

  public static WorkflowGraph of(WorkflowDefinition workflow) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(new Node("start", "start", "start"));
    String previous = "start";
    for (Step step : workflow.steps()) {
      switch (step) {
        case FunctionStep f -> {
          nodes.add(new Node(f.id(), "function", f.function()));
          edges.add(new Edge(previous, f.id(), "next"));
          if (f.compensate() != null) {
            String undo = f.id() + ".compensate";
            nodes.add(new Node(undo, "compensation", f.compensate().function()));
            edges.add(new Edge(f.id(), undo, "compensation"));
          }
        }
      }
      previous = step.id();
    }
    nodes.add(new Node("end", "end", "end"));
    edges.add(new Edge(previous, "end", "next"));
    return new WorkflowGraph(nodes, edges);
  }
}
