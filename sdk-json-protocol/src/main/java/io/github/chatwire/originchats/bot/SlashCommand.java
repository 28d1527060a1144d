package io.github.chatwire.originchats.bot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The definition of a slash command a bot registers: name, description and typed options.
 * Immutable; build with {@link #builder(String, String)}.
 */
public final class SlashCommand {
  /** The option types the server's schema knows. */
  public enum OptionType {
    /** A string ("str"). */
    STR("str"),
    /** An integer ("int"). */
    INT("int"),
    /** A boolean ("bool"). */
    BOOL("bool"),
    /** One of fixed choices ("enum"). */
    ENUM("enum"),
    /** A floating-point number ("float"). */
    FLOAT("float");

    private final String wire;

    OptionType(String wire) {
      this.wire = wire;
    }

    /**
     * @return the name on the wire
     */
    public String wire() {
      return wire;
    }
  }

  /**
   * One option (argument).
   *
   * @param name the name; never null
   * @param description the description; never null
   * @param type the type; never null
   * @param required whether callers must give it
   * @param choices the choices of an ENUM option; empty otherwise; never null
   */
  public record Option(
      String name, String description, OptionType type, boolean required, List<String> choices) {
    /**
     * Validates the option.
     *
     * @param name never null
     * @param description never null
     * @param type never null
     * @param required the flag
     * @param choices never null
     */
    public Option {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(type, "type");
      choices = Collections.unmodifiableList(new ArrayList<>(choices));
      if (type == OptionType.ENUM && choices.isEmpty()) {
        throw new IllegalArgumentException("an enum option needs choices");
      }
    }
  }

  private final String name;
  private final String description;
  private final List<Option> options;

  private SlashCommand(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.options = Collections.unmodifiableList(new ArrayList<>(b.options));
  }

  /**
   * Starts a definition.
   *
   * @param name the command name (without "/"); never null
   * @param description what it does; never null
   * @return a builder
   */
  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  /**
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * @return the description; never null
   */
  public String description() {
    return description;
  }

  /**
   * @return the options; never null
   */
  public List<Option> options() {
    return options;
  }

  /**
   * The definition as the JSON object slash_register expects.
   *
   * @return a new mutable tree
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("description", description);
    List<Object> opts = new ArrayList<>();
    for (Option o : options) {
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("name", o.name());
      op.put("description", o.description());
      op.put("type", o.type().wire());
      op.put("required", o.required());
      if (!o.choices().isEmpty()) {
        op.put("choices", new ArrayList<Object>(o.choices()));
      }
      opts.add(op);
    }
    m.put("options", opts);
    return m;
  }

  /** Builds a {@link SlashCommand}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String description;
    private final List<Option> options = new ArrayList<>();

    private Builder(String name, String description) {
      this.name = Objects.requireNonNull(name, "name");
      this.description = Objects.requireNonNull(description, "description");
      if (name.isEmpty() || name.startsWith("/")) {
        throw new IllegalArgumentException("name must be non-empty and without '/'");
      }
    }

    /**
     * Adds an option.
     *
     * @param name never null
     * @param description never null
     * @param type never null
     * @param required whether required
     * @return this builder
     */
    public Builder option(String name, String description, OptionType type, boolean required) {
      options.add(new Option(name, description, type, required, Collections.<String>emptyList()));
      return this;
    }

    /**
     * Adds an enum option.
     *
     * @param name never null
     * @param description never null
     * @param required whether required
     * @param choices the allowed values; never empty
     * @return this builder
     */
    public Builder choice(String name, String description, boolean required, List<String> choices) {
      options.add(new Option(name, description, OptionType.ENUM, required, choices));
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     */
    public SlashCommand build() {
      return new SlashCommand(this);
    }
  }
}
