package io.github.chatwire.benchmarks;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ManagedConnection;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.core.connection.ProtocolHandler;
import io.github.chatwire.core.time.VirtualScheduler;
import io.github.chatwire.core.transport.Transport;
import io.github.chatwire.core.transport.TransportListener;
import io.github.chatwire.core.transport.TransportSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's own overhead, without a network: a send through the outbound path, and a full
 * request/reply round through the correlation table, on an in-memory transport that answers
 * synchronously. Run: {@code java -jar benchmarks/target/benchmarks.jar EngineBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {
  private ChatwireRuntime runtime;
  private ManagedConnection connection;
  private LoopbackTransport transport;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    runtime =
        ChatwireRuntime.builder()
            .scheduler(new VirtualScheduler())
            .callbackExecutor(Runnable::run)
            .build();
    transport = new LoopbackTransport();
    connection = ManagedConnection.builder(transport, new EchoHandler()).runtime(runtime).build();
    CompletableFuture<Void> ready = connection.connect();
    transport.listener.onOpen();
    ready.get(1, TimeUnit.SECONDS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    connection.close();
    runtime.close();
  }

  /** One message through the outbound path to the transport. */
  @Benchmark
  public CompletableFuture<Void> send() {
    return connection.send(Outbound.text("m"));
  }

  /** One request registered, sent, answered and completed. */
  @Benchmark
  public void requestReply(Blackhole bh) {
    String key = Long.toString(counter++);
    bh.consume(connection.request(key, Outbound.text(key)).join());
  }

  /** Echoes every text back; "ready" on open. */
  static final class EchoHandler implements ProtocolHandler {
    @Override
    public void onOpen(ProtocolContext ctx) {
      ctx.ready();
    }

    @Override
    public void onText(ProtocolContext ctx, String text) {
      ctx.completeRequest(text, text);
    }
  }

  /** A transport whose peer echoes each text message at once, on the sending thread. */
  static final class LoopbackTransport implements Transport, TransportSession {
    TransportListener listener;

    @Override
    public TransportSession open(ChatwireRuntime runtime, TransportListener l) {
      this.listener = l;
      return this;
    }

    @Override
    public String describe() {
      return "loopback";
    }

    @Override
    public boolean sendText(String text) {
      if (text.length() > 1 || !text.equals("m")) {
        listener.onText(text);
      }
      return true;
    }

    @Override
    public boolean sendBinary(byte[] bytes) {
      return true;
    }

    @Override
    public void close(int code, String reason) {
      listener.onClosed(code, reason == null ? "" : reason);
    }

    @Override
    public void cancel() {}
  }
}
