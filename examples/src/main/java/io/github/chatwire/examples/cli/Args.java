package io.github.chatwire.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict command-line parser: options are declared with the number of values they take
 * ({@code --listen SECONDS} takes one, {@code --send CHANNEL TEXT} two, {@code --json} none); an
 * undeclared option, a missing value or a stray word is a {@link UsageException}. Not thread-safe.
 */
public final class Args {
    private final Map<String, Integer> arity = new HashMap<>();
    private final Set<String> repeatable = new HashSet<>();
    private final Map<String, List<List<String>>> values = new HashMap<>();

    /**
     * Declares an option.
     *
     * @param name the option with its dashes, e.g. {@code --url}
     * @param valueCount how many words follow it
     * @param canRepeat whether it may be given more than once
     * @return this parser
     */
    public Args option(String name, int valueCount, boolean canRepeat) {
        arity.put(name, valueCount);
        if (canRepeat) {
            repeatable.add(name);
        }
        return this;
    }

    /**
     * Parses the words after the subcommand.
     *
     * @param words the words; never null
     * @return this parser
     * @throws UsageException if the words do not fit the declared options
     */
    public Args parse(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Integer n = arity.get(w);
            if (n == null) {
                throw new UsageException(w.startsWith("--") ? "unknown option " + w : "unexpected argument '" + w + "'");
            }
            if (i + n >= words.size()) {
                throw new UsageException(w + " needs " + n + (n == 1 ? " value" : " values"));
            }
            List<String> vals = new ArrayList<>(words.subList(i + 1, i + 1 + n));
            List<List<String>> all = values.computeIfAbsent(w, k -> new ArrayList<>());
            if (!all.isEmpty() && !repeatable.contains(w)) {
                throw new UsageException(w + " given twice");
            }
            all.add(vals);
            i += n;
        }
        return this;
    }

    /**
     * Whether the option was given.
     *
     * @param name the option
     * @return true if present
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The single value of an option.
     *
     * @param name the option
     * @return the value, or null if absent
     */
    public String get(String name) {
        List<List<String>> all = values.get(name);
        return all == null ? null : all.get(0).get(0);
    }

    /**
     * The single value of a required option.
     *
     * @param name the option
     * @return the value
     * @throws UsageException if absent
     */
    public String require(String name) {
        String v = get(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    /**
     * An integer option.
     *
     * @param name the option
     * @param fallback the value when absent
     * @return the value
     * @throws UsageException if it is not a non-negative integer
     */
    public int integer(String name, int fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a non-negative whole number, got '" + v + "'");
        }
    }

    /**
     * Every occurrence of an option, each with its values.
     *
     * @param name the option
     * @return the occurrences; empty if absent
     */
    public List<List<String>> all(String name) {
        List<List<String>> all = values.get(name);
        return all == null ? List.of() : all;
    }
}
