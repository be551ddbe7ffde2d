package io.ordo.dsl.expr;

import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.regex.Pattern;

/**
 * One compiled {@code ${ … }}: its source text, for messages, CEL's immutable program, and the type
 * the checker found for its result (dyn for most, as JSON values are dynamic).
 */
record Expression(String source, CelRuntime.Program program, CelType resultType) {

  /** CEL prefixes runtime errors with an offset into "<input>", which says nothing to a user. */
  private static final Pattern CEL_PREFIX = Pattern.compile("^evaluation error at <input>:\\d+: ");

  @Override
  public String toString() {
    return "${ " + source + " }";
  }

  Object evaluate(Variables variables) {
    try {
      return program.eval(variables);
    } catch (CelEvaluationException e) {
      throw failure(e);
    } catch (RuntimeException e) {
      // CEL's runtime is a third-party interpreter; whatever it throws, the step must fail with
      // an expression error rather than take the orchestrator's dispatch loop down with it.
      throw failure(e);
    }
  }

  private ExpressionException failure(Exception cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ExpressionException(
        "expression '" + source + "' failed: " + CEL_PREFIX.matcher(reason).replaceFirst(""),
        cause);
  }
}
