package io.github.chatwire.kwikandroid;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.kwik.agent15.TlsConstants;
import tech.kwik.agent15.alert.IllegalParameterAlert;

class XdhGuardTest {
  @Test
  void refusesWithTheTlsAlertWhenThePlatformHasNoXdh() {
    IllegalParameterAlert e =
        assertThrows(IllegalParameterAlert.class, () -> XdhGuard.require(false));
    assertEquals(TlsConstants.AlertDescription.illegal_parameter, e.alertDescription());
    assertDoesNotThrow(() -> XdhGuard.require(true));
  }

  @Test
  void detectsXdhByTheClassAndroidBelow33Lacks() {
    assertTrue(XdhGuard.classExists("java.security.interfaces.XECPublicKey"));
    assertFalse(XdhGuard.classExists("java.security.interfaces.NoSuchKey"));
    assertDoesNotThrow(XdhGuard::requireXdh);
  }
}
