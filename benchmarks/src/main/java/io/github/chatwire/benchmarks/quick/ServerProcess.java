package io.github.chatwire.benchmarks.quick;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LineServer} in its own JVM, so its sockets and threads do not count in the client's
 * heap.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  ServerProcess() throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx768m",
                    "-Xss256k",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LineServer.class.getName()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = out.readLine();
    if (first == null || !first.startsWith("PORT ")) {
      process.destroyForcibly();
      throw new IOException("server process did not start: " + first);
    }
    port = Integer.parseInt(first.substring(5).trim());
  }

  String url() {
    return "ws://127.0.0.1:" + port + "/ws";
  }

  synchronized void command(String c) throws IOException {
    in.write(c + "\n");
    in.flush();
  }

  synchronized int openCount() throws IOException {
    command("count");
    String line = out.readLine();
    return line == null ? -1 : Integer.parseInt(line.substring(5).trim());
  }

  @Override
  public void close() throws Exception {
    try {
      command("quit");
    } catch (IOException ignored) {
      // already gone
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
