package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bodies far over the payload limit are refused while they are read, never buffered whole: four 200
 * MB chunked uploads at once get a 413 problem after the server read little more than the limit,
 * and Ordo goes on serving.
 */
class HugeBodiesIT extends OrdoIT {

  private static final long HUGE = 200L * 1024 * 1024;
  private static final int LIMIT = 1_048_576; // ordo.api.max-payload-bytes' default

  record Upload(String head, long sentBeforeTheAnswer) {}

  @Test
  void fourChunkedBodiesOf200MegabytesAtOnceAreRefusedWhileTheyAreRead() throws Exception {
    api.deploy("name: huge-bodies\nsteps:\n  - id: echo\n    function: demo.echo\n");
    List<Future<Upload>> uploads = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        uploads.add(clients.submit(() -> chunkedUpload("/api/v1/workflows/huge-bodies/runs")));
      }
      for (Future<Upload> upload : uploads) {
        Upload done = upload.get();
        assertThat(done.head()).startsWith("HTTP/1.1 413");
        assertThat(done.head().toLowerCase()).contains("content-type: application/problem+json");
        // the server answered after the limit and Tomcat's swallow allowance, not after 200 MB
        assertThat(done.sentBeforeTheAnswer()).isLessThan(32L * 1024 * 1024);
      }
    }

    String runId = api.startRun("huge-bodies", "{\"after\": \"the huge bodies\"}");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> api.status(runId).equals("COMPLETED"));
  }

  @Test
  void aSignalPayloadOverTheLimitIsRefusedWithAProblem() {
    String runId = java.util.UUID.randomUUID().toString();
    byte[] big = new byte[LIMIT + 10];
    Arrays.fill(big, (byte) ' ');
    big[0] = '"';
    big[big.length - 1] = '"';

    var reply =
        new RawHttp(port)
            .send(
                "POST",
                "/api/v1/runs/" + runId + "/signals/approve",
                java.util.Map.of("Content-Type", "application/json"),
                big);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.body()).contains("max-payload-bytes");
  }

  /** Streams a 200 MB chunked JSON body until the server answers; what was sent by then. */
  private Upload chunkedUpload(String path) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      AtomicLong sent = new AtomicLong();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    byte[] chunk = chunk(64 * 1024);
                    try {
                      while (sent.get() < HUGE && !Thread.currentThread().isInterrupted()) {
                        out.write(chunk);
                        sent.addAndGet(64 * 1024);
                      }
                    } catch (IOException closedByTheServer) {
                      // expected: the server answered and closed the connection
                    }
                  });
      String head = readHead(socket.getInputStream());
      long sentBeforeTheAnswer = sent.get();
      writer.interrupt();
      socket.close();
      return new Upload(head, sentBeforeTheAnswer);
    }
  }

  private static byte[] chunk(int size) {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) ' ');
    byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[head.length + size + 2];
    System.arraycopy(head, 0, chunk, 0, head.length);
    System.arraycopy(data, 0, chunk, head.length, size);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the connection closed before an answer: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
  }
}
