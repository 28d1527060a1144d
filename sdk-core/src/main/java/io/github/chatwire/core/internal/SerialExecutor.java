package io.github.chatwire.core.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor. A task that throws is
 * logged and does not stop the ones after it. Thread-safe.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int BACKLOG_WARNING = 10_000;

    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running; // guarded by tasks
    private boolean warned; // guarded by tasks

    /**
     * Creates a serial executor.
     *
     * @param delegate the executor that runs the tasks; never null
     */
    public SerialExecutor(Executor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (tasks) {
            tasks.add(task);
            if (tasks.size() > BACKLOG_WARNING && !warned) {
                warned = true;
                log.warn("listener callbacks are {} behind: a listener is too slow", tasks.size());
            }
            if (running) {
                return;
            }
            running = true;
        }
        // If the delegate is gone (shut down), drain here rather than lose the callbacks.
        Execution.executeOrRun(delegate, this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    warned = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                log.error("listener callback threw", e);
            }
        }
    }
}
