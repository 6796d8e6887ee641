package zoolog.coord.ops;

import java.util.List;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.ZkResponse;

/** The outcome of preparing a write: a transaction to log, or the answer the client gets at once. */
public sealed interface Prepared {

    record Accepted(Txn txn) implements Prepared {}

    record Rejected(ErrorCode error) implements Prepared {}

    /** A multi whose ops did not all pass: the reply lists each op's result, nothing is logged. */
    record MultiRejected(List<ZkResponse.OpResult> results) implements Prepared {}
}
