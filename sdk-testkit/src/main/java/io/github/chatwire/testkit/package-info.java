/**
 * What all chatwire fake servers share: the {@link io.github.chatwire.testkit.FakeServer} face
 * (url, received frames, drop, stall, silence, close) and the {@link
 * io.github.chatwire.testkit.ReceivedFrame} it records. The protocol fakes live in the
 * sub-packages.
 */
@NullMarked
package io.github.chatwire.testkit;

import org.jspecify.annotations.NullMarked;
