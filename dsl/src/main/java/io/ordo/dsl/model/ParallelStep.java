package io.ordo.dsl.model;

import java.util.List;

/**
 * Runs every branch at once and completes when all have; its output is the list of the branches'
 * outputs, in branch order. When one branch fails the others are cancelled and the step fails.
 */
public record ParallelStep(String id, List<Branch> branches, StepOptions options) implements Step {

  public ParallelStep {
    branches = List.copyOf(branches);
  }

  /** One branch: its name (for people; {@code branch-1} … when none is given) and its steps. */
  public record Branch(String name, List<Step> steps) {
    public Branch {
      steps = List.copyOf(steps);
    }
  }
}
