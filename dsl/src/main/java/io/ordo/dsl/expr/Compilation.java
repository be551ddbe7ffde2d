package io.ordo.dsl.expr;

import java.util.List;

/** The outcome of compiling one YAML string that may hold {@code ${ … }} expressions. */
public sealed interface Compilation {

  record Compiled(Template template) implements Compilation {}

  /** Each problem is a complete sentence naming the expression, ready for a violation message. */
  record Rejected(List<String> problems) implements Compilation {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
