package io.ordo.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Waits for a batch of runs to complete and measures it as the server recorded it: completed runs
 * per second from the batch's first start to its last end. A batch is the runs whose input {@code
 * orderId} starts with a prefix of its own.
 */
final class CompletedBatch {

  private CompletedBatch() {}

  static double runsPerSecond(Connection c, String orderIdPrefix, int count) throws Exception {
    try (PreparedStatement progress =
        c.prepareStatement(
            """
            select count(*) filter (where status = 'COMPLETED'),
                   extract(epoch from (max(finished_at) - min(created_at)))
            from runs where input->>'orderId' like ?""")) {
      progress.setString(1, orderIdPrefix + "%");
      while (true) {
        try (ResultSet rs = progress.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == count) {
            return count / rs.getDouble(2);
          }
        }
        Thread.sleep(50);
      }
    }
  }
}
