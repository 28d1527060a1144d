/**
 * A plain WebTransport (HTTP/3) server on loopback, for transport tests and under the fake TTP
 * Omikron.
 */
@NullMarked
package io.github.chatwire.testkit.webtransport;

import org.jspecify.annotations.NullMarked;
