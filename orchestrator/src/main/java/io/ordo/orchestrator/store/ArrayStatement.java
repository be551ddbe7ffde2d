package io.ordo.orchestrator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * A statement that takes many rows at once as PostgreSQL arrays ({@code unnest(?::uuid[], …)}): one
 * round trip and one statement for a whole batch, whatever its size. Parameters are bound in the
 * order they are added, arrays and plain values alike.
 */
final class ArrayStatement implements PreparedStatementCreator {

  /** An array of {@code type} elements, or a plain value when {@code type} is null. */
  private record Parameter(@Nullable String type, @Nullable Object value) {}

  private final String sql;
  private final List<Parameter> parameters = new ArrayList<>();

  private ArrayStatement(String sql) {
    this.sql = sql;
  }

  static ArrayStatement of(String sql) {
    return new ArrayStatement(sql);
  }

  /**
   * The next parameter, an array; {@code type} is its element type ({@code uuid}, {@code text}).
   */
  ArrayStatement column(String type, List<?> values) {
    parameters.add(new Parameter(type, new ArrayList<>(values).toArray()));
    return this;
  }

  /**
   * The next parameter, bytes as an array of hex text ({@code pgjdbc} cannot bind {@code bytea[]}):
   * the statement reads each element with {@code decode(…, 'hex')}.
   */
  ArrayStatement bytes(List<byte[]> values) {
    HexFormat hex = HexFormat.of();
    return column("text", values.stream().map(hex::formatHex).toList());
  }

  /** The next parameter, a plain value. */
  ArrayStatement then(@Nullable Object value) {
    parameters.add(new Parameter(null, value));
    return this;
  }

  @Override
  public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      if (p.type() == null) {
        statement.setObject(i + 1, p.value());
      } else {
        statement.setArray(i + 1, connection.createArrayOf(p.type(), (Object[]) p.value()));
      }
    }
    return statement;
  }
}
