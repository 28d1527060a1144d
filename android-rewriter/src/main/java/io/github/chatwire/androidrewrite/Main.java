package io.github.chatwire.androidrewrite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Command line: {@code Main --out DIR [--guard owner.name=guardOwner.guardName]... JAR...}. Writes
 * every class of the jars, rewritten by {@link AndroidRewriter}, and their non-class resources into
 * DIR, plus the shim class the rewritten code calls. Leaves out module-info (one jar made of
 * several modules cannot keep theirs; Android ignores it) and META-INF. Fails if two jars hold the
 * same entry. Prints how many references of each kind it rewrote.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the rewrite.
   *
   * @param args see the class description
   * @throws IOException if a jar cannot be read or DIR written
   */
  public static void main(String[] args) throws IOException {
    Path out = null;
    List<String> guards = new ArrayList<>();
    List<Path> jars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        out = Paths.get(args[++i]);
      } else if (args[i].equals("--guard") && i + 1 < args.length) {
        guards.add(args[++i]);
      } else if (args[i].startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      } else {
        jars.add(Paths.get(args[i]));
      }
    }
    if (out == null || jars.isEmpty()) {
      throw new IllegalArgumentException(
          "usage: Main --out DIR [--guard owner.name=guardOwner.guardName]... JAR...");
    }
    Set<String> written = new HashSet<>();
    AndroidRewriter rewriter = new AndroidRewriter(AndroidRewriter.parseGuards(guards));
    for (Path jar : jars) {
      try (JarFile jf = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = jf.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          String name = e.getName();
          if (e.isDirectory()
              || name.startsWith("META-INF/")
              || name.endsWith("module-info.class")) {
            continue;
          }
          byte[] bytes;
          try (InputStream in = jf.getInputStream(e)) {
            bytes = in.readAllBytes();
          }
          write(out, name, name.endsWith(".class") ? rewriter.rewrite(bytes) : bytes, written);
        }
      }
    }
    String shim = AndroidRewriter.SHIM + ".class";
    try (InputStream in = Main.class.getClassLoader().getResourceAsStream(shim)) {
      if (in == null) {
        throw new IOException("shim class not on the class path: " + shim);
      }
      write(out, shim, in.readAllBytes(), written);
    }
    for (Map.Entry<String, Integer> c : rewriter.counts().entrySet()) {
      System.out.println("rewrote " + c.getValue() + " x " + c.getKey());
    }
  }

  private static void write(Path out, String name, byte[] bytes, Set<String> written)
      throws IOException {
    if (!written.add(name)) {
      throw new IOException("two jars hold " + name);
    }
    Path target = out.resolve(name);
    Files.createDirectories(target.getParent());
    Files.write(target, bytes);
  }
}
