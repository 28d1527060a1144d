package io.github.chatwire.testkit.originchats;

import io.github.chatwire.core.time.Scheduler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The fake's state, as the reference server keeps it: accounts, Rotur tokens and validators,
 * channels and their messages, attachments, slash commands per connection, the open connections and
 * the per-user rate limiter. Everything is guarded by {@link #lock}.
 */
final class FakeOcState {
  static final long MINUTE_NANOS = TimeUnit.SECONDS.toNanos(60);
  static final long BURST_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  final Object lock = new Object();
  final Scheduler scheduler;
  final String authMode;
  final boolean aroundCapability;
  final long postContent;
  final int perMinute;
  final int burst;
  final long cooldownNanos;
  final SecureRandom random = new SecureRandom();
  private final Supplier<String> httpUrl;

  final List<FakeOcConnection> conns = new ArrayList<>();
  final Map<String, String> passwords = new HashMap<>(); // username -> password
  final Map<String, String[]> roturTokens = new HashMap<>(); // token -> {id, username}
  final Map<String, String[]> validators = new HashMap<>(); // validator -> {key, id, username}
  final Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
  final Map<String, List<Map<String, Object>>> messages = new HashMap<>();
  final Map<String, Map<String, Object>> attachments = new HashMap<>();
  final Map<String, byte[]> attachmentData = new HashMap<>();
  final Map<String, Limiter> limiters = new HashMap<>();
  final Map<String, List<Map<String, Object>>> slash =
      new LinkedHashMap<>(); // owner conn id -> commands
  final AtomicInteger rateLimitsSent = new AtomicInteger();
  private final AtomicInteger connIds = new AtomicInteger();

  FakeOcState(
      Scheduler scheduler,
      String authMode,
      boolean aroundCapability,
      long postContent,
      int perMinute,
      int burst,
      long cooldownSeconds,
      Supplier<String> httpUrl) {
    this.scheduler = scheduler;
    this.authMode = authMode;
    this.aroundCapability = aroundCapability;
    this.postContent = postContent;
    this.perMinute = perMinute;
    this.burst = burst;
    this.cooldownNanos = TimeUnit.SECONDS.toNanos(cooldownSeconds);
    this.httpUrl = httpUrl;
  }

  String httpUrl() {
    return httpUrl.get();
  }

  String nextConnId() {
    return "c" + connIds.incrementAndGet();
  }

  void addChannelLocked(String name, String type) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("name", name);
    c.put("description", "the " + name + " channel");
    Map<String, Object> perms = new LinkedHashMap<>();
    perms.put("view", Collections.singletonList("user"));
    perms.put("send", Collections.singletonList("user"));
    perms.put("react", Collections.singletonList("user"));
    c.put("permissions", perms);
    channels.put(name, c);
    messages.put(name, new ArrayList<>());
  }

  Map<String, Object> serverInfo() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", "Fake OriginChats");
    s.put("owner", Collections.singletonMap("name", "owner"));
    s.put("url", httpUrl());
    return s;
  }

  boolean userOnline(String id) {
    for (FakeOcConnection o : conns) {
      if (id.equals(o.userId)) {
        return true;
      }
    }
    return false;
  }

  /** Sends to every other authenticated socket (except {@code except}). */
  void broadcast(Map<String, Object> frame, @Nullable FakeOcConnection except) {
    for (FakeOcConnection o : conns) {
      if (o != except && o.authed()) {
        o.send(frame);
      }
    }
  }

  @Nullable String usernameOf(@Nullable String id) {
    if (id == null) {
      return null;
    }
    for (FakeOcConnection o : conns) {
      if (id.equals(o.userId)) {
        return o.username;
      }
    }
    return id;
  }

  /** The rate_limit frame if {@code c}'s user is over the limit now; null if the action may go. */
  @Nullable Map<String, Object> rateLimit(FakeOcConnection c, String cmd) {
    Limiter lim = limiters.computeIfAbsent(c.userId(), k -> new Limiter());
    long now = scheduler.nanoTime();
    String reason = lim.check(now);
    if (reason == null) {
      return null;
    }
    rateLimitsSent.incrementAndGet();
    long remaining = Math.max(0, lim.cooldownUntil - now);
    if (reason.startsWith("Rate")) {
      remaining = Math.max(0, lim.sent.get(0) + MINUTE_NANOS - now);
    }
    return frame(
        "rate_limit", "reason", reason, "length", TimeUnit.NANOSECONDS.toMillis(remaining));
  }

  /**
   * The reference limiter, as measured against the real server: an active cooldown blocks; then the
   * per-minute count blocks; then, with {@code burst} accepted actions already inside the last 10
   * s, this attempt is refused and the cooldown starts now. Only accepted actions are counted.
   */
  private final class Limiter {
    final List<Long> sent = new ArrayList<>();
    long cooldownUntil;
    boolean cooling;

    @Nullable String check(long now) {
      if (cooling && now - cooldownUntil < 0) {
        return String.format(
            java.util.Locale.ROOT,
            "You are in cooldown for %.1f more seconds",
            (cooldownUntil - now) / 1e9);
      }
      cooling = false;
      sent.removeIf(t -> now - t >= MINUTE_NANOS);
      if (sent.size() >= perMinute) {
        return "Rate limit exceeded. Please slow down.";
      }
      int recent = 0;
      for (long t : sent) {
        if (now - t < BURST_WINDOW_NANOS) {
          recent++;
        }
      }
      if (recent >= burst) {
        cooling = true;
        cooldownUntil = now + cooldownNanos;
        return "Burst limit exceeded. You're in cooldown for "
            + TimeUnit.NANOSECONDS.toSeconds(cooldownNanos)
            + " seconds";
      }
      sent.add(now);
      return null;
    }
  }

  // ------------------------------------------------------------------ helpers

  List<Map<String, Object>> channelMessages(@Nullable String channel) {
    List<Map<String, Object>> l = messages.get(channel);
    if (l == null) {
      throw new IllegalArgumentException("no channel " + channel);
    }
    return l;
  }

  @Nullable Map<String, Object> find(@Nullable String channel, @Nullable String id) {
    if (id == null) {
      return null;
    }
    for (Map<String, Object> m : channelMessages(channel)) {
      if (id.equals(m.get("id"))) {
        return m;
      }
    }
    return null;
  }

  Map<String, Object> newMessage(String user, String content) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", user);
    m.put("content", content);
    m.put("timestamp", scheduler.currentTimeMillis() / 1000.0);
    m.put("id", UUID.randomUUID().toString());
    m.put("pinned", false);
    m.put("type", "message");
    m.put("interaction", null);
    return m;
  }

  static @Nullable String str(Map<String, Object> f, String key) {
    Object v = f.get(key);
    return v instanceof String ? (String) v : null;
  }

  static Map<String, Object> error(String text, @Nullable String src) {
    return frame("error", "val", text, "src", src);
  }

  static Map<String, Object> frame(String cmd, @Nullable Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cmd", cmd);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  String randomToken(int chars) {
    byte[] b = new byte[chars];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, chars);
  }

  String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x & 0xff));
    }
    return sb.toString();
  }
}
