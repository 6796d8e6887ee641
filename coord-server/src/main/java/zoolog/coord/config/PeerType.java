package zoolog.coord.config;

/**
 * The role a server plays in an ensemble, as zoo.cfg spells it ({@code peerType=observer} or the
 * {@code :observer} suffix of a {@code server.N} line). Participants vote in elections and count
 * towards the write quorum; observers only replicate and serve clients, so adding them scales reads
 * without slowing writes.
 */
public enum PeerType {
    PARTICIPANT("participant"),
    OBSERVER("observer");

    private final String configName;

    PeerType(String configName) {
        this.configName = configName;
    }

    /** The lower-case word used in zoo.cfg. */
    public String configName() {
        return configName;
    }
}
