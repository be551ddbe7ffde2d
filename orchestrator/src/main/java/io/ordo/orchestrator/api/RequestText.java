package io.ordo.orchestrator.api;

import io.ordo.orchestrator.service.InvalidRequestException;
import io.ordo.orchestrator.store.StorableText;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks on text a request brings, so that what Ordo cannot store is refused at the door. */
final class RequestText {

  private RequestText() {}

  /** Refuses text holding U+0000; {@code what} names it in the error. */
  static @Nullable String storable(@Nullable String text, String what) {
    if (text != null && !StorableText.isStorable(text)) {
      throw new InvalidRequestException(what + " holds U+0000, which Ordo cannot store", List.of());
    }
    return text;
  }
}
