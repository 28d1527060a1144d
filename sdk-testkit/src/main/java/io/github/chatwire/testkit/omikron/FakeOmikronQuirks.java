package io.github.chatwire.testkit.omikron;

/**
 * Switches for the behaviour of the real Omikron (E3, {@code Tensamin/Omikron@d4a1b69}) that a
 * client must tolerate. Each defaults to the reference behaviour unless stated. Immutable.
 *
 * @param lowercaseIdEcho replies echo the request id lowercased, and ids that are not UUIDs are
 *     replaced by a random UUID (as {@code Uuid::parse_str}/{@code to_string} do). Default true.
 * @param intStringFields numbers the reference writes as strings stay strings: {@code accepted},
 *     {@code send_time}, {@code call_invite} ids, {@code ping_clients} values; when this is on,
 *     top-level {@code sender}/{@code receiver} are also written as strings (the early-E2
 *     behaviour). Default false (E3 writes routing as numbers).
 * @param randomIdPushes routing refusals ({@code error_invalid_user_id}) carry a fresh random id
 *     instead of the request's, as in the reference. Pushes always carry fresh ids. Default true.
 * @param errorNoIota a client whose Iota is not connected gets {@code error_no_iota} instead of
 *     {@code identification_response}, stays attached, and its relayed requests are dropped
 *     silently. When false, such a client is identified normally and its relayed requests are
 *     answered with {@code error_no_iota}. Default true.
 * @param neverCloseAfterFatalError after a fatal identification error the server does not close the
 *     socket (the reference's inverted {@code close()}); the client must. Default true.
 * @param dataKeyLoss unknown {@code data} keys collapse into one {@code error_type} key when
 *     relayed. Default true.
 */
public record FakeOmikronQuirks(
    boolean lowercaseIdEcho,
    boolean intStringFields,
    boolean randomIdPushes,
    boolean errorNoIota,
    boolean neverCloseAfterFatalError,
    boolean dataKeyLoss) {
  /**
   * The reference server's behaviour.
   *
   * @return the quirks
   */
  public static FakeOmikronQuirks reference() {
    return new FakeOmikronQuirks(true, false, true, true, true, true);
  }

  /**
   * A well-behaved server: ids echoed as sent, numbers as numbers, closes after fatal errors,
   * relays data unchanged, answers relayed requests of an Iota-less client with {@code
   * error_no_iota}.
   *
   * @return the quirks
   */
  public static FakeOmikronQuirks none() {
    return new FakeOmikronQuirks(false, false, false, false, false, false);
  }

  /**
   * A copy with int-string fields switched.
   *
   * @param on the setting
   * @return the copy
   */
  public FakeOmikronQuirks withIntStringFields(boolean on) {
    return new FakeOmikronQuirks(
        lowercaseIdEcho, on, randomIdPushes, errorNoIota, neverCloseAfterFatalError, dataKeyLoss);
  }

  /**
   * A copy with the {@code error_no_iota} handshake behaviour switched.
   *
   * @param on the setting
   * @return the copy
   */
  public FakeOmikronQuirks withErrorNoIota(boolean on) {
    return new FakeOmikronQuirks(
        lowercaseIdEcho,
        intStringFields,
        randomIdPushes,
        on,
        neverCloseAfterFatalError,
        dataKeyLoss);
  }

  /**
   * A copy with closing after fatal errors switched.
   *
   * @param neverClose the setting
   * @return the copy
   */
  public FakeOmikronQuirks withNeverCloseAfterFatalError(boolean neverClose) {
    return new FakeOmikronQuirks(
        lowercaseIdEcho, intStringFields, randomIdPushes, errorNoIota, neverClose, dataKeyLoss);
  }
}
