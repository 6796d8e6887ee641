package zoolog.coord.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.coord.core.CoreView;
import zoolog.coord.core.CoreView.SessionInfo;

/** What {@code dump} prints: live sessions with their expiry times and each one's ephemerals. */
public record SessionDump(List<SessionInfo> sessions, Map<Long, Set<String>> ephemeralsBySession) {

    public SessionDump {
        sessions = List.copyOf(sessions);
        ephemeralsBySession = SortedCopies.of(ephemeralsBySession);
    }

    /** Copies sessions and ephemerals; call only on the core thread. */
    public static SessionDump capture(CoreView view) {
        return new SessionDump(view.sessions(), view.ephemeralsBySession());
    }
}
