/**
 * A fake OriginChats server for tests: {@link
 * io.github.chatwire.testkit.originchats.FakeOriginChatsServer}.
 */
package io.github.chatwire.testkit.originchats;
