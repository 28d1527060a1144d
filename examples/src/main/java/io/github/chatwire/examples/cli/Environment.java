package io.github.chatwire.examples.cli;

import java.util.Map;

/**
 * The environment variables the tool reads (secrets such as {@code CHATWIRE_PASSWORD}). Tests and
 * embedders replace them for one run with {@link #with}; otherwise they are the process's.
 */
public final class Environment {
  private static final ThreadLocal<Map<String, String>> OVERRIDE = new ThreadLocal<>();

  private Environment() {}

  /**
   * One variable.
   *
   * @param name the variable's name
   * @return its value, or null if unset
   */
  public static String get(String name) {
    Map<String, String> o = OVERRIDE.get();
    return o != null ? o.get(name) : System.getenv(name);
  }

  /**
   * Runs a task on this thread with the given variables instead of the process's.
   *
   * @param variables the variables; never null
   * @param task the task
   * @param <T> the task's result
   * @return the task's result
   * @throws Exception whatever the task throws
   */
  public static <T> T with(Map<String, String> variables, java.util.concurrent.Callable<T> task)
      throws Exception {
    Map<String, String> before = OVERRIDE.get();
    OVERRIDE.set(Map.copyOf(variables));
    try {
      return task.call();
    } finally {
      if (before == null) {
        OVERRIDE.remove();
      } else {
        OVERRIDE.set(before);
      }
    }
  }
}
