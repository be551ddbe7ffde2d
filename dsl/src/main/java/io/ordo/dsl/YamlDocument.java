package io.ordo.dsl;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML text into snakeyaml-engine's node tree, which keeps the line and column of every
 * value. Nodes rather than Java objects, because violations must point into the file and duplicate
 * keys must be reported rather than silently overwritten.
 */
final class YamlDocument {

  static final int MAX_CODE_POINTS = 1_000_000;
  static final int MAX_NESTING = 64;

  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setLabel("workflow")
          .setSchema(new CoreSchema()) // YAML 1.2 core: true/True, 0x1F, .inf — what editors assume
          .setCodePointLimit(MAX_CODE_POINTS)
          .setMaxAliasesForCollections(50)
          .setAllowRecursiveKeys(false)
          .setUseMarks(true)
          .build();

  private YamlDocument() {}

  /** The root node, or null with a violation added when the text is not one YAML document. */
  static @Nullable Node load(String yaml, Violations violations) {
    if (yaml.length() > MAX_CODE_POINTS
        && yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
      // Checked here because the YAML reader would only notice after scanning the whole text.
      violations.add(
          Violations.DOCUMENT,
          (Mark) null,
          "the document is longer than " + MAX_CODE_POINTS + " characters");
      return null;
    }
    try {
      Node root = compose(yaml);
      if (root == null) {
        violations.add(
            Violations.DOCUMENT,
            (Mark) null,
            "the document is empty; a workflow needs at least a name and steps");
      }
      return root;
    } catch (YamlEngineException e) {
      violations.add(syntaxError(yaml, e));
      return null;
    }
  }

  private static @Nullable Node compose(String yaml) {
    String masked = ExpressionMask.mask(yaml);
    var parser =
        new DepthLimitedParser(
            new ParserImpl(SETTINGS, new StreamReader(SETTINGS, masked)), MAX_NESTING);
    Node root = new Composer(SETTINGS, parser).getSingleNode().orElse(null);
    return root == null || masked.equals(yaml) ? root : ExpressionMask.unmask(root);
  }

  private static Violation syntaxError(String yaml, YamlEngineException error) {
    return switch (error) {
      case MarkedYamlEngineException marked -> {
        Mark at = marked.getProblemMark().or(marked::getContextMark).orElse(null);
        yield new Violation(
            Violations.DOCUMENT,
            at == null ? 1 : at.getLine() + 1,
            at == null ? 1 : at.getColumn() + 1,
            "invalid YAML: " + ExpressionMask.unmask(describe(marked)));
      }
      case ReaderException unreadable -> {
        int[] position = lineAndColumn(yaml, unreadable.getPosition());
        yield new Violation(
            Violations.DOCUMENT,
            position[0],
            position[1],
            "invalid YAML: character U+"
                + String.format("%04X", unreadable.getCodePoint())
                + " is not allowed in a YAML document");
      }
      default -> new Violation(Violations.DOCUMENT, 1, 1, "invalid YAML: " + error.getMessage());
    };
  }

  private static String describe(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    Optional<Mark> context = e.getContextMark();
    if (e.getContext() == null || e.getContext().isEmpty() || context.isEmpty()) {
      return problem;
    }
    Mark at = context.get();
    return e.getContext()
        + " at line "
        + (at.getLine() + 1)
        + ", column "
        + (at.getColumn() + 1)
        + ": "
        + problem;
  }

  /** 1-based line and column of a code point offset, for errors that carry only an offset. */
  private static int[] lineAndColumn(String text, int codePointOffset) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointOffset; seen++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }
}
