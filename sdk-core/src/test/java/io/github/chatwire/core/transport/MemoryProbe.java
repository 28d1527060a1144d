package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.WebSocketProtocolException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The client side of {@link WebSocketMemoryTest}, run in its own JVM with a small heap so that an
 * OutOfMemoryError fails that test, not the build. Usage: {@code MemoryProbe <url> <limit bytes>
 * [okhttp]}. Prints {@code TERMINAL <what>} and {@code PEAK_HEAP <bytes>}; exits 0 when the session
 * ended, 3 on OutOfMemoryError, 4 when nothing ended within 60 s.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          if (e instanceof OutOfMemoryError) {
            System.out.println("OOM on " + t.getName());
            System.out.flush();
            Runtime.getRuntime().halt(3);
          }
        });
    String url = args[0];
    long limit = Long.parseLong(args[1]);
    boolean okhttp = args.length > 2 && args[2].equals("okhttp");
    try (ChatwireRuntime runtime = ChatwireRuntime.builder().build()) {
      Transport transport =
          okhttp
              ? OkHttpWebSocketTransport.builder(url).maxInboundMessageBytes(limit).build()
              : WebSocketTransport.builder(url).maxInboundMessageBytes(limit).build();
      RawWsServer.Events events = new RawWsServer.Events();
      TransportSession session = transport.open(runtime, events);
      long deadline = System.nanoTime() + 60_000_000_000L;
      Object terminal = null;
      while (terminal == null && System.nanoTime() < deadline) {
        Object o = events.queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        if (o instanceof RawWsServer.Events.Closed || o instanceof RawWsServer.Events.Failed) {
          terminal = o;
        }
      }
      if (terminal == null) {
        System.out.println("TERMINAL none");
        System.out.println("PEAK_HEAP " + peakHeap());
        System.out.flush();
        Runtime.getRuntime().halt(4);
      }
      String what = terminal.toString();
      if (terminal instanceof RawWsServer.Events.Failed f) {
        what =
            f.cause().getClass().getSimpleName()
                + (f.cause() instanceof WebSocketProtocolException p ? " " + p.closeCode() : "")
                + " "
                + f.cause().getMessage();
      }
      System.out.println("TERMINAL " + what);
      System.out.println("PEAK_HEAP " + peakHeap());
      System.out.flush();
      session.cancel();
    } catch (OutOfMemoryError e) {
      System.out.println("OOM on main");
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
    System.exit(0);
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
