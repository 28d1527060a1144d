/**
 * The one JSON reader and writer every chatwire module shares (issue 15): a forward-only scanner
 * over a {@code String} ({@link io.github.chatwire.core.internal.json.JsonCursor}) with field
 * selection by index ({@link io.github.chatwire.core.internal.json.JsonNames}), one tree reader
 * ({@link io.github.chatwire.core.internal.json.JsonTree}) with one depth limit and one number
 * rule, a lazily parsed object view ({@link io.github.chatwire.core.internal.json.JsonObjectView})
 * and one writer ({@link io.github.chatwire.core.internal.json.JsonText}).
 *
 * <p>It lives in sdk-core because every protocol module, the Tauri module and the CLI depend on
 * sdk-core and none of them has to take a JSON library for it. Not public API: may change in any
 * release.
 */
@NullMarked
package io.github.chatwire.core.internal.json;

import org.jspecify.annotations.NullMarked;
