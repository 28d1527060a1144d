/** Implementation details of the binary client; not a public API. */
package io.github.chatwire.binary.internal;
