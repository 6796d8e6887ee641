package zoolog.protocol.coordclient;

import java.util.List;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.ZkResponse;

/**
 * A request's failure as the ensemble (or the client) reports it: the ZooKeeper error code, the
 * path the request named, and for a failed multi the result of every op (the first real error,
 * then RUNTIME_INCONSISTENCY for the ops after it). {@link ErrorCode#CONNECTION_LOSS} means the
 * outcome is unknown: the request may or may not have been applied.
 */
public final class CoordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String path;
    private final transient List<ZkResponse.OpResult> results;

    public CoordException(ErrorCode code, String path) {
        this(code, path, List.of());
    }

    public CoordException(ErrorCode code, String path, List<ZkResponse.OpResult> results) {
        super(code + (path == null ? "" : " for " + path), null, false, false);
        this.code = code;
        this.path = path;
        this.results = List.copyOf(results);
    }

    public ErrorCode code() {
        return code;
    }

    /** The request's path; null for requests without one (multi, closeSession). */
    public String path() {
        return path;
    }

    /** Per-op results of a failed multi; empty for other requests. */
    public List<ZkResponse.OpResult> results() {
        return results;
    }
}
