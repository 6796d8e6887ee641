package zoolog.coord.net.peer;

import zoolog.protocol.peer.PeerMessage;

/**
 * Where {@link PeerNetwork} hands what arrives from other ensemble members: usually a thin
 * adapter that enqueues into the replication core's inbox. Called on Netty I/O threads, possibly
 * several at once (one per connection), so implementations must be thread-safe and should only
 * enqueue; blocking here pauses reading from that one connection, which is backpressure.
 */
public interface PeerInbox {

    /**
     * A message from member {@code fromSid}. Messages from one connection arrive in the order the
     * sender sent them; votes (election port) and the rest (quorum port) are not ordered with each other.
     */
    void message(int fromSid, PeerMessage message);

    /**
     * A quorum-port connection to or from {@code sid} closed or could not be opened: messages queued
     * for it are dropped, and messages from it that were in flight are lost. Reported once per
     * broken connection, so one failure may be reported twice (the link in each direction).
     * Nothing from the old incoming connection arrives after this call.
     */
    void peerDown(int sid);
}
