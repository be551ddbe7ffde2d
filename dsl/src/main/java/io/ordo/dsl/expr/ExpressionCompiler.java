package io.ordo.dsl.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.ordo.dsl.expr.Compilation.Compiled;
import io.ordo.dsl.expr.Compilation.Rejected;
import io.ordo.dsl.expr.TextSegments.Placeholder;
import io.ordo.dsl.expr.TextSegments.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Compiles the strings of a definition into templates: every {@code ${ … }} is parsed and
 * type-checked by CEL once, at deploy time, so evaluation per dispatch only runs a program.
 * Immutable and safe to share between threads.
 */
public final class ExpressionCompiler {

  /** Loop iterations one evaluation may spend across all its comprehensions (map, filter, …). */
  public static final int MAX_ITERATIONS = 10_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .comprehensionMaxIterations(MAX_ITERATIONS)
          // CEL-Java has no general cost budget; these bound what else an expression can spend.
          .maxRegexProgramSize(1_000)
          .maxExpressionCodePointSize(10_000)
          .maxParseRecursionDepth(64)
          .maxParseExpressionNodeCount(10_000)
          // JSON numbers arrive as int or double depending on how they were written.
          .enableHeterogeneousNumericComparisons(true)
          .build();

  /**
   * Environments with local variables, by their names. Bounded, because the names come from
   * definitions users deploy; past the bound an environment is built for each expression.
   */
  private static final int MAX_CACHED_ENVIRONMENTS = 256;

  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");

  private final Map<Set<String>, Cel> withLocals = new ConcurrentHashMap<>();

  private final Cel cel =
      CelFactory.standardCelBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("input", SimpleType.DYN)
          .addVar(
              "steps",
              MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN)))
          .addVar("run", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .build();

  /** True when {@code text} is exactly one {@code ${ … }}, which keeps its result's JSON type. */
  public static boolean isOneExpression(String text) {
    if (!TextSegments.mayHoldExpressions(text)) {
      return false;
    }
    TextSegments.Split split = TextSegments.split(text);
    return split.problem() == null
        && split.segments().size() == 1
        && split.segments().getFirst() instanceof Placeholder;
  }

  /**
   * Compiles one whole-value expression ({@link #isOneExpression}) that must give {@code
   * expecting}: an expression whose type CEL knows to be another one is rejected; one of dynamic
   * type (most of them: {@code input} and step outputs are JSON) is checked when it runs.
   */
  public Compilation compile(String text, StepScope scope, Expecting expecting) {
    Compilation compilation = compile(text, scope);
    if (expecting == Expecting.ANY || !(compilation instanceof Compiled compiled)) {
      return compilation;
    }
    if (!(compiled.template() instanceof ExpressionTemplate template)) {
      return new Rejected(List.of("'" + text + "' must be one ${ … } expression"));
    }
    CelType type = template.expression().resultType();
    if (expecting.isContradictedBy(type)) {
      return new Rejected(
          List.of(
              "expression '"
                  + template.expression().source()
                  + "' gives "
                  + Expecting.words(type)
                  + ", but it must give "
                  + expecting.words()));
    }
    return compilation;
  }

  /** Compiles a YAML string: plain text, one whole-value expression, or interpolated text. */
  public Compilation compile(String text, StepScope scope) {
    if (!TextSegments.mayHoldExpressions(text)) {
      return new Compiled(Template.literal(JsonNodeFactory.instance.stringNode(text)));
    }
    TextSegments.Split split = TextSegments.split(text);
    if (split.problem() != null) {
      return new Rejected(List.of(split.problem()));
    }
    List<String> problems = new ArrayList<>();
    List<InterpolatedTemplate.Piece> pieces = new ArrayList<>();
    for (Segment segment : split.segments()) {
      pieces.add(piece(segment, scope, problems));
    }
    if (!problems.isEmpty()) {
      return new Rejected(problems);
    }
    return new Compiled(assemble(pieces));
  }

  private InterpolatedTemplate.Piece piece(
      Segment segment, StepScope scope, List<String> problems) {
    return switch (segment) {
      case TextSegments.Text text -> new InterpolatedTemplate.Text(text.text());
      case Placeholder placeholder -> {
        Expression expression = expression(placeholder.source(), scope, problems);
        yield expression == null
            ? new InterpolatedTemplate.Text("")
            : new InterpolatedTemplate.Value(expression);
      }
    };
  }

  private static Template assemble(List<InterpolatedTemplate.Piece> pieces) {
    if (pieces.size() == 1 && pieces.getFirst() instanceof InterpolatedTemplate.Value value) {
      return new ExpressionTemplate(value.expression());
    }
    return new InterpolatedTemplate(pieces);
  }

  private @Nullable Expression expression(String source, StepScope scope, List<String> problems) {
    if (source.isEmpty()) {
      problems.add("'${}' holds no expression");
      return null;
    }
    try {
      Cel env = environment(scope.locals());
      CelValidationResult result = env.compile(source);
      if (result.hasError()) {
        problems.add(
            "expression '"
                + source
                + "' does not compile: "
                + describe(result.getErrors())
                + hints(result.getErrors(), scope));
        return null;
      }
      CelAbstractSyntaxTree ast = result.getAst();
      List<String> references = StepReferences.problems(ast.getExpr(), scope);
      if (!references.isEmpty()) {
        references.forEach(problem -> problems.add("expression '" + source + "': " + problem));
        return null;
      }
      return new Expression(source, env.createProgram(ast), ast.getResultType());
    } catch (CelEvaluationException | CelValidationException | RuntimeException e) {
      // CEL is third-party code fed user text; a crash in it is still a bad expression to the user.
      problems.add("expression '" + source + "' does not compile: " + e.getMessage());
      return null;
    }
  }

  /** The environment that also declares {@code locals}: each as dynamic JSON, error as a map. */
  private Cel environment(Set<String> locals) {
    if (locals.isEmpty()) {
      return cel;
    }
    Cel known = withLocals.get(locals);
    if (known != null) {
      return known;
    }
    CelBuilder builder = cel.toCelBuilder();
    for (String name : new TreeSet<>(locals)) {
      builder.addVar(
          name,
          name.equals(StepReferences.ERROR)
              ? MapType.create(SimpleType.STRING, SimpleType.DYN)
              : SimpleType.DYN);
    }
    Cel built = builder.build();
    if (withLocals.size() < MAX_CACHED_ENVIRONMENTS) {
      withLocals.putIfAbsent(Set.copyOf(locals), built);
    }
    return built;
  }

  /** Where an undeclared variable would be defined, when it is a local of another place. */
  private static String hints(List<CelIssue> issues, StepScope scope) {
    StringBuilder hints = new StringBuilder();
    issues.stream()
        .map(issue -> UNDECLARED.matcher(issue.getMessage()))
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .distinct()
        .forEach(name -> scope.whereDefined(name).ifPresent(h -> hints.append("; ").append(h)));
    return hints.toString();
  }

  private static String describe(List<CelIssue> issues) {
    return issues.stream()
        .map(ExpressionCompiler::describe)
        .distinct()
        .collect(Collectors.joining("; "));
  }

  private static String describe(CelIssue issue) {
    // The container and the overload candidates (which list protobuf types) only confuse.
    String message =
        issue
            .getMessage()
            .replace(" (in container '')", "")
            .replaceFirst(" \\(candidates: .*\\)$", "");
    int column = issue.getSourceLocation().getColumn();
    return column < 0 ? message : message + " (at column " + (column + 1) + ")";
  }
}
