package io.ordo.dsl;

import io.ordo.dsl.model.WorkflowDefinition;
import java.util.List;

/** The outcome of parsing a definition: a valid workflow, or every violation found at once. */
public sealed interface ParseResult {

  record Valid(WorkflowDefinition workflow) implements ParseResult {}

  record Invalid(List<Violation> violations) implements ParseResult {
    public Invalid {
      violations = List.copyOf(violations);
    }
  }
}
