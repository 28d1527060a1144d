package io.github.chatwire.kwikandroid;

import tech.kwik.agent15.alert.IllegalParameterAlert;

/**
 * Stops agent15 from decoding an X25519/X448 key share where the platform has no XDH keys (Android
 * below API 33 has no {@code java.security.interfaces.XECPublicKey}): the rewrite calls {@link
 * #requireXdh()} right before each call to agent15's {@code
 * KeyShareExtension.rawToEncodedXDHPublicKey}, which would otherwise fail with NoClassDefFoundError
 * on the thread that parses the server's handshake.
 *
 * <p>kwik's client offers only a secp256r1 key share, so an honest server never sends an XDH one; a
 * server that does gets the TLS alert illegal_parameter, which is what agent15 answers to a key
 * share of a group the client did not offer. Thread-safe: stateless after class initialisation.
 */
public final class XdhGuard {
  private static final boolean XDH_AVAILABLE = classExists("java.security.interfaces.XECPublicKey");

  private XdhGuard() {}

  /**
   * Returns if this platform has XDH keys, else refuses the key share.
   *
   * @throws IllegalParameterAlert if {@code java.security.interfaces.XECPublicKey} does not exist
   */
  public static void requireXdh() throws IllegalParameterAlert {
    require(XDH_AVAILABLE);
  }

  static void require(boolean xdhAvailable) throws IllegalParameterAlert {
    if (!xdhAvailable) {
      throw new IllegalParameterAlert(
          "X25519/X448 key share, but this platform has no XDH keys (Android API 33+);"
              + " the client offered only secp256r1");
    }
  }

  static boolean classExists(String name) {
    try {
      Class.forName(name, false, XdhGuard.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
