package zoolog.coord.net.peer;

import java.util.ArrayList;
import java.util.List;
import zoolog.coord.testing.Await;
import zoolog.protocol.peer.PeerMessage;

/** A thread-safe inbox that records everything the network delivers, in delivery order. */
final class RecordingInbox implements PeerInbox {

    /** One delivery: a message, or a peerDown when {@code message} is null. */
    record Event(int sid, PeerMessage message) {
        boolean isPeerDown() {
            return message == null;
        }
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void message(int fromSid, PeerMessage message) {
        events.add(new Event(fromSid, message));
    }

    @Override
    public synchronized void peerDown(int sid) {
        events.add(new Event(sid, null));
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<PeerMessage> messagesFrom(int sid) {
        return events.stream().filter(e -> e.sid() == sid && !e.isPeerDown()).map(Event::message).toList();
    }

    synchronized int peerDownCount(int sid) {
        return (int) events.stream().filter(e -> e.sid() == sid && e.isPeerDown()).count();
    }

    List<PeerMessage> awaitMessagesFrom(int sid, int count) {
        Await.until(count + " messages from sid " + sid, () -> messagesFrom(sid).size() >= count);
        return messagesFrom(sid);
    }

    void awaitPeerDown(int sid) {
        Await.until("peerDown(" + sid + ")", () -> peerDownCount(sid) > 0);
    }
}
