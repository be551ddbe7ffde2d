package io.ordo.orchestrator.service;

import java.util.Set;

/** Makes sure the dispatch topics of functions exist before anything is sent to them. */
public interface FunctionTopics {

  void ensure(Set<String> functions);
}
