package io.ordo.orchestrator.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/** A request whose body can be read only up to a limit; reading past it is a 413. */
final class BoundedBodyRequest extends HttpServletRequestWrapper {

  private final int limit;
  private ServletInputStream body;

  BoundedBodyRequest(HttpServletRequest request, int limit) {
    super(request);
    this.limit = limit;
  }

  static PayloadTooLargeException tooLarge(String size, int limit) {
    return new PayloadTooLargeException(
        "the request body is "
            + size
            + "; the limit is "
            + limit
            + " bytes (ordo.api.max-payload-bytes)");
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (body == null) {
      body = new Counting(super.getInputStream(), limit);
    }
    return body;
  }

  private static final class Counting extends ServletInputStream {

    private final ServletInputStream in;
    private final int limit;
    private long read;

    Counting(ServletInputStream in, int limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw tooLarge("over " + limit + " bytes", limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
