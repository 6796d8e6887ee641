package zoolog.protocol.zk;

/**
 * First frame of every client connection (no RequestHeader). {@code readOnlyPresent} records
 * whether the client appended the optional readOnly byte, because the reply must mirror it.
 */
public record ConnectRequest(
        int protocolVersion,
        long lastZxidSeen,
        int timeoutMillis,
        long sessionId,
        byte[] password,
        boolean readOnly,
        boolean readOnlyPresent) {
}
