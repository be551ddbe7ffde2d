package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.util.List;

/**
 * Runs the steps of the first case whose {@code when} is true, else {@code otherwise} (the YAML
 * {@code default}); with no match and no default it completes at once with a null output. Its
 * output is the output of the steps that ran.
 */
public record SwitchStep(String id, List<Case> cases, List<Step> otherwise, StepOptions options)
    implements Step {

  public SwitchStep {
    cases = List.copyOf(cases);
    otherwise = List.copyOf(otherwise);
  }

  /** One branch: the condition and the steps it leads to. */
  public record Case(Template when, List<Step> steps) {
    public Case {
      steps = List.copyOf(steps);
    }
  }
}
