package zoolog.coord.zab;

/**
 * A candidate in leader election: a member and how far its history goes. Ballots are ordered by
 * the epoch the member last followed, then its last zxid, then its id, so the election settles on
 * the most up-to-date member and, among equals (a fresh ensemble), on the highest id.
 */
record Ballot(int leader, long zxid, long peerEpoch) {

    boolean beats(Ballot other) {
        if (peerEpoch != other.peerEpoch) {
            return peerEpoch > other.peerEpoch;
        }
        if (zxid != other.zxid) {
            return zxid > other.zxid;
        }
        return leader > other.leader;
    }
}
