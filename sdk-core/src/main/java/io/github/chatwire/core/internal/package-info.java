/** Implementation details of sdk-core. Not public API: may change in any release. */
package io.github.chatwire.core.internal;
