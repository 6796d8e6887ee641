package zoolog.coord.admin;

import zoolog.coord.core.CoreView;

/**
 * What {@code wchs} prints: watching sessions, watched paths and (path, session) pairs, all from
 * the data-watch table as ZooKeeper prints them (mntr's zk_watch_count also counts child watches).
 */
public record WatchSummary(int watchingSessions, int watchedPaths, int watches) {

    /** Copies the counts; call only on the core thread. */
    public static WatchSummary capture(CoreView view) {
        int pairs = 0;
        for (var sessions : view.watchesByPath().values()) {
            pairs += sessions.size();
        }
        return new WatchSummary(view.watchesBySession().size(), view.watchedPathCount(), pairs);
    }
}
