/**
 * Immutable values of the Omikron protocol: the envelope ({@link
 * io.github.chatwire.omikron.model.OmikronMessage}), its JSON {@code data} tree ({@link
 * io.github.chatwire.omikron.model.OmikronData}, unknown keys kept), open enumerations (message
 * types and states, unknown values kept) and one record per message of the spec documents and the
 * reference catalogue. Each record reads leniently with {@code from(data)} and writes the reference
 * form with {@code toData()}.
 */
@NullMarked
package io.github.chatwire.omikron.model;

import org.jspecify.annotations.NullMarked;
