package io.ordo.dsl.expr;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A mapping whose members are templates, rendered in the order they were written. */
record ObjectTemplate(List<Member> members) implements CompiledTemplate {

  record Member(String name, CompiledTemplate value) {}

  ObjectTemplate {
    members = List.copyOf(members);
  }

  @Override
  public JsonNode render(Variables variables) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (Member member : members) {
      object.set(member.name(), member.value().render(variables));
    }
    return object;
  }
}
