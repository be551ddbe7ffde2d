package io.ordo.dsl.expr;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an expression may read, depending on where it stands in the workflow: which {@code
 * steps.<id>.output} exist by the time it is evaluated, and which variables besides {@code input},
 * {@code steps} and {@code run} are defined there (a {@code forEach} item, {@code error} in a
 * {@code catch}). Only outputs of steps that have finished by then can be read, so a reference past
 * them is a deploy-time error rather than a null at run time.
 */
public interface StepScope {

  /**
   * Every step id of the workflow, nested steps included, in document order: an id not among them
   * does not exist, one among them that {@link #canRead} refuses is merely not visible here.
   */
  List<String> stepIds();

  boolean canRead(String stepId);

  /**
   * Why {@code stepId}, which exists, cannot be read here, and what can: the rest of the sentence
   * "steps.x is not visible here: …".
   */
  String whyNotVisible(String stepId);

  /** The variables defined here besides {@code input}, {@code steps} and {@code run}. */
  default Set<String> locals() {
    return Set.of();
  }

  /**
   * Where a variable that is not defined here is defined, for the message about an undeclared
   * reference to it: "error is defined only in the steps of a catch".
   */
  default Optional<String> whereDefined(String variable) {
    return Optional.empty();
  }

  /** For a step's input in a workflow of sequential steps: the steps before {@code index}. */
  static StepScope before(List<String> stepIds, int index) {
    return new FlatScope(stepIds, index, "only earlier steps");
  }

  /** For a step's compensation: the steps before it and the step itself, whose output it undoes. */
  static StepScope upTo(List<String> stepIds, int index) {
    return new FlatScope(stepIds, index + 1, "only earlier steps and the step itself");
  }

  /** For the workflow's output: every step. */
  static StepScope all(List<String> stepIds) {
    return new FlatScope(stepIds, stepIds.size(), "all steps");
  }
}
