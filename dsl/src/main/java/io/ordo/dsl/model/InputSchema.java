package io.ordo.dsl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A workflow's {@code input.schema}, compiled once at deploy time. */
public interface InputSchema {

  /** Accepts anything: a workflow that declares no schema. */
  InputSchema ANY = input -> List.of();

  /** Every way {@code input} breaks the schema, each naming where (a JSON pointer) and what. */
  List<String> problemsWith(JsonNode input);
}
