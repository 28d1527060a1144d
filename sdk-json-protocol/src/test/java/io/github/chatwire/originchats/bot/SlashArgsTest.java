package io.github.chatwire.originchats.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlashArgsTest {
  static final SlashCommand DEF =
      SlashCommand.builder("roll", "roll dice")
          .option("sides", "sides", SlashCommand.OptionType.INT, true)
          .option("bonus", "bonus", SlashCommand.OptionType.FLOAT, false)
          .option("loud", "loud", SlashCommand.OptionType.BOOL, false)
          .option("label", "label", SlashCommand.OptionType.STR, false)
          .choice("color", "color", false, List.of("red", "blue"))
          .build();

  @Test
  void convertsByDeclaredType() {
    SlashArgs a =
        SlashArgs.parse(
            DEF, Map.of("sides", "6", "bonus", 1.5, "loud", "true", "label", 3.0, "color", "red"));
    assertEquals(6L, a.integer("sides"));
    assertEquals(1.5, a.number("bonus"));
    assertTrue(a.bool("loud"));
    assertEquals("3", a.string("label"));
    assertEquals("red", a.string("color"));
    SlashArgs b = SlashArgs.parse(DEF, Map.of("sides", 20.0));
    assertEquals(20L, b.integer("sides"));
    assertFalse(b.has("bonus"));
  }

  @Test
  void refusesBadOrMissingArguments() {
    assertThrows(IllegalArgumentException.class, () -> SlashArgs.parse(DEF, Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> SlashArgs.parse(DEF, Map.of("sides", "six")));
    assertThrows(IllegalArgumentException.class, () -> SlashArgs.parse(DEF, Map.of("sides", 1.5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> SlashArgs.parse(DEF, Map.of("sides", 1.0, "loud", "yes")));
    assertThrows(
        IllegalArgumentException.class,
        () -> SlashArgs.parse(DEF, Map.of("sides", 1.0, "color", "green")));
  }

  @Test
  void definitionSerialisesToTheRegisterShape() {
    Map<String, Object> json = DEF.toJson();
    assertEquals("roll", json.get("name"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> opts = (List<Map<String, Object>>) json.get("options");
    assertEquals("int", opts.get(0).get("type"));
    assertEquals(true, opts.get(0).get("required"));
    assertEquals(List.of("red", "blue"), opts.get(4).get("choices"));
  }
}
