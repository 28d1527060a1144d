package io.github.chatwire.core.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3, memory: a listener taking 10 ms per event and a flood of small messages never
 * exhaust a 64 MiB heap. Runs {@link FloodMain} in a forked JVM so that an OutOfMemoryError fails
 * this test rather than the build. (On the old unbounded backlog the child died of OOM within
 * about a second.)
 */
class ListenerBacklogMemoryTest {
    @Test
    void floodIntoASlowListenerStaysWithinA64MiBHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Path out = Files.createTempFile("flood", ".log");
        try {
            Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", classpath, FloodMain.class.getName(), "6000"))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String log = Files.readString(out, StandardCharsets.UTF_8);
            System.out.println(log);
            assertTrue(ended, "the child did not end: " + log);
            assertEquals(0, p.exitValue(), "child failed (3 = OutOfMemoryError, 2 = backlog over the bound): " + log);
            assertTrue(log.contains("maxBacklog="), log);
        } finally {
            Files.deleteIfExists(out);
        }
    }

}
