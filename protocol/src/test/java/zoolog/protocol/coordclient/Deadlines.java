package zoolog.protocol.coordclient;

/** How long the client tests wait for something asynchronous before failing: generous, never a timing assertion. */
final class Deadlines {

    static final long WAIT_MILLIS = 30_000;

    private Deadlines() {}
}
