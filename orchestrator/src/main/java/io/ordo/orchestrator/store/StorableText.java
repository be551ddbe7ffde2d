package io.ordo.orchestrator.store;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What PostgreSQL's text and jsonb cannot hold: U+0000. Finds it in JSON so that it is refused
 * where it comes in — a 400 for a request, a typed step failure for a worker's output — and never
 * reaches a transaction, where it would fail the whole batch.
 */
public final class StorableText {

  private static final char NUL = '\u0000';

  private StorableText() {}

  /** The JSON path of the first string or key holding U+0000 ({@code $.items[2].sku}), or null. */
  public static @Nullable String unstorableAt(JsonNode node) {
    return find(node, "$");
  }

  public static boolean isStorable(String text) {
    return text.indexOf(NUL) < 0;
  }

  /** The text with U+0000 written out, for messages that must quote it. */
  public static String escaped(String text) {
    return text.replace(String.valueOf(NUL), "\\u0000");
  }

  private static @Nullable String find(JsonNode node, String path) {
    if (node.isString()) {
      return isStorable(node.asString()) ? null : path;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = find(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String here = path + "." + escaped(field.getKey());
        if (!isStorable(field.getKey())) {
          return here;
        }
        String found = find(field.getValue(), here);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
