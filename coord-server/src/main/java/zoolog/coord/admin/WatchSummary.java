package zoolog.coord.admin;

import zoolog.coord.core.CoreView;

/** What {@code wchs} prints: watching sessions, watched paths and (path, session) pairs. */
public record WatchSummary(int watchingSessions, int watchedPaths, int watches) {

    /** Copies the counts; call only on the core thread. */
    public static WatchSummary capture(CoreView view) {
        return new WatchSummary(view.watchesBySession().size(), view.watchedPathCount(), view.watchCount());
    }
}
