/** Implementation details of the Omikron connections; not a public API, may change at any time. */
package io.github.chatwire.omikron.internal;
