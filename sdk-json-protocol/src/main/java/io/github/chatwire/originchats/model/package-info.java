/**
 * Immutable OriginChats value types: messages, channels, users, roles and every server frame. Each
 * keeps its raw JSON, so fields unknown to this SDK are preserved.
 */
@NullMarked
package io.github.chatwire.originchats.model;

import org.jspecify.annotations.NullMarked;
