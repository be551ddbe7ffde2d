package io.ordo.dsl.expr;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON object as CEL sees a map, converted member by member on access. Expressions usually read a
 * few fields of a large input, so converting the whole tree up front would waste most of the work
 * on every dispatch.
 */
final class JsonObjectView extends AbstractMap<String, Object> {

  private final JsonNode node;

  JsonObjectView(JsonNode node) {
    this.node = node;
  }

  JsonNode node() {
    return node;
  }

  @Override
  public @Nullable Object get(Object key) {
    if (!(key instanceof String name)) {
      return null;
    }
    JsonNode member = node.get(name);
    return member == null ? null : CelJson.toCel(member);
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && node.has(name);
  }

  @Override
  public int size() {
    return node.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return members.hasNext();
          }

          @Override
          public Entry<String, Object> next() {
            Map.Entry<String, JsonNode> member = members.next();
            return Map.entry(member.getKey(), CelJson.toCel(member.getValue()));
          }
        };
      }

      @Override
      public int size() {
        return node.size();
      }
    };
  }
}
