package io.github.chatwire.originchats;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.Secret;
import java.util.concurrent.CompletableFuture;

/**
 * Supplies a Rotur validator bound to one connection's {@code validator_key}. A validator is valid
 * for that key only (and about five minutes), so the client asks again after every handshake,
 * reconnects included, and before every attachment upload.
 *
 * <p>Called on SDK threads; must not block: return a future and complete it from any thread. Fail
 * the future with an {@link io.github.chatwire.core.AuthenticationException} for refused
 * credentials (terminal), or with another exception for a temporary failure (the client reconnects
 * and asks again).
 */
@FunctionalInterface
public interface ValidatorProvider {
  /**
   * Gets a validator for a key.
   *
   * @param validatorKey the key from this connection's handshake; never null
   * @param runtime the client's runtime, whose {@link ChatwireRuntime#httpClient()} should be used
   *     for HTTP; never null
   * @return a future of the validator; never null
   */
  CompletableFuture<Secret> validator(String validatorKey, ChatwireRuntime runtime);
}
