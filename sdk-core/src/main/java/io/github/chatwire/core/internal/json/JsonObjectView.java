package io.github.chatwire.core.internal.json;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object kept as its source text and parsed into a {@link JsonTree} only when first read:
 * what a streaming decoder hands out as a message's {@code raw()}, so that a frame whose typed
 * fields are all a user reads never builds a tree. Behaves as an unmodifiable map in every respect
 * ({@code equals}, {@code hashCode} and {@code toString} are the tree's).
 *
 * <p>The range must hold one object that a {@link JsonCursor} has already read or skipped
 * successfully: parsing it again cannot fail. Thread-safe: the tree is built at most a few times
 * under a race and published through a volatile field.
 */
public final class JsonObjectView extends AbstractMap<String, Object> {
  private final String text;
  private final int start;
  private final int end;
  private final JsonTree.Numbers numbers;
  private @Nullable volatile Map<String, Object> tree;
  private @Nullable String knownKey;
  private @Nullable Object knownValue;

  /**
   * Creates the view.
   *
   * @param text the source text; never null
   * @param start where the object starts (its '{')
   * @param end just behind its '}'
   * @param numbers the number rule of the tree; never null
   */
  public JsonObjectView(String text, int start, int end, JsonTree.Numbers numbers) {
    this.text = Objects.requireNonNull(text, "text");
    this.start = start;
    this.end = end;
    this.numbers = Objects.requireNonNull(numbers, "numbers");
  }

  /**
   * Records the value the tree has (or null: has not) under one key, as the decoder that made this
   * view already read it, so that {@link #get} of that key needs no parse. Call once, right after
   * construction and before the view is shared.
   *
   * @param key the key; never null
   * @param value the tree's value for it; null if absent or JSON null
   */
  public void know(String key, @Nullable Object value) {
    knownKey = Objects.requireNonNull(key, "key");
    knownValue = value;
  }

  /**
   * The object's JSON text as received.
   *
   * @return the text; never null
   */
  public String json() {
    return text.substring(start, end);
  }

  /**
   * The parsed tree.
   *
   * @return an unmodifiable map; never null
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> tree() {
    Map<String, Object> t = tree;
    if (t == null) {
      JsonCursor c = new JsonCursor(text, start, end);
      t = (Map<String, Object>) Objects.requireNonNull(JsonTree.read(c, numbers)); // an object
      tree = t;
    }
    return t;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return tree().entrySet();
  }

  @Override
  public @Nullable Object get(Object key) {
    if (tree == null && knownKey != null && knownKey.equals(key)) {
      return knownValue;
    }
    return tree().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return tree().containsKey(key);
  }

  @Override
  public int size() {
    return tree().size();
  }

  @Override
  public boolean isEmpty() {
    return tree().isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || tree().equals(o instanceof JsonObjectView ? ((JsonObjectView) o).tree() : o);
  }

  @Override
  public int hashCode() {
    return tree().hashCode();
  }

  @Override
  public String toString() {
    return tree().toString();
  }
}
