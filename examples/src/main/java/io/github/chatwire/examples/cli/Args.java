package io.github.chatwire.examples.cli;

import io.github.chatwire.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict command-line parser: options are declared with the words they take ({@code
 * --listen SECONDS} takes one, {@code --send CHANNEL TEXT} two, {@code --json} none) and a line of
 * help; an undeclared option, a missing value or a stray word is a {@link UsageException}. {@code
 * --help} or {@code -h} in an option's place is a {@link HelpRequest} that carries the help text,
 * generated from the same declarations the parser uses. Not thread-safe.
 */
public final class Args {
  /** The largest secret file read ({@code --password-file} and friends), in bytes. */
  public static final int MAX_SECRET_FILE_BYTES = 64 * 1024;

  private final Map<String, Integer> arity = new HashMap<>();
  private final Set<String> repeatable = new HashSet<>();
  private final Map<String, String[]> help = new LinkedHashMap<>();
  private final Map<String, List<List<String>>> values = new HashMap<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * Declares an option without a help line (shown as undocumented; prefer the other overload).
   *
   * @param name the option with its dashes, e.g. {@code --url}
   * @param valueCount how many words follow it
   * @param canRepeat whether it may be given more than once
   * @return this parser
   */
  public Args option(String name, int valueCount, boolean canRepeat) {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < valueCount; i++) {
      labels.append(i == 0 ? "" : " ").append("VALUE");
    }
    return declare(name, labels.toString(), canRepeat, null);
  }

  /**
   * Declares an option that may be given once.
   *
   * @param name the option with its dashes, e.g. {@code --url}
   * @param values the names of the words that follow it, space-separated ({@code "CHANNEL TEXT"});
   *     empty for a flag
   * @param description one line of help, with the default where there is one
   * @return this parser
   */
  public Args option(String name, String values, String description) {
    return declare(name, values, false, description);
  }

  /**
   * Declares an option that may be given more than once.
   *
   * @param name the option with its dashes
   * @param values the names of the words that follow it, space-separated
   * @param description one line of help
   * @return this parser
   */
  public Args repeatable(String name, String values, String description) {
    return declare(name, values, true, description);
  }

  /**
   * Adds a paragraph to the help text, after the options.
   *
   * @param text the paragraph
   * @return this parser
   */
  public Args note(String text) {
    notes.add(text);
    return this;
  }

  private Args declare(String name, String labels, boolean canRepeat, String description) {
    String l = labels.trim();
    arity.put(name, l.isEmpty() ? 0 : l.split("\\s+").length);
    if (canRepeat) {
      repeatable.add(name);
    }
    help.put(name, new String[] {l, description});
    return this;
  }

  /**
   * The declared options that have no help line.
   *
   * @return the names; empty when every option is documented
   */
  public List<String> undocumented() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String[]> e : help.entrySet()) {
      if (e.getValue()[1] == null || e.getValue()[1].trim().isEmpty()) {
        missing.add(e.getKey());
      }
    }
    return missing;
  }

  /**
   * The option part of the help text: one line per option, then the notes.
   *
   * @return the text, ending with a newline
   */
  public String helpText() {
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, String[]> e : help.entrySet()) {
      String left =
          e.getKey()
              + (e.getValue()[0].isEmpty() ? "" : " " + e.getValue()[0])
              + (repeatable.contains(e.getKey()) ? " ..." : "");
      rows.add(new String[] {left, e.getValue()[1] == null ? "(undocumented)" : e.getValue()[1]});
    }
    rows.add(new String[] {"-h, --help", "show this help and exit"});
    int width = 0;
    for (String[] r : rows) {
      width = Math.max(width, r[0].length());
    }
    StringBuilder b = new StringBuilder("options:\n");
    for (String[] r : rows) {
      b.append("  ").append(r[0]);
      b.append(" ".repeat(width - r[0].length() + 3)).append(r[1]).append('\n');
    }
    for (String n : notes) {
      b.append('\n').append(n).append('\n');
    }
    return b.toString();
  }

  /**
   * Parses the words after the subcommand.
   *
   * @param words the words; never null
   * @return this parser
   * @throws HelpRequest if {@code --help} or {@code -h} stands where an option may
   * @throws UsageException if the words do not fit the declared options
   */
  public Args parse(List<String> words) {
    // Help first, so that "chatwire x --url u --help" shows help rather than complaining about
    // what is missing. Values are skipped: "--send general --help" sends the text "--help".
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--help") || w.equals("-h")) {
        throw new HelpRequest(helpText());
      }
      Integer n = arity.get(w);
      if (n == null) {
        break;
      }
      i += n;
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      Integer n = arity.get(w);
      if (n == null) {
        throw new UsageException(
            w.startsWith("-") ? "unknown option " + w : "unexpected argument '" + w + "'");
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

  /**
   * A secret from, in this order: the inline option (visible to every user in {@code ps}, so a
   * warning goes to {@code err}), the file option (its content without the final line break), or
   * the environment variable. Giving both options is a usage error.
   *
   * @param inline the inline option, e.g. {@code --password}
   * @param file the file option, e.g. {@code --password-file}
   * @param variable the environment variable, e.g. {@code CHATWIRE_PASSWORD}
   * @param err where the {@code ps} warning goes
   * @return the secret, or null if none of the three is given
   * @throws UsageException if both options are given, or the file cannot be read, is larger than
   *     {@link #MAX_SECRET_FILE_BYTES} or is empty (the message names the path, never the content)
   */
  public Secret secret(String inline, String file, String variable, PrintStream err) {
    if (has(inline) && has(file)) {
      throw new UsageException("give " + inline + " or " + file + ", not both");
    }
    if (has(inline)) {
      err.println(
          "chatwire: warning: "
              + inline
              + " shows the secret to every user of this machine (ps);"
              + " use "
              + file
              + " or the environment variable "
              + variable);
      return Secret.of(get(inline));
    }
    if (has(file)) {
      return Secret.of(readSecretFile(file, get(file)));
    }
    String v = Environment.get(variable);
    return v == null || v.isEmpty() ? null : Secret.of(v);
  }

  /**
   * Whether {@link #secret} would find a secret, without reading the file.
   *
   * @param inline the inline option
   * @param file the file option
   * @param variable the environment variable
   * @return true if any of the three is given
   */
  public boolean hasSecret(String inline, String file, String variable) {
    String v = Environment.get(variable);
    return has(inline) || has(file) || v != null && !v.isEmpty();
  }

  /**
   * Reads a secret file: at most {@link #MAX_SECRET_FILE_BYTES}, UTF-8, one final line break (LF or
   * CRLF) removed.
   *
   * @param option the option that named the file, for the message
   * @param path the path
   * @return the content; never empty
   * @throws UsageException if the file cannot be read, is too large or is empty
   */
  public static String readSecretFile(String option, String path) {
    byte[] bytes;
    Path p = Paths.get(path);
    try (InputStream in = Files.newInputStream(p)) {
      bytes = in.readNBytes(MAX_SECRET_FILE_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      throw UsageException.unreadableFile(option, path, e);
    }
    if (bytes.length > MAX_SECRET_FILE_BYTES) {
      throw new UsageException(
          "the "
              + option
              + " file '"
              + path
              + "' is larger than "
              + MAX_SECRET_FILE_BYTES
              + " bytes");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.endsWith("\r\n")) {
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      throw new UsageException("the " + option + " file '" + path + "' is empty");
    }
    return text;
  }
}
