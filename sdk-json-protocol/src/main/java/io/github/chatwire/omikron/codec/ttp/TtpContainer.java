package io.github.chatwire.omikron.codec.ttp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A TTP data container: an ordered list of entries, each a one-byte key (a position in the {@link
 * TtpDataKeys data-type list}, or an unknown number kept as it came) and a {@link TtpValue}. The
 * order and any repeated keys are kept exactly as on the wire, so that a decoded container encodes
 * to the same bytes.
 *
 * <p>Immutable and thread-safe. {@link #toString()} lists the keys only, never the values.
 */
public final class TtpContainer {
  /** The empty container. */
  public static final TtpContainer EMPTY = new TtpContainer(Collections.<Entry>emptyList());

  private final List<Entry> entries;

  private TtpContainer(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * A container of these entries, in this order; the list is copied.
   *
   * @param entries the entries; never null, no null elements
   * @return the container
   * @throws NullPointerException if the list or an entry is null
   */
  public static TtpContainer of(List<Entry> entries) {
    Objects.requireNonNull(entries, "entries");
    List<Entry> copy = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      copy.add(Objects.requireNonNull(e, "entry"));
    }
    return new TtpContainer(Collections.unmodifiableList(copy));
  }

  /** For the decoder: wraps a list it owns and will not change. */
  static TtpContainer owned(List<Entry> entries) {
    return entries.isEmpty() ? EMPTY : new TtpContainer(Collections.unmodifiableList(entries));
  }

  /**
   * The entries in wire order.
   *
   * @return an unmodifiable list; never null
   */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * The value of the last entry with this key (a later entry wins, as in the reference
   * implementations).
   *
   * @param key the key byte, 0 to 255
   * @return the value, or null if no entry has this key
   */
  public @Nullable TtpValue get(int key) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).key() == key) {
        return entries.get(i).value();
      }
    }
    return null;
  }

  /**
   * @return true for the same entries in the same order
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TtpContainer && entries.equals(((TtpContainer) o).entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /**
   * @return the keys (by name where known), never the values
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TtpContainer[");
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(TtpDataKeys.name(entries.get(i).key()));
    }
    return sb.append(']').toString();
  }

  /**
   * One container entry.
   *
   * <p>Immutable and thread-safe; {@link #toString()} shows the key, never the value.
   *
   * @param key the key byte, 0 to 255
   * @param value the value; never null
   */
  public record Entry(int key, TtpValue value) {
    /**
     * Validates the entry.
     *
     * @param key see {@link #key()}
     * @param value see {@link #value()}
     * @throws IllegalArgumentException if the key is not 0 to 255
     * @throws NullPointerException if the value is null
     */
    public Entry {
      if (key < 0 || key > 0xFF) {
        throw new IllegalArgumentException("key must be 0..255: " + key);
      }
      Objects.requireNonNull(value, "value");
    }

    /**
     * @return the key's name and the value's kind, never its content
     */
    @Override
    public String toString() {
      return TtpDataKeys.name(key) + "=" + value;
    }
  }
}
