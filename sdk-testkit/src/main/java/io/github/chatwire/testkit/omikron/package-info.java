/**
 * Test doubles for the Omikron protocol: {@link io.github.chatwire.testkit.omikron.FakeOmikron} (a
 * relay with the real X448 challenge and the reference server's quirks) and {@link
 * io.github.chatwire.testkit.omikron.FakeIota} (an in-memory home server built on the SDK's Iota
 * role). Usable in applications' own tests.
 */
@NullMarked
package io.github.chatwire.testkit.omikron;

import org.jspecify.annotations.NullMarked;
