package zoolog.protocol.jute;

/**
 * A frame that does not hold a well-formed jute record: truncated, a negative or oversized length,
 * a vector that cannot fit, an op type that is not allowed where it appears. The message is one
 * line naming what is wrong. The server answers it by closing the connection, as ZooKeeper does
 * when {@code BinaryInputArchive} throws; it is checked so no decode path can forget it.
 */
public final class JuteException extends Exception {

    public JuteException(String message) {
        super(message);
    }
}
