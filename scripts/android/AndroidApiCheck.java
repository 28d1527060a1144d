import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.codehaus.mojo.animal_sniffer.ClassListBuilder;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;

/**
 * Checks jars TOGETHER (a module and its whole runtime classpath) against an Android API
 * signature (gummy-bears): every reference from any of the jars to a class, method or field
 * that is neither in the signature nor defined by one of the jars is reported, grouped per jar.
 *
 * <p>Usage: {@code java -cp animal-sniffer.jar:asm.jar AndroidApiCheck.java SIGNATURE ALLOWED JAR...}.
 * ALLOWED lists class-name prefixes (one per line, '#' comments) whose references are known to be
 * unreachable on Android (optional integrations probed at run time, LDAP helpers we never call);
 * a line "PREFIX TEXT" allows only the references from PREFIX whose text contains TEXT (one
 * missing class used on one unreachable path of an otherwise used class). They are printed as
 * "allowed" and do not fail the check. Prints "jar: N undefined references"
 * and each reference with the class it comes from; exits 1 if any is not allowed.
 *
 * <p>Multi-release entries (META-INF/versions) and module-info are skipped: D8 dexes the base
 * classes only. java.lang.Record is ignored: D8 desugars records (the animal-sniffer execution of
 * the build ignores it for the same reason).
 */
public final class AndroidApiCheck {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AndroidApiCheck SIGNATURE ALLOWED JAR...");
            System.exit(2);
        }
        // each entry: {from-class prefix, reference substring ("" = any reference)}
        List<String[]> allowed = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(args[1]))) {
            String l = line.replaceAll("#.*", "").trim();
            if (!l.isEmpty()) {
                String[] parts = l.split("\\s+", 2);
                allowed.add(new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
            }
        }
        List<Path> jars = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            jars.add(Paths.get(args[i]));
        }
        // Classes defined by the jars themselves are not Android's business.
        Set<String> defined = new HashSet<>();
        Logger quiet = new Collecting(null);
        for (Path jar : jars) {
            Path dir = extract(jar);
            ClassListBuilder list = new ClassListBuilder(quiet);
            list.process(dir.toFile());
            defined.addAll(list.getPackages());
        }
        defined.add("java/lang/Record");
        Map<String, Set<String>> perJar = new TreeMap<>();
        int total = 0;
        for (Path jar : jars) {
            Set<String> errors = new TreeSet<>();
            try (InputStream sig = new FileInputStream(args[0])) {
                SignatureChecker checker = new SignatureChecker(sig, defined, new Collecting(errors));
                checker.setSourcePath(new ArrayList<>());
                checker.process(extract(jar).toFile());
            }
            perJar.put(jar.getFileName().toString(), errors);
            total += errors.size();
        }
        PrintStream out = System.out;
        int failing = 0;
        for (Map.Entry<String, Set<String>> e : perJar.entrySet()) {
            out.println(e.getKey() + ": " + e.getValue().size() + " undefined references");
            for (String err : e.getValue()) {
                int at = err.lastIndexOf("  (from ");
                String from = err.substring(at + 8, err.length() - 1);
                String ref = err.substring(0, at);
                boolean ok = allowed.stream().anyMatch(a -> from.startsWith(a[0]) && ref.contains(a[1]));
                failing += ok ? 0 : 1;
                out.println((ok ? "    allowed " : "    MISSING ") + err);
            }
        }
        out.println("TOTAL " + total + ", not allowed " + failing);
        System.exit(failing == 0 ? 0 : 1);
    }

    private static Path extract(Path jar) throws IOException {
        if (Files.isDirectory(jar)) {
            return jar;
        }
        Path dir = Files.createTempDirectory("android-api-check");
        dir.toFile().deleteOnExit();
        try (JarFile jf = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> en = jf.entries();
            while (en.hasMoreElements()) {
                JarEntry e = en.nextElement();
                String n = e.getName();
                if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.endsWith("module-info.class")) {
                    continue;
                }
                Path target = dir.resolve(n);
                Files.createDirectories(target.getParent());
                try (InputStream in = jf.getInputStream(e)) {
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }

    /** Keeps the distinct "Undefined reference" lines without their source positions. */
    private static final class Collecting implements Logger {
        private final Set<String> errors;

        Collecting(Set<String> errors) {
            this.errors = errors;
        }

        @Override public void info(String s) {}
        @Override public void info(String s, Throwable t) {}
        @Override public void debug(String s) {}
        @Override public void debug(String s, Throwable t) {}
        @Override public void warn(String s) {}
        @Override public void warn(String s, Throwable t) {}
        @Override public void error(String s) {
            if (errors != null) {
                // "<dir>/a/b/C.class:LINE: Undefined reference: REF" -> "REF  (from a.b.C)"
                int i = s.indexOf("Undefined reference: ");
                String ref = i >= 0 ? s.substring(i + "Undefined reference: ".length()) : s;
                String from = i >= 0 ? s.substring(0, i) : "";
                int cls = from.indexOf(".class");
                if (cls > 0) {
                    String path = from.substring(0, cls);
                    int root = path.indexOf("android-api-check");
                    path = root >= 0 ? path.substring(path.indexOf('/', root + 1) + 1) : path;
                    from = path.replace('/', '.');
                    int inner = from.indexOf('$');
                    from = inner > 0 ? from.substring(0, inner) : from;
                }
                errors.add(ref + "  (from " + from + ")");
            }
        }
        @Override public void error(String s, Throwable t) {
            error(s);
        }
    }
}
