/**
 * Immutable OriginChats value types: messages, channels, users, roles and every server frame. Each
 * keeps its raw JSON, so fields unknown to this SDK are preserved.
 */
package io.github.chatwire.originchats.model;
