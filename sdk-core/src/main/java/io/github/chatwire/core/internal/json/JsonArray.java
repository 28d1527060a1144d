package io.github.chatwire.core.internal.json;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An unmodifiable list over an array that nobody else holds: the arrays of {@link JsonTree}. */
final class JsonArray extends AbstractList<Object> implements RandomAccess {
  private final Object[] values;
  private final int size;

  JsonArray(Object[] values, int size) {
    this.values = values;
    this.size = size;
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    return values[index];
  }

  @Override
  public int size() {
    return size;
  }
}
