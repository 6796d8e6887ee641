package zoolog.faults.workload;

import org.apache.zookeeper.KeeperException.Code;
import zoolog.faults.history.EntryType;

/**
 * How a ZooKeeper error completes an operation in the history. Only errors that prove the
 * operation was decided and did nothing are {@code fail}: BADVERSION, NONODE and NODEEXISTS come
 * from the server's decision. Anything else (connection loss, timeouts, session expiry or a moved
 * session) leaves open whether the request reached the leader, so a write is {@code info}: it may
 * have taken effect. Reads change nothing, so any failed read is {@code fail}.
 */
public final class Outcomes {

    private Outcomes() {
    }

    public static EntryType ofWriteError(Code code) {
        return switch (code) {
            case BADVERSION, NONODE, NODEEXISTS -> EntryType.FAIL;
            default -> EntryType.INFO;
        };
    }
}
