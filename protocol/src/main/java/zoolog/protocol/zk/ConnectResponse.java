package zoolog.protocol.zk;

/**
 * First frame the server sends (no ReplyHeader). A {@code timeoutMillis} of 0 with session id 0
 * tells the client its session expired. {@code includeReadOnly} mirrors the request's optional byte.
 */
public record ConnectResponse(
        int protocolVersion,
        int timeoutMillis,
        long sessionId,
        byte[] password,
        boolean readOnly,
        boolean includeReadOnly) {
}
