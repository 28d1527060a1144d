/**
 * A fake OriginChats server for tests: {@link
 * io.github.chatwire.testkit.originchats.FakeOriginChatsServer}.
 */
@NullMarked
package io.github.chatwire.testkit.originchats;

import org.jspecify.annotations.NullMarked;
