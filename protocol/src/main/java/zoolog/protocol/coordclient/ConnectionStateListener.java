package zoolog.protocol.coordclient;

/**
 * Told about every session state change, in order, on the client's {@code coord-client-events}
 * thread. It may block briefly (that delays later callbacks, not I/O), but it must not wait for
 * a future of the same client, whose completion would queue behind it.
 */
@FunctionalInterface
public interface ConnectionStateListener {
    void stateChanged(ConnectionState state);
}
