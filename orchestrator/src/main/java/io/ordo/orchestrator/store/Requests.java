package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.ParentLink;

/** The keys of {@code run_requests}: what a parent run asks of a child run. */
public final class Requests {

  /** The parent stopped, or gave up waiting: the child stops too. */
  public static final String STOP = "STOP";

  private static final String COMPENSATE = "COMPENSATE:";

  private Requests() {}

  /**
   * The parent's compensation attempt {@code requester} asks the completed child to undo itself.
   */
  public static String compensate(ParentLink requester) {
    return COMPENSATE + requester.stepId() + ":" + requester.attempt();
  }

  public static boolean isCompensate(String key) {
    return key.startsWith(COMPENSATE);
  }

  /** The parent's step and attempt a {@code COMPENSATE} key names. */
  public static ParentLink requester(String key, String parentRunId) {
    int last = key.lastIndexOf(':');
    return new ParentLink(
        parentRunId,
        key.substring(COMPENSATE.length(), last),
        Integer.parseInt(key.substring(last + 1)));
  }
}
