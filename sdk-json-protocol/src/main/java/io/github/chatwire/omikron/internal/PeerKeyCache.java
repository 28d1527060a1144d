package io.github.chatwire.omikron.internal;

import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.OmikronPublicKey;
import io.github.chatwire.omikron.codec.SharedSecret;
import io.github.chatwire.omikron.model.OmikronId;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Peers' public keys and the secrets shared with them, for end-to-end direct messages. A key is
 * fetched on first use (one lookup however many callers ask at once), kept for a time-to-live
 * measured on the runtime's clock, and at most {@code maxEntries} peers are kept (least recently
 * used go first). When a message does not decrypt, {@link #refresh} fetches the key again — once:
 * not if the cached key is younger than the minimum refresh interval (it is the current key then)
 * or was refreshed within it (even if that refresh failed: the key that worked is kept), and
 * concurrent refreshes share one lookup. Lookups in flight are bounded by {@code maxEntries} as
 * well, so a flood of unknown senders cannot start unbounded requests.
 *
 * <p>Thread-safe. Holds secrets in memory; {@link PeerKey#toString()} never shows them.
 */
public final class PeerKeyCache {
  /** One peer's key and the secret derived from it. */
  public static final class PeerKey {
    private final OmikronPublicKey publicKey;
    private final SharedSecret secret;
    private final long fetchedAtNanos;

    /** When it was fetched or last refreshed, successfully or not; guarded by the cache. */
    private long triedAtNanos;

    PeerKey(OmikronPublicKey publicKey, SharedSecret secret, long fetchedAtNanos) {
      this.publicKey = publicKey;
      this.secret = secret;
      this.fetchedAtNanos = fetchedAtNanos;
      this.triedAtNanos = fetchedAtNanos;
    }

    /**
     * @return the peer's public key
     */
    public OmikronPublicKey publicKey() {
      return publicKey;
    }

    /**
     * @return the secret shared with the peer
     */
    public SharedSecret secret() {
      return secret;
    }

    /**
     * @return the peer's public key; never the secret
     */
    @Override
    public String toString() {
      return "PeerKey[" + publicKey + "]";
    }
  }

  private final Function<OmikronId, CompletableFuture<OmikronPublicKey>> lookup;
  private final OmikronPrivateKey ownKey;
  private final Scheduler clock;
  private final int maxEntries;
  private final long ttlNanos;
  private final long minRefreshNanos;
  private final LinkedHashMap<OmikronId, PeerKey> cache;
  private final Map<OmikronId, CompletableFuture<PeerKey>> inFlight = new HashMap<>();
  private long lookups;

  /**
   * Creates an empty cache.
   *
   * @param lookup fetches a peer's public key (e.g. {@code get_user_data}); never null
   * @param ownKey the own private key; never null
   * @param clock the clock for the TTL; never null
   * @param maxEntries the most peers kept, and the most lookups in flight; at least 1
   * @param ttl how long a key is trusted; positive
   * @param minRefreshInterval how old a key must be before a failed decryption refetches it
   * @throws IllegalArgumentException on a bound out of range
   */
  public PeerKeyCache(
      Function<OmikronId, CompletableFuture<OmikronPublicKey>> lookup,
      OmikronPrivateKey ownKey,
      Scheduler clock,
      int maxEntries,
      Duration ttl,
      Duration minRefreshInterval) {
    if (maxEntries < 1 || ttl.isNegative() || ttl.isZero() || minRefreshInterval.isNegative()) {
      throw new IllegalArgumentException(
          "maxEntries >= 1, ttl > 0 and minRefreshInterval >= 0 are required");
    }
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.ownKey = Objects.requireNonNull(ownKey, "ownKey");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl.toNanos();
    this.minRefreshNanos = minRefreshInterval.toNanos();
    this.cache =
        new LinkedHashMap<OmikronId, PeerKey>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<OmikronId, PeerKey> eldest) {
            return size() > PeerKeyCache.this.maxEntries;
          }
        };
  }

  /**
   * The key of a peer: cached if fresh, else one lookup shared by every concurrent caller. The
   * lookup is started outside this cache's lock (it sends a request, which takes the connection's
   * lock).
   *
   * @param peer the peer; never null
   * @return the key; failed with the lookup's failure, an {@link IllegalArgumentException} for an
   *     unusable key, or an {@link IllegalStateException} when too many lookups are in flight
   */
  public CompletableFuture<PeerKey> get(OmikronId peer) {
    Objects.requireNonNull(peer, "peer");
    CompletableFuture<PeerKey> started;
    synchronized (this) {
      PeerKey k = cache.get(peer);
      if (k != null && clock.nanoTime() - k.fetchedAtNanos < ttlNanos) {
        return CompletableFuture.completedFuture(k);
      }
      if (k != null) {
        cache.remove(peer);
      }
      CompletableFuture<PeerKey> running = inFlight.get(peer);
      if (running != null) {
        return running;
      }
      started = reserve(peer);
    }
    return start(peer, started);
  }

  /**
   * Fetches a peer's key again after a message did not decrypt with {@code stale}, unless that key
   * was fetched or refreshed (successfully or not) within the minimum refresh interval, or someone
   * already replaced it. The stale key stays cached until a new one arrives, so a refresh that
   * fails does not cost the key that works.
   *
   * @param peer the peer; never null
   * @param stale the key that failed; never null
   * @return the key to try (the same object as {@code stale} if no refresh was made or the peer
   *     still has that key)
   */
  public CompletableFuture<PeerKey> refresh(OmikronId peer, PeerKey stale) {
    CompletableFuture<PeerKey> started;
    synchronized (this) {
      CompletableFuture<PeerKey> running = inFlight.get(peer);
      if (running != null) {
        return running;
      }
      PeerKey cur = cache.get(peer);
      if (cur != null && cur != stale) {
        return CompletableFuture.completedFuture(cur);
      }
      long now = clock.nanoTime();
      if (now - stale.triedAtNanos < minRefreshNanos) {
        return CompletableFuture.completedFuture(stale);
      }
      stale.triedAtNanos = now;
      started = reserve(peer);
    }
    return start(peer, started)
        .thenApply(fresh -> fresh.publicKey.equals(stale.publicKey) ? stale : fresh);
  }

  /** Registers a lookup in flight (lock held); its future fails at once when too many are. */
  private CompletableFuture<PeerKey> reserve(OmikronId peer) {
    CompletableFuture<PeerKey> f = new CompletableFuture<>();
    if (inFlight.size() >= maxEntries) {
      f.completeExceptionally(
          new IllegalStateException("too many public-key lookups in flight (" + maxEntries + ")"));
      return f;
    }
    inFlight.put(peer, f);
    lookups++;
    return f;
  }

  /** Starts a reserved lookup (lock not held). */
  @SuppressWarnings("FutureReturnValueIgnored") // settle feeds f, which is returned
  private CompletableFuture<PeerKey> start(OmikronId peer, CompletableFuture<PeerKey> f) {
    if (f.isDone()) {
      return f;
    }
    CompletableFuture<OmikronPublicKey> started;
    try {
      started = Objects.requireNonNull(lookup.apply(peer), "lookup result");
    } catch (RuntimeException e) {
      started = new CompletableFuture<>();
      started.completeExceptionally(e);
    }
    started.whenComplete((pub, e) -> settle(peer, f, pub, e));
    return f;
  }

  private void settle(
      OmikronId peer,
      CompletableFuture<PeerKey> f,
      @Nullable OmikronPublicKey pub,
      @Nullable Throwable e) {
    PeerKey key = null;
    Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (failure == null) {
      if (pub == null) {
        failure = new IllegalArgumentException("the user has no public key");
      } else {
        byte[] own = ownKey.raw();
        try {
          key = new PeerKey(pub, SharedSecret.agree(own, pub.raw()), clock.nanoTime());
        } catch (GeneralSecurityException ex) {
          failure =
              new IllegalArgumentException("the user's public key is unusable: " + ex.getMessage());
        } finally {
          Arrays.fill(own, (byte) 0);
        }
      }
    }
    synchronized (this) {
      if (inFlight.get(peer) == f) {
        inFlight.remove(peer);
        if (key != null) {
          cache.put(peer, key);
        }
      }
    }
    if (key != null) {
      f.complete(key);
    } else {
      f.completeExceptionally(failure);
    }
  }

  /**
   * @return how many peers are cached
   */
  public synchronized int size() {
    return cache.size();
  }

  /**
   * @return how many lookups were started so far (for tests and metrics)
   */
  public synchronized long lookups() {
    return lookups;
  }

  /** Forgets every key and secret (lookups in flight still complete their callers). */
  public synchronized void clear() {
    cache.clear();
  }
}
