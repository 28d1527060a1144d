package io.github.chatwire.core.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON tree reader: unmodifiable {@code Map<String, Object>} (wire order) and
 * {@code List<Object>}, {@code String}, {@code Boolean}, null, and numbers as the caller's
 * {@link Numbers} rule makes them. One depth limit ({@link JsonCursor#MAX_DEPTH}); numbers follow
 * the JSON grammar and must be finite as a {@code double}; a name repeated in one object keeps its
 * first value (later ones are validated and skipped), so a streaming decoder that reads the first
 * occurrence of a field and a tree agree. Stateless and thread-safe.
 */
public final class JsonTree {
    /** How a tree holds a number. */
    public interface Numbers {
        /**
         * Reads the number at the cursor.
         *
         * @param cursor positioned at a number
         * @return the value for the tree; never null
         */
        Object read(JsonCursor cursor);
    }

    /** Numbers as {@link Double} (the OriginChats trees). */
    public static final Numbers DOUBLES = JsonCursor::number;

    private JsonTree() {}

    /**
     * Parses a whole text as one JSON value.
     *
     * @param text the text; never null
     * @param numbers the number rule; never null
     * @return the tree; null for JSON null
     * @throws JsonFormatException if the text is not exactly one well-formed JSON value
     */
    public static Object parse(String text, Numbers numbers) {
        JsonCursor c = new JsonCursor(text);
        Object v = read(c, numbers);
        c.end();
        return v;
    }

    /**
     * Reads the next value at a cursor into a tree.
     *
     * @param c the cursor; never null
     * @param numbers the number rule; never null
     * @return the tree; null for JSON null
     * @throws JsonFormatException if the value is malformed
     */
    public static Object read(JsonCursor c, Numbers numbers) {
        switch (c.peek()) {
            case JsonCursor.OBJECT: {
                c.beginObject();
                Map<String, Object> map = new LinkedHashMap<>();
                while (c.hasMember()) {
                    String name = c.nameString();
                    if (map.containsKey(name)) {
                        c.skipValue();
                    } else {
                        map.put(name, read(c, numbers));
                    }
                }
                return Collections.unmodifiableMap(map);
            }
            case JsonCursor.ARRAY: {
                c.beginArray();
                List<Object> list = new ArrayList<>();
                while (c.hasElement()) {
                    list.add(read(c, numbers));
                }
                return Collections.unmodifiableList(list);
            }
            case JsonCursor.STRING:
                return c.string();
            case JsonCursor.NUMBER:
                return numbers.read(c);
            case JsonCursor.BOOLEAN:
                return c.bool();
            default:
                c.nextIsNull();
                return null;
        }
    }
}
