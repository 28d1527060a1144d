package io.github.chatwire.binary.codec;

import io.github.chatwire.binary.model.SettingKey;

/** Settings registered only in tests: the spec defines none yet, one per value type here. */
final class TestSettings {
  static final SettingKey<Byte> BYTE = new SettingKey<>(0x10, "byte", Byte.class);
  static final SettingKey<Short> SHORT = new SettingKey<>(0x11, "short", Short.class);
  static final SettingKey<Integer> INT = new SettingKey<>(0x12, "int", Integer.class);
  static final SettingKey<Long> LONG = new SettingKey<>(0x13, "long", Long.class);
  static final SettingKey<Boolean> BOOL = new SettingKey<>(0x14, "bool", Boolean.class);
  static final SettingKey<String> STRING = new SettingKey<>(0x15, "string", String.class);

  static final SettingRegistry REGISTRY =
      SettingRegistry.builder()
          .register(BYTE, ValueCodecs.BYTE)
          .register(SHORT, ValueCodecs.SHORT)
          .register(INT, ValueCodecs.INT)
          .register(LONG, ValueCodecs.LONG)
          .register(BOOL, ValueCodecs.BOOLEAN)
          .register(STRING, ValueCodecs.STRING)
          .build();

  private TestSettings() {}
}
