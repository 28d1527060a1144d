/**
 * Time and timers: {@link io.github.chatwire.core.time.Scheduler}, its real-time implementation and
 * {@link io.github.chatwire.core.time.VirtualScheduler} for tests in virtual time.
 */
@NullMarked
package io.github.chatwire.core.time;

import org.jspecify.annotations.NullMarked;
