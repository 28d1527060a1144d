package io.github.chatwire.examples.binary;

import io.github.chatwire.binary.codec.SettingRegistry;
import io.github.chatwire.binary.codec.ValueCodecs;
import io.github.chatwire.binary.model.SettingKey;
import io.github.chatwire.binary.model.Settings;
import io.github.chatwire.examples.cli.UsageException;
import java.util.List;

/**
 * Parses {@code --setting ID=VALUE} options. The binary protocol defines no setting ids yet, so the
 * value's type is chosen on the command line: {@code byte:}, {@code short:}, {@code int:}, {@code
 * long:}, {@code bool:} or {@code str:} prefixes, or by the value itself (a whole number is an int,
 * {@code true}/{@code false} a boolean, anything else a string).
 */
final class SettingArgs {
  final SettingRegistry registry;
  final Settings settings;

  private SettingArgs(SettingRegistry registry, Settings settings) {
    this.registry = registry;
    this.settings = settings;
  }

  static SettingArgs parse(List<List<String>> options) {
    SettingRegistry.Builder registry = SettingRegistry.defaults().toBuilder();
    Settings.Builder settings = Settings.builder();
    for (List<String> option : options) {
      String spec = option.get(0);
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--setting needs ID=VALUE, got '" + spec + "'");
      }
      int id;
      try {
        id = Integer.parseInt(spec.substring(0, eq));
      } catch (NumberFormatException e) {
        throw new UsageException(
            "setting id must be a number 0-254, got '" + spec.substring(0, eq) + "'");
      }
      if (id < 0 || id > 254) {
        throw new UsageException("setting id must be 0-254 (255 is the terminator), got " + id);
      }
      add(registry, settings, id, spec.substring(eq + 1));
    }
    return new SettingArgs(registry.build(), settings.build());
  }

  private static void add(
      SettingRegistry.Builder registry, Settings.Builder settings, int id, String raw) {
    String name = "setting-" + id;
    try {
      if (raw.startsWith("byte:")) {
        SettingKey<Byte> k = new SettingKey<>(id, name, Byte.class);
        registry.register(k, ValueCodecs.BYTE);
        settings.set(k, Byte.parseByte(raw.substring(5)));
      } else if (raw.startsWith("short:")) {
        SettingKey<Short> k = new SettingKey<>(id, name, Short.class);
        registry.register(k, ValueCodecs.SHORT);
        settings.set(k, Short.parseShort(raw.substring(6)));
      } else if (raw.startsWith("long:")) {
        SettingKey<Long> k = new SettingKey<>(id, name, Long.class);
        registry.register(k, ValueCodecs.LONG);
        settings.set(k, Long.parseLong(raw.substring(5)));
      } else if (raw.startsWith("bool:") || raw.equals("true") || raw.equals("false")) {
        String v = raw.startsWith("bool:") ? raw.substring(5) : raw;
        if (!v.equals("true") && !v.equals("false")) {
          throw new UsageException("bool: needs true or false, got '" + v + "'");
        }
        SettingKey<Boolean> k = new SettingKey<>(id, name, Boolean.class);
        registry.register(k, ValueCodecs.BOOLEAN);
        settings.set(k, Boolean.parseBoolean(v));
      } else if (raw.startsWith("str:")) {
        SettingKey<String> k = new SettingKey<>(id, name, String.class);
        registry.register(k, ValueCodecs.STRING);
        settings.set(k, raw.substring(4));
      } else if (raw.startsWith("int:") || raw.matches("-?\\d+")) {
        SettingKey<Integer> k = new SettingKey<>(id, name, Integer.class);
        registry.register(k, ValueCodecs.INT);
        settings.set(k, Integer.parseInt(raw.startsWith("int:") ? raw.substring(4) : raw));
      } else {
        SettingKey<String> k = new SettingKey<>(id, name, String.class);
        registry.register(k, ValueCodecs.STRING);
        settings.set(k, raw);
      }
    } catch (NumberFormatException e) {
      throw new UsageException("setting " + id + ": not a number of that type: '" + raw + "'");
    } catch (IllegalArgumentException e) {
      throw new UsageException("setting " + id + ": " + e.getMessage());
    }
  }
}
