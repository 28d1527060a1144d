/**
 * chatwire's additions to the rewritten kwik/agent15 of kwik-android: the guards the rewrite calls
 * before the few agent15 calls that need more than Android offers. Apps do not call them.
 */
@NullMarked
package io.github.chatwire.kwikandroid;

import org.jspecify.annotations.NullMarked;
