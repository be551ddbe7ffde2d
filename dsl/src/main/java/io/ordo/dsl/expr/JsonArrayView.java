package io.ordo.dsl.expr;

import java.util.AbstractList;
import java.util.RandomAccess;
import tools.jackson.databind.JsonNode;

/** A JSON array as CEL sees a list, converted element by element on access. */
final class JsonArrayView extends AbstractList<Object> implements RandomAccess {

  private final JsonNode node;

  JsonArrayView(JsonNode node) {
    this.node = node;
  }

  JsonNode node() {
    return node;
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= node.size()) {
      throw new IndexOutOfBoundsException("index " + index + " of a list of " + node.size());
    }
    return CelJson.toCel(node.get(index));
  }

  @Override
  public int size() {
    return node.size();
  }
}
