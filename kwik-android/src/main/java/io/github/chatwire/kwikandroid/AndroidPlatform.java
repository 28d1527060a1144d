package io.github.chatwire.kwikandroid;

import org.jspecify.annotations.Nullable;
import tech.kwik.agent15.env.PlatformMapping;

/**
 * Switches agent15 to its Android algorithm names when it runs on Android. agent15 verifies RSA-PSS
 * signatures (the TLS 1.3 CertificateVerify of a server with an RSA certificate) with the JCA name
 * {@code RSASSA-PSS}, which Android's providers do not have; it knows the Android names ({@code
 * SHA256withRSA/PSS}...) but uses them only after {@code
 * PlatformMapping.usePlatformMapping(Platform.Android)}. The rewrite calls {@link #select()} right
 * before agent15 asks for its algorithm mapping, so an app needs no setup.
 *
 * <p>On a JVM this does nothing (agent15's default, the JDK names, stays). An app that already
 * chose a platform keeps its choice. Thread-safe.
 */
public final class AndroidPlatform {
  private static volatile boolean selected;

  private AndroidPlatform() {}

  /** Selects agent15's Android mapping once, if this runtime is Android's. */
  public static void select() {
    if (selected) {
      return;
    }
    if (isAndroid(System.getProperty("java.vm.name"), System.getProperty("java.vendor"))) {
      try {
        PlatformMapping.usePlatformMapping(PlatformMapping.Platform.Android);
      } catch (IllegalArgumentException appChoseOtherwise) {
        // the app set the JDK mapping itself: its choice stands
      }
    }
    selected = true;
  }

  /**
   * Whether the system properties are Android's (ART and Dalvik both report {@code java.vm.name}
   * "Dalvik"; {@code java.vendor} is "The Android Project").
   */
  static boolean isAndroid(@Nullable String vmName, @Nullable String vendor) {
    return "Dalvik".equals(vmName) || (vendor != null && vendor.contains("Android"));
  }
}
