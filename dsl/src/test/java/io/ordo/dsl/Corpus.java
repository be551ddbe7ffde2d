package io.ordo.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The YAML files under {@code src/test/resources/workflows/}. */
final class Corpus {

  private Corpus() {}

  static Stream<Path> valid() {
    return files("valid");
  }

  static Stream<Path> invalid() {
    return files("invalid");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> files(String folder) {
    try {
      Path dir = Path.of(Corpus.class.getResource("/workflows/" + folder).toURI());
      try (Stream<Path> listing = Files.list(dir)) {
        return listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
