package io.github.chatwire.kwikandroid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.kwik.agent15.env.PlatformMapping;

class AndroidPlatformTest {
  @Test
  void recognisesAndroidByItsSystemProperties() {
    // the values ART reports (System.getProperty on an Android 8+ device)
    assertTrue(AndroidPlatform.isAndroid("Dalvik", "The Android Project"));
    assertTrue(AndroidPlatform.isAndroid(null, "The Android Project"));
    assertFalse(AndroidPlatform.isAndroid("OpenJDK 64-Bit Server VM", "Eclipse Adoptium"));
    assertFalse(AndroidPlatform.isAndroid(null, null));
  }

  @Test
  void leavesTheJdkNamesOnTheJvm() {
    AndroidPlatform.select();
    // still the identity mapping: RSASSA-PSS (with a SHA-256 hash) is the JDK's name; agent15's
    // Android mapping would answer SHA256withRSA/PSS
    assertEquals("RSASSA-PSS", PlatformMapping.algorithmMapping().get("RSASSA-PSS", 256));
  }
}
