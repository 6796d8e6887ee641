package zoolog.protocol.coordclient;

/**
 * Where a {@link CoordClient}'s session stands, as reported to {@link ConnectionStateListener}s.
 * The session lives across connections: SUSPENDED means the connection is gone but the session
 * may still be alive on the ensemble, so ephemeral nodes and watches may survive; only EXPIRED
 * says the session, its ephemerals and its watches are gone for good.
 */
public enum ConnectionState {
    /** Before the first handshake; never reported to listeners. */
    CONNECTING,
    /** The first handshake succeeded: a new session exists. */
    CONNECTED,
    /** The connection was lost; the client is trying the members of the connect string. */
    SUSPENDED,
    /** A later handshake resumed the same session; watches were re-registered. */
    RECONNECTED,
    /** The ensemble says the session expired; the client stops and fails every request. */
    EXPIRED,
    /** {@link CoordClient#close()} closed the session. */
    CLOSED
}
