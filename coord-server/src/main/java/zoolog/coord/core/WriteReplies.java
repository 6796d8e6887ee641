package zoolog.coord.core;

import java.util.ArrayList;
import java.util.List;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * Shapes the reply to an applied write from the request (which says what the client expects,
 * e.g. create versus create2) and the transaction (which holds what was decided, e.g. the
 * sequential name). Pure.
 */
final class WriteReplies {
    private WriteReplies() {}

    /** The reply body; null for a session's creation, whose answer is the ConnectResponse. */
    static ZkResponse build(ZkRequest request, Txn txn, MaterializingListener applied) {
        if (txn.hasCreateSession()) {
            return null;
        }
        if (request instanceof ZkRequest.Multi multi) {
            List<ZkResponse.OpResult> results = new ArrayList<>(multi.ops().size());
            List<Txn> ops = txn.getMulti().getOpsList();
            for (int i = 0; i < ops.size(); i++) {
                results.add(opResult(multi.ops().get(i), ops.get(i), applied));
            }
            return new ZkResponse.Multi(results);
        }
        if (request instanceof ZkRequest.Create create) {
            String path = txn.getCreate().getPath();
            return create.opCode() == OpCode.CREATE ? new ZkResponse.Create(path)
                    : new ZkResponse.Create2(path, applied.statAfterChange(path));
        }
        if (request instanceof ZkRequest.SetData) {
            return new ZkResponse.StatOnly(applied.statAfterChange(txn.getSetData().getPath()));
        }
        if (request instanceof ZkRequest.SetAcl) {
            return new ZkResponse.StatOnly(applied.statAfterChange(txn.getSetAcl().getPath()));
        }
        return ZkResponse.Empty.INSTANCE;
    }

    private static ZkResponse.OpResult opResult(ZkRequest op, Txn txn, MaterializingListener applied) {
        if (op instanceof ZkRequest.Create create) {
            String path = txn.getCreate().getPath();
            return create.opCode() == OpCode.CREATE ? new ZkResponse.OpResult.Create(path)
                    : new ZkResponse.OpResult.Create2(path, applied.statAfterChange(path));
        }
        if (op instanceof ZkRequest.SetData) {
            return new ZkResponse.OpResult.SetData(applied.statAfterChange(txn.getSetData().getPath()));
        }
        if (op instanceof ZkRequest.Delete) {
            return new ZkResponse.OpResult.Delete();
        }
        return new ZkResponse.OpResult.Check();
    }
}
