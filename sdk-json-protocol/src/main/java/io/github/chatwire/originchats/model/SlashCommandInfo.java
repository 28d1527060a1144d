package io.github.chatwire.originchats.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A slash command as the server lists and broadcasts it.
 *
 * @param name the command name; may be null only in malformed data
 * @param description may be null
 * @param options the arguments; never null
 * @param whitelistRoles roles allowed to use it; null for all
 * @param blacklistRoles roles refused; null for none
 * @param ephemeral requested ephemeral responses (the server ignores this) (null when the frame did
 *     not say: absent means unknown, not false)
 * @param registeredBy the registering user; may be null
 * @param raw the whole JSON object; never null
 */
public record SlashCommandInfo(
    @Nullable String name,
    @Nullable String description,
    List<SlashOption> options,
    @Nullable List<String> whitelistRoles,
    @Nullable List<String> blacklistRoles,
    @Nullable Boolean ephemeral,
    @Nullable String registeredBy,
    Map<String, Object> raw) {

  /**
   * One argument of a slash command.
   *
   * @param name the argument name; null only in malformed data
   * @param description may be null
   * @param type "str", "int", "bool", "enum" or "float" (others kept); may be null
   * @param choices the allowed values of an enum; null otherwise
   * @param required whether required; true when absent, the server's own default for an option
   */
  public record SlashOption(
      @Nullable String name,
      @Nullable String description,
      @Nullable String type,
      @Nullable List<String> choices,
      boolean required) {}
}
