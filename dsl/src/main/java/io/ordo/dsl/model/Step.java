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
}
