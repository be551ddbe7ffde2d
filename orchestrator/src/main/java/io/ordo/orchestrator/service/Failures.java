package io.ordo.orchestrator.service;

import java.sql.SQLException;
import tools.jackson.core.JacksonException;

/**
 * Tells a failure of one run's data from a failure of the infrastructure. A batch that fails for
 * its data is retried without the run that caused it; one that fails because PostgreSQL is
 * unreachable is retried as it is, later: splitting it would only blame runs that did nothing
 * wrong.
 */
final class Failures {

  private Failures() {}

  /**
   * Whether PostgreSQL refused the data itself (SQLSTATE class 22 data exception, 23 integrity
   * constraint, 54 program limit, such as an index row too large), or it could not be written.
   */
  static boolean isDataProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JacksonException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
