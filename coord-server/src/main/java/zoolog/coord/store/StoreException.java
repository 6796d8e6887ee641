package zoolog.coord.store;

/**
 * The durable store could not do what was asked: the database would not open, a record on disk
 * would not parse, or a write failed. A store that has thrown this from its writer is failed for
 * good (a failed fsync is never retried), so the node that owns it must fence itself.
 */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
