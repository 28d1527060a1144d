/**
 * A fake server of the binary {@code /api/ws} protocol for tests: {@link
 * io.github.chatwire.testkit.binary.FakeBinaryWsServer}.
 */
@NullMarked
package io.github.chatwire.testkit.binary;

import org.jspecify.annotations.NullMarked;
