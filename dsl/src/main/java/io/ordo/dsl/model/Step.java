package io.ordo.dsl.model;

/** One step of a workflow; the key that names its kind in YAML decides which record it is. */
public sealed interface Step
    permits FunctionStep,
        SwitchStep,
        ParallelStep,
        ForEachStep,
        WaitStep,
        WaitForSignalStep,
        WorkflowStep,
        FailStep,
        SucceedStep {

  String id();

  StepOptions options();

  /** The key that names this kind in YAML: {@code function}, {@code forEach}, … */
  default String kind() {
    return switch (this) {
      case FunctionStep f -> "function";
      case SwitchStep s -> "switch";
      case ParallelStep p -> "parallel";
      case ForEachStep f -> "forEach";
      case WaitStep w -> "wait";
      case WaitForSignalStep w -> "waitForSignal";
      case WorkflowStep w -> "workflow";
      case FailStep f -> "fail";
      case SucceedStep s -> "succeed";
    };
  }
}
