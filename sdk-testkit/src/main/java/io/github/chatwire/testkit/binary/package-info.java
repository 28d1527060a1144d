/**
 * A fake server of the binary {@code /api/ws} protocol for tests: {@link
 * io.github.chatwire.testkit.binary.FakeBinaryWsServer}.
 */
package io.github.chatwire.testkit.binary;
