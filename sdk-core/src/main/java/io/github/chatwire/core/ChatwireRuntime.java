package io.github.chatwire.core;

import io.github.chatwire.core.internal.ElasticPool;
import io.github.chatwire.core.internal.NamedThreadFactory;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.time.SystemScheduler;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The threads, timers and HTTP clients that connections share. One runtime serves any number of
 * connections of any protocol; it adds no thread per connection (OkHttp needs one reader thread per
 * open WebSocket, taken from this runtime's dispatcher pool).
 *
 * <p>What a runtime creates it owns and shuts down in {@link #close()}. What the user passes in (a
 * {@link Scheduler}, a callback {@link Executor}, an {@link OkHttpClient}) is used as given and
 * never shut down. Connections built without an explicit runtime share a default one that is
 * created on first use and closed when the last of them closes, so that closing every connection
 * leaves no chatwire thread behind.
 *
 * <p>Thread-safe.
 */
public final class ChatwireRuntime implements AutoCloseable {
  private static final Object SHARED_LOCK = new Object();
  private static @Nullable ChatwireRuntime shared; // guarded by SHARED_LOCK
  private static int sharedUsers; // guarded by SHARED_LOCK

  private final Scheduler scheduler;
  private final @Nullable ScheduledThreadPoolExecutor ownedScheduler;
  private final Executor callbackExecutor;
  private final @Nullable ExecutorService ownedCallbackExecutor;
  private final ExecutorService webSocketExecutor;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final @Nullable ExecutorService httpExecutor;
  private final OkHttpClient webSocketClient;
  private volatile boolean isShared;

  private ChatwireRuntime(Builder b) {
    if (b.scheduler != null) {
      scheduler = b.scheduler;
      ownedScheduler = null;
    } else {
      ownedScheduler =
          new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("chatwire-scheduler"));
      ownedScheduler.setRemoveOnCancelPolicy(true);
      ownedScheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      scheduler = new SystemScheduler(ownedScheduler);
    }
    if (b.callbackExecutor != null) {
      callbackExecutor = b.callbackExecutor;
      ownedCallbackExecutor = null;
    } else {
      // Elastic: a blocked listener holds one thread, and the next task gets another (up to
      // the maximum), so one connection's slow listener cannot stall another connection.
      ThreadPoolExecutor pool = ElasticPool.create(b.maxCallbackThreads, 30, "chatwire-callback");
      ownedCallbackExecutor = pool;
      callbackExecutor = pool;
    }
    webSocketExecutor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new NamedThreadFactory("chatwire-ws"));
    Dispatcher dispatcher = new Dispatcher(webSocketExecutor);
    // Each open WebSocket holds one "running call" for its lifetime; OkHttp's default of 64
    // (5 per host) would make further sockets wait forever.
    dispatcher.setMaxRequests(Integer.MAX_VALUE);
    dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
    if (b.httpClient != null) {
      httpClient = b.httpClient;
      ownsHttpClient = false;
      httpExecutor = null;
    } else {
      // Our own pool for asynchronous HTTP calls, so that closing the runtime ends its threads
      // (OkHttp's default dispatcher keeps idle threads for 60 s).
      httpExecutor =
          new ThreadPoolExecutor(
              0,
              Integer.MAX_VALUE,
              60,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              new NamedThreadFactory("chatwire-http"));
      httpClient = new OkHttpClient.Builder().dispatcher(new Dispatcher(httpExecutor)).build();
      ownsHttpClient = true;
    }
    webSocketClient =
        httpClient
            .newBuilder()
            .dispatcher(dispatcher)
            // An application interceptor: OkHttp skips network interceptors for WebSocket calls.
            .addInterceptor(NoPermessageDeflate.INSTANCE)
            .build();
  }

  /**
   * Starts building a runtime of your own (to share a user-supplied executor, scheduler or
   * OkHttpClient). Most applications never need one.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a reference to the shared default runtime, creating it if needed. Every call must be
   * matched by one {@link #releaseShared()}; when the last reference is released the shared runtime
   * closes and its threads end.
   *
   * @return the shared runtime; never null
   */
  public static ChatwireRuntime acquireShared() {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        shared = builder().build();
        shared.isShared = true;
      }
      sharedUsers++;
      return shared;
    }
  }

  /** Releases a reference taken by {@link #acquireShared()}. */
  public static void releaseShared() {
    ChatwireRuntime toClose = null;
    synchronized (SHARED_LOCK) {
      if (sharedUsers == 0) {
        throw new IllegalStateException("releaseShared without acquireShared");
      }
      if (--sharedUsers == 0) {
        toClose = shared;
        shared = null;
      }
    }
    if (toClose != null) {
      toClose.shutdown();
    }
  }

  /**
   * The scheduler for every timer of the connections on this runtime.
   *
   * @return the scheduler; never null
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The executor on which listener callbacks run (in order per connection) and request futures
   * complete. The runtime's own is elastic: an idle thread takes a task, else a new thread is
   * started, up to {@link Builder#maxCallbackThreads(int)}; idle threads end after 30 s. So a
   * listener that blocks holds up only its own connection's callbacks, as long as fewer than that
   * many listeners block at once.
   *
   * @return the executor; never null
   */
  public Executor callbackExecutor() {
    return callbackExecutor;
  }

  /**
   * The client for plain HTTP calls (discovery, uploads, REST APIs): the user's client as given, or
   * the runtime's own.
   *
   * @return the client; never null
   */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /**
   * The client for WebSockets: {@link #httpClient()} with this runtime's own unbounded dispatcher
   * and permessage-deflate not offered.
   *
   * @return the client; never null
   */
  public OkHttpClient webSocketClient() {
    return webSocketClient;
  }

  /**
   * Shuts down what this runtime created: its scheduler thread, callback threads, WebSocket reader
   * pool and, if it created it, its HTTP client's connections. Queued callbacks still run; open
   * WebSockets should be closed first. User-supplied executors and clients are left alone. Returns
   * without waiting; idempotent. On the shared default runtime this does nothing: it closes when
   * its last connection is closed.
   */
  @Override
  public void close() {
    if (isShared) {
      LoggerFactory.getLogger(ChatwireRuntime.class)
          .warn("close() on the shared runtime ignored; it closes with its last connection");
      return;
    }
    shutdown();
  }

  private void shutdown() {
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
    if (ownedCallbackExecutor != null) {
      ownedCallbackExecutor.shutdown();
    }
    webSocketExecutor.shutdown();
    if (ownsHttpClient) {
      // The WebSocket client shares this pool; a user-supplied client's pool is left alone.
      httpClient.connectionPool().evictAll();
      if (httpExecutor != null) { // always, when we own the client
        httpExecutor.shutdown();
      }
    }
  }

  /** Builds a {@link ChatwireRuntime}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Scheduler scheduler;
    private @Nullable Executor callbackExecutor;
    private @Nullable OkHttpClient httpClient;
    private int maxCallbackThreads = defaultMaxCallbackThreads();

    private Builder() {}

    private static int defaultMaxCallbackThreads() {
      return Math.max(64, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * The most threads of the runtime's own callback executor (ignored with {@link
     * #callbackExecutor(Executor)}). Threads are started only when every existing one is busy, and
     * end after 30 s idle. Up to this many listeners may block at once before a connection whose
     * listener does not block has to wait. Default max(64, 4 × cores).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxCallbackThreads(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCallbackThreads must be at least 1");
      }
      this.maxCallbackThreads = max;
      return this;
    }

    /**
     * Uses the given scheduler for every timer, for example a {@link
     * io.github.chatwire.core.time.VirtualScheduler} in tests. Default: one daemon thread owned by
     * the runtime.
     *
     * @param scheduler the scheduler; never null; not shut down by the runtime
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Runs listener callbacks on the given executor (in order per connection). Default: an elastic
     * pool of daemon threads owned by the runtime (see {@link #maxCallbackThreads}). With an
     * executor of your own, isolation between connections is as good as it is: a fixed pool lets a
     * few blocked listeners stall every connection. Pass {@code Runnable::run} to run them on the
     * SDK's thread (then listeners must never block).
     *
     * @param executor the executor; never null; not shut down by the runtime
     * @return this builder
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Uses the given OkHttpClient (its TLS, proxy, interceptors and timeouts) for HTTP and, with
     * the runtime's own dispatcher, for WebSockets. It is never shut down by the SDK.
     *
     * @param client the client; never null
     * @return this builder
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Builds the runtime; it owns what was not supplied.
     *
     * @return the runtime; never null
     */
    public ChatwireRuntime build() {
      return new ChatwireRuntime(this);
    }
  }

  /** Removes OkHttp's permessage-deflate offer from WebSocket upgrade requests. */
  private enum NoPermessageDeflate implements Interceptor {
    INSTANCE;

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (request.header("Sec-WebSocket-Extensions") != null) {
        request = request.newBuilder().removeHeader("Sec-WebSocket-Extensions").build();
      }
      return chain.proceed(request);
    }
  }
}
