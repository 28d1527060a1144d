package io.github.chatwire.omikron;

import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.model.OmikronMessage;

/**
 * sdk-core's {@link ScriptedTransport} with one Omikron helper: {@link #next()} decodes what the
 * client sent. A client close ends the session at once (the relay answers the close frame), and
 * Omikron speaks text only.
 */
final class ScriptedOmikron extends ScriptedTransport {
  ScriptedOmikron() {
    completeClosesAtOnce().textOnly();
  }

  /** The oldest frame the client sent that the test has not taken yet, decoded. */
  OmikronMessage next() {
    return OmikronCodec.decode(takeText());
  }
}
