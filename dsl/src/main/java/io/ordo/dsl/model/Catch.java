package io.ordo.dsl.model;

import java.util.List;
import java.util.Set;

/**
 * Recovers a failed step: when its error type is one of {@code errors} (or {@code errors} is empty,
 * which catches everything), {@code steps} run instead, with the failure visible as {@code error},
 * and the step counts as recovered with their output.
 */
public record Catch(Set<String> errors, List<Step> steps) {

  public Catch {
    errors = Set.copyOf(errors);
    steps = List.copyOf(steps);
  }

  public boolean handles(String errorType) {
    return errors.isEmpty() || errors.contains(errorType);
  }
}
