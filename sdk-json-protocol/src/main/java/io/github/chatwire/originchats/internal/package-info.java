/** Implementation details of the OriginChats client; not a public API. */
package io.github.chatwire.originchats.internal;
