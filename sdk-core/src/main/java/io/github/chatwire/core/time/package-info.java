/**
 * Time and timers: {@link io.github.chatwire.core.time.Scheduler}, its real-time implementation and
 * {@link io.github.chatwire.core.time.VirtualScheduler} for tests in virtual time.
 */
package io.github.chatwire.core.time;
