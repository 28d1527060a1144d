package io.github.chatwire.examples.cli;

import io.github.chatwire.core.Redaction;
import io.github.chatwire.core.Secret;
import io.github.chatwire.core.internal.json.JsonText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the tool writes what happens: with {@code --json}, exactly one JSON object per line, each
 * with an {@code "event"} field; otherwise readable, optionally coloured lines. Every line passes
 * through redaction of the secrets given on the command line. Thread-safe (lines never interleave).
 */
public final class Output {
  private static final String RESET = "\u001b[0m";

  private final PrintStream out;
  private final boolean json;
  private final boolean colour;
  private final List<Secret> secrets = new ArrayList<>();

  /**
   * Creates an output.
   *
   * @param out where lines go
   * @param json one JSON object per line if true
   * @param colour ANSI colours in human mode
   */
  public Output(PrintStream out, boolean json, boolean colour) {
    this.out = out;
    this.json = json;
    this.colour = colour;
  }

  /**
   * Registers a secret that must never be printed.
   *
   * @param secret the secret; null is ignored
   */
  public synchronized void hide(Secret secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
    }
  }

  /**
   * Whether this output writes JSON lines.
   *
   * @return true with {@code --json}
   */
  public boolean isJson() {
    return json;
  }

  /**
   * A state change.
   *
   * @param protocol which connection
   * @param state the new state name
   * @param cause the cause's text; may be null
   */
  public void state(String protocol, String state, String cause) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("protocol", protocol);
    f.put("state", state);
    f.put("cause", cause);
    emit("state", f, "36", protocol + " " + state + (cause == null ? "" : " (" + cause + ")"));
  }

  /**
   * The reply to a request.
   *
   * @param request the request's name
   * @param fields the decoded reply
   */
  public void reply(String request, Map<String, ?> fields) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request", request);
    f.putAll(fields);
    emit("reply", f, "32", "reply " + request + " " + fields);
  }

  /**
   * An error.
   *
   * @param kind the error's kind (exception type or category)
   * @param message the text; may be null
   */
  public void error(String kind, String message) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", kind);
    f.put("message", message);
    emit("error", f, "31", "error " + kind + ": " + message);
  }

  /**
   * A protocol event under its own name.
   *
   * @param name the protocol's event name, e.g. {@code message_new}
   * @param fields the decoded fields
   */
  public void event(String name, Map<String, ?> fields) {
    emit(name, new LinkedHashMap<>(fields), "35", name + " " + fields);
  }

  /**
   * A line of narration for people; written as an {@code "info"} event in JSON mode.
   *
   * @param text the text
   */
  public void info(String text) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("message", text);
    emit("info", f, "0", text);
  }

  private void emit(String event, Map<String, Object> fields, String colourCode, String human) {
    String line;
    if (json) {
      line = toJson(event, fields);
    } else {
      line = colour ? "\u001b[" + colourCode + "m" + human + RESET : human;
    }
    synchronized (this) {
      out.println(Redaction.redact(line, secrets.toArray(new Secret[0])));
      out.flush();
    }
  }

  private static String toJson(String event, Map<String, Object> fields) {
    // chatwire's one JSON writer (sdk-core), lenient: anything unknown is written as its text
    StringBuilder line = new StringBuilder(128).append("{\"event\":");
    JsonText.string(event, line);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      line.append(',');
      JsonText.string(e.getKey(), line);
      line.append(':');
      JsonText.append(e.getValue(), true, line);
    }
    return line.append('}').toString();
  }
}
