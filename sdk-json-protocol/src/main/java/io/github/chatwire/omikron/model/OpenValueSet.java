package io.github.chatwire.omikron.model;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The lookup table behind one open-set value type: its declared constants (in declaration order),
 * optional alias names, and the name matching all of them share (ignoring case and underscores, as
 * the real server does).
 *
 * <p>Each type holds one instance in a static field declared before its constants, registers the
 * constants with {@link #known(String)} and aliases with {@link #alias(String, OpenValue)} during
 * class initialisation, and only reads it afterwards; the maps are never changed after that, so
 * lookups are thread-safe (safe publication by class initialisation).
 *
 * @param <T> the value type
 */
final class OpenValueSet<T extends OpenValue> {
  private final Map<String, T> known = new LinkedHashMap<>();
  private final Map<String, T> aliases = new HashMap<>();

  /** The constants by their exact wire name: the common case, looked up without normalising. */
  private final Map<String, T> exact = new HashMap<>();

  private final BiFunction<String, Boolean, T> factory;

  /**
   * @param factory makes a value from a wire name and whether it is a declared constant
   */
  OpenValueSet(BiFunction<String, Boolean, T> factory) {
    this.factory = factory;
  }

  /**
   * Declares a constant; for static initialisers only.
   *
   * @param name its wire name
   * @return the new constant
   */
  T known(String name) {
    T v = factory.apply(name, true);
    known.put(normalize(name), v);
    exact.put(name, v);
    return v;
  }

  /**
   * Makes another name find a declared constant; for static initialisers only.
   *
   * @param name the other name (matched like wire names)
   * @param value the constant it stands for
   */
  void alias(String name, T value) {
    aliases.put(normalize(name), value);
  }

  /**
   * The value for a wire name: a declared constant, one found by alias, or a new unknown value.
   *
   * @param name the name as received; never null
   * @return the constant, or an unknown value holding {@code name} as given
   * @throws NullPointerException if {@code name} is null
   */
  T of(String name) {
    Objects.requireNonNull(name, "name");
    T e = exact.get(name);
    if (e != null) {
      return e;
    }
    String n = normalize(name);
    T v = known.get(n);
    if (v == null) {
      v = aliases.get(n);
    }
    return v != null ? v : factory.apply(name, false);
  }

  /**
   * The declared constants.
   *
   * @return an unmodifiable view, in declaration order
   */
  Collection<T> values() {
    return Collections.unmodifiableCollection(known.values());
  }

  private static String normalize(String s) {
    return s.replace("_", "").toLowerCase(Locale.ROOT);
  }
}
