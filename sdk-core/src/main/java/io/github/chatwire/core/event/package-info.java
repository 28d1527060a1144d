/**
 * Event plumbing shared by every protocol client: typed subscriptions ({@code
 * client.on(SomeEvent.class, handler)}) that return a {@link io.github.chatwire.core.Subscription}.
 */
@NullMarked
package io.github.chatwire.core.event;

import org.jspecify.annotations.NullMarked;
