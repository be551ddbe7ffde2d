package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Catch;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.InputSchema;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepOptions;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.dsl.model.WorkflowStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Builds workflow models for engine scenarios, apart from the parser. */
final class Build {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final RetryPolicy ONE_TRY = RetryPolicy.ONCE;
  static final RetryPolicy TWO_TRIES =
      new RetryPolicy(2, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0, Set.of());
  static final StepOptions CALL = new StepOptions(null, TIMEOUT, ONE_TRY, List.of(), null);

  private Build() {}

  static WorkflowDefinition workflow(Step... steps) {
    return workflow(null, null, steps);
  }

  static WorkflowDefinition workflow(
      @Nullable Duration timeout, @Nullable Template output, Step... steps) {
    return new WorkflowDefinition(
        "scenario", null, InputSchema.ANY, timeout, List.of(steps), output);
  }

  /** A function step whose input is the run's input. */
  static FunctionStep call(String id, String function) {
    return new FunctionStep(id, function, Template.literal(EngineHarness.JSON.objectNode()), CALL);
  }

  static FunctionStep call(String id, String function, Template input) {
    return new FunctionStep(id, function, input, CALL);
  }

  static SwitchStep choose(String id, List<SwitchStep.Case> cases, List<Step> otherwise) {
    return new SwitchStep(id, cases, otherwise, StepOptions.NONE);
  }

  static SwitchStep.Case when(Template condition, Step... steps) {
    return new SwitchStep.Case(condition, List.of(steps));
  }

  static ParallelStep parallel(String id, List<Step>... branches) {
    List<ParallelStep.Branch> all = new ArrayList<>();
    for (int i = 0; i < branches.length; i++) {
      all.add(new ParallelStep.Branch("branch-" + (i + 1), branches[i]));
    }
    return new ParallelStep(id, all, StepOptions.NONE);
  }

  static ForEachStep forEach(String id, Template items, String as, int max, Step... steps) {
    return new ForEachStep(id, items, as, max, List.of(steps), StepOptions.NONE);
  }

  static WaitStep waitFor(String id, Duration duration) {
    return new WaitStep(id, duration, null, StepOptions.NONE);
  }

  static WaitStep waitUntil(String id, Template until) {
    return new WaitStep(id, null, until, StepOptions.NONE);
  }

  static WaitForSignalStep signal(String id, String name) {
    return new WaitForSignalStep(id, name, StepOptions.NONE);
  }

  static WorkflowStep child(String id, String workflow) {
    return new WorkflowStep(
        id, workflow, null, Template.literal(EngineHarness.JSON.objectNode()), StepOptions.NONE);
  }

  static FailStep fail(String id, String error, String message) {
    return new FailStep(
        id, error, Template.literal(EngineHarness.JSON.stringNode(message)), StepOptions.NONE);
  }

  static SucceedStep succeed(String id, @Nullable Template output) {
    return new SucceedStep(id, output, StepOptions.NONE);
  }

  static Template value(JsonNode value) {
    return Template.literal(value);
  }

  static Template output(String stepId) {
    return b -> b.stepOutputs().get(stepId);
  }

  static Template local(String name) {
    return b -> b.locals().get(name);
  }

  // What any step may carry.

  static <S extends Step> S onlyIf(S step, Template condition) {
    return options(
        step, o -> new StepOptions(condition, o.timeout(), o.retry(), o.catches(), o.compensate()));
  }

  static <S extends Step> S timeout(S step, Duration timeout) {
    return options(
        step, o -> new StepOptions(o.condition(), timeout, o.retry(), o.catches(), o.compensate()));
  }

  static <S extends Step> S retry(S step, RetryPolicy retry) {
    return options(
        step, o -> new StepOptions(o.condition(), o.timeout(), retry, o.catches(), o.compensate()));
  }

  static <S extends Step> S undoneBy(S step, String function, Template input) {
    Compensation undo = new Compensation(function, input, TIMEOUT, ONE_TRY);
    return options(
        step, o -> new StepOptions(o.condition(), o.timeout(), o.retry(), o.catches(), undo));
  }

  static <S extends Step> S undoneBy(S step, String function) {
    return undoneBy(step, function, output(step.id()));
  }

  static <S extends Step> S catching(S step, Set<String> errors, Step... steps) {
    return options(
        step,
        o -> {
          List<Catch> catches = new ArrayList<>(o.catches());
          catches.add(new Catch(errors, List.of(steps)));
          return new StepOptions(o.condition(), o.timeout(), o.retry(), catches, o.compensate());
        });
  }

  @SuppressWarnings("unchecked")
  private static <S extends Step> S options(S step, UnaryOperator<StepOptions> change) {
    StepOptions o = change.apply(step.options());
    Step changed =
        switch (step) {
          case FunctionStep f -> new FunctionStep(f.id(), f.function(), f.input(), o);
          case SwitchStep s -> new SwitchStep(s.id(), s.cases(), s.otherwise(), o);
          case ParallelStep p -> new ParallelStep(p.id(), p.branches(), o);
          case ForEachStep f ->
              new ForEachStep(f.id(), f.items(), f.as(), f.maxConcurrency(), f.steps(), o);
          case WaitStep w -> new WaitStep(w.id(), w.duration(), w.until(), o);
          case WaitForSignalStep w -> new WaitForSignalStep(w.id(), w.signal(), o);
          case WorkflowStep w -> new WorkflowStep(w.id(), w.workflow(), w.version(), w.input(), o);
          case FailStep f -> new FailStep(f.id(), f.error(), f.message(), o);
          case SucceedStep s -> new SucceedStep(s.id(), s.output(), o);
        };
    return (S) changed;
  }
}
