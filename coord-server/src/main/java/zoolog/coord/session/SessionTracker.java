package zoolog.coord.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides when sessions expire, in tick-sized buckets as ZooKeeper's ExpiryQueue does: a touched
 * session moves to the bucket {@code roundUp(now + timeout)}, and a tick expires whole buckets
 * whose time has passed. Rounding to ticks means one tick handles many sessions and a session
 * never expires earlier than its timeout. Pure: time arrives as arguments. Owned by the core thread.
 */
public final class SessionTracker {

    /** One live session. {@code closing} is set once its close has been decided. */
    public static final class Session {
        private final long id;
        private final byte[] password;
        private int timeoutMillis;
        private long expiresAtMillis;
        private boolean closing;

        Session(long id, int timeoutMillis, byte[] password) {
            this.id = id;
            this.timeoutMillis = timeoutMillis;
            this.password = password;
        }

        public long id() {
            return id;
        }

        public int timeoutMillis() {
            return timeoutMillis;
        }

        public byte[] password() {
            return password;
        }

        public long expiresAtMillis() {
            return expiresAtMillis;
        }

        public boolean isClosing() {
            return closing;
        }
    }

    private final long bucketMillis;
    private final Map<Long, Session> sessions = new HashMap<>();
    private final TreeMap<Long, Set<Long>> buckets = new TreeMap<>();

    public SessionTracker(long bucketMillis) {
        this.bucketMillis = bucketMillis;
    }

    public Session add(long sessionId, int timeoutMillis, byte[] password, long nowMillis) {
        Session session = new Session(sessionId, timeoutMillis, password);
        sessions.put(sessionId, session);
        touch(sessionId, nowMillis);
        return session;
    }

    public Session get(long sessionId) {
        return sessions.get(sessionId);
    }

    public Collection<Session> all() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    /** Records activity; false if the session is unknown or already closing. */
    public boolean touch(long sessionId, long nowMillis) {
        Session session = sessions.get(sessionId);
        if (session == null || session.closing) {
            return false;
        }
        long expiresAt = roundUp(nowMillis + session.timeoutMillis);
        if (expiresAt != session.expiresAtMillis) {
            unbucket(session);
            session.expiresAtMillis = expiresAt;
            buckets.computeIfAbsent(expiresAt, k -> new HashSet<>()).add(sessionId);
        }
        return true;
    }

    public void setTimeout(long sessionId, int timeoutMillis, long nowMillis) {
        Session session = sessions.get(sessionId);
        if (session != null) {
            session.timeoutMillis = timeoutMillis;
            touch(sessionId, nowMillis);
        }
    }

    /** Marks a session as closing so it is neither touched nor expired again. */
    public void markClosing(long sessionId) {
        Session session = sessions.get(sessionId);
        if (session != null && !session.closing) {
            session.closing = true;
            unbucket(session);
        }
    }

    /** Sessions whose expiry time has passed, now marked closing, in id order within a bucket. */
    public List<Long> expire(long nowMillis) {
        List<Long> expired = new ArrayList<>();
        while (!buckets.isEmpty() && buckets.firstKey() <= nowMillis) {
            List<Long> bucket = new ArrayList<>(buckets.pollFirstEntry().getValue());
            Collections.sort(bucket);
            for (long id : bucket) {
                sessions.get(id).closing = true;
                expired.add(id);
            }
        }
        return expired;
    }

    /**
     * A new leader's fresh start: every session gets a full timeout from now, and none is
     * closing (a close that never committed under the old leader is forgotten; the client or
     * expiry will close it again).
     */
    public void touchAll(long nowMillis) {
        buckets.clear();
        for (Session session : sessions.values()) {
            session.closing = false;
            session.expiresAtMillis = 0;
            touch(session.id, nowMillis);
        }
    }

    public void clear() {
        sessions.clear();
        buckets.clear();
    }

    public void remove(long sessionId) {
        Session session = sessions.remove(sessionId);
        if (session != null) {
            unbucket(session);
        }
    }

    private void unbucket(Session session) {
        Set<Long> bucket = buckets.get(session.expiresAtMillis);
        if (bucket != null) {
            bucket.remove(session.id);
            if (bucket.isEmpty()) {
                buckets.remove(session.expiresAtMillis);
            }
        }
    }

    private long roundUp(long timeMillis) {
        return (timeMillis / bucketMillis + 1) * bucketMillis;
    }
}
