package io.ordo.orchestrator.engine;

import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.orchestrator.engine.RunEvent.SignalReceived;
import io.ordo.orchestrator.engine.Transition.Ignored;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Signals: one goes to the step that has waited for it longest, or is kept until a step waits for
 * it. Only a running run takes signals.
 */
final class Signals {

  private final Engine engine;

  Signals(Engine engine) {
    this.engine = engine;
  }

  @Nullable Ignored receive(Progress p, SignalReceived signal) {
    if (p.status() != RunStatus.RUNNING) {
      return Ignored.NOT_ALLOWED;
    }
    StepExecution waiting =
        p.steps().stream()
            .filter(s -> s.status() == StepStatus.ACTIVE && s.type().equals("waitForSignal"))
            .filter(s -> ((WaitForSignalStep) p.definition(s)).signal().equals(signal.name()))
            .findFirst()
            .orElse(null);
    if (waiting == null) {
      List<PendingSignal> pending = new ArrayList<>(p.run().signals());
      pending.add(new PendingSignal(signal.name(), signal.payload(), p.now));
      p.update(r -> r.withSignals(pending));
      p.record("SignalReceived", "signal", signal.name(), "kept", true);
      return null;
    }
    p.record("SignalReceived", "signal", signal.name(), "stepId", waiting.stepId());
    engine.flow.complete(p, waiting, signal.payload());
    return null;
  }

  /**
   * A step starts waiting: it takes the oldest kept signal of its name at once, if there is one.
   */
  void await(Progress p, StepExecution step, WaitForSignalStep def) {
    List<PendingSignal> pending = new ArrayList<>(p.run().signals());
    PendingSignal kept =
        pending.stream().filter(s -> s.name().equals(def.signal())).findFirst().orElse(null);
    if (kept == null) {
      p.record("SignalAwaited", "stepId", step.stepId(), "signal", def.signal());
      return;
    }
    pending.remove(kept);
    p.update(r -> r.withSignals(pending));
    p.record("SignalTaken", "stepId", step.stepId(), "signal", def.signal());
    engine.flow.complete(p, step, kept.payload());
  }
}
