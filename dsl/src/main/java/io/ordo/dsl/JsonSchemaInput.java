package io.ordo.dsl;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.ordo.dsl.model.InputSchema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A workflow's {@code input.schema}, compiled once by networknt's JSON Schema validator. */
record JsonSchemaInput(Schema schema) implements InputSchema {

  @Override
  public List<String> problemsWith(JsonNode input) {
    return schema.validate(input).stream().map(JsonSchemaInput::describe).toList();
  }

  /** "/amount: string found, number expected"; a missing property is named by its own pointer. */
  private static String describe(Error error) {
    String pointer = error.getInstanceLocation().toString();
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      String property = error.getProperty().replace("~", "~0").replace("/", "~1");
      return pointer + "/" + property + ": is required";
    }
    return (pointer.isEmpty() ? "(root)" : pointer) + ": " + error.getMessage();
  }
}
