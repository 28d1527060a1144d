package io.github.chatwire.tauri.internal;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.log.BaseLogger;

/**
 * Routes kwik's own logging to SLF4J at debug level (logger {@code io.github.chatwire.tauri.kwik}).
 * Hex dumps and secrets are never forwarded.
 */
public final class Slf4jKwikLogger extends BaseLogger {
    private static final Logger log = LoggerFactory.getLogger("io.github.chatwire.tauri.kwik");

    /** Creates the logger with kwik's default categories (errors only). */
    public Slf4jKwikLogger() {
        logSecrets(false);
    }

    @Override
    protected void log(String message) {
        log.debug("{}", message);
    }

    @Override
    protected void log(String message, Throwable ex) {
        log.debug("{}", message, ex);
    }

    @Override
    protected void logWithHexDump(String message, byte[] data, int length) {
        log.debug("{} ({} bytes)", message, length);
    }

    @Override
    protected void logWithHexDump(String message, ByteBuffer data, int offset, int length) {
        log.debug("{} ({} bytes)", message, length);
    }
}
