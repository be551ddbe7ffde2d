package io.ordo.orchestrator.engine;

import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowStep;

/** What the engine needs to know of a step's kind. */
final class StepKinds {

  private StepKinds() {}

  /** Makes attempts of its own (a function call, a child run), with a retry policy. */
  static boolean hasAttempts(Step def) {
    return def instanceof FunctionStep || def instanceof WorkflowStep;
  }

  /** Does its work itself (a call, a timer, a signal) rather than through nested steps. */
  static boolean isLeaf(Step def) {
    return switch (def) {
      case FunctionStep f -> true;
      case WorkflowStep w -> true;
      case WaitStep w -> true;
      case WaitForSignalStep w -> true;
      case FailStep f -> true;
      case SucceedStep s -> true;
      case SwitchStep s -> false;
      case ParallelStep p -> false;
      case ForEachStep f -> false;
    };
  }
}
