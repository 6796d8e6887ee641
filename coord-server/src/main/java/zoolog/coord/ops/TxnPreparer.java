package zoolog.coord.ops;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.util.ArrayList;
import java.util.List;
import zoolog.coord.acl.AclPolicy;
import zoolog.coord.tree.Acls;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.EphemeralType;
import zoolog.coord.tree.PathRules;
import zoolog.protocol.txn.CheckVersionTxn;
import zoolog.protocol.txn.CreateTxn;
import zoolog.protocol.txn.DeleteTxn;
import zoolog.protocol.txn.MultiTxn;
import zoolog.protocol.txn.SetAclTxn;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Perms;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The "prep" step of the write path: turns a client's write request into a transaction, checking
 * it against the tree plus every change already prepared (so pipelined writes compose), in the
 * order ZooKeeper checks (path, ACL validity, parent, permission, existence, version). Everything
 * a replica needs to apply the write identically is decided here: the zxid, the time, the
 * sequential name, the parent's next cversion. Pure; owned by the core thread.
 */
public final class TxnPreparer {

    private static final List<String> UNDELETABLE = List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");

    private final PendingChanges pending;
    private final AclPolicy aclPolicy;
    private final boolean extendedTypesEnabled;

    public TxnPreparer(DataTree tree, AclPolicy aclPolicy, boolean extendedTypesEnabled) {
        this.pending = new PendingChanges(tree);
        this.aclPolicy = aclPolicy;
        this.extendedTypesEnabled = extendedTypesEnabled;
    }

    /** The tree applied everything up to {@code zxid}; forget the pending changes it covers. */
    public void appliedUpTo(long zxid) {
        pending.appliedUpTo(zxid);
    }

    /** The prepared transactions will never be applied here (leadership ended): forget them all. */
    public void forgetPending() {
        pending.clear();
    }

    public int pendingChangeCount() {
        return pending.size();
    }

    /** Whether a node will exist once every prepared transaction is applied. */
    public boolean willExist(String path) {
        return pending.get(path) != null;
    }

    /** Prepares one write (create*, delete, setData, setACL, multi) issued by {@code sessionId}. */
    public Prepared prepare(ZkRequest request, long sessionId, List<Id> ids, long zxid, long timeMillis) {
        Txn.Builder txn = Txn.newBuilder().setZxid(zxid).setTimeMillis(timeMillis).setSessionId(sessionId);
        if (request instanceof ZkRequest.Multi multi) {
            return prepareMulti(multi, sessionId, ids, zxid, txn);
        }
        Outcome outcome = prepareOne(request, sessionId, ids, zxid, pending);
        if (outcome.error != null) {
            return new Prepared.Rejected(outcome.error);
        }
        return new Prepared.Accepted(outcome.body.mergeFrom(txn.build()).build());
    }

    /** Internal delete of an empty container or expired TTL node; null if it no longer qualifies. */
    public Txn prepareCleanup(String path, long zxid, long timeMillis) {
        NodeState node = pending.get(path);
        if (node == null || node.numChildren() > 0) {
            return null;
        }
        Outcome outcome = prepareOne(new ZkRequest.Delete(path, node.version()), 0,
                List.of(new Id("super", "zoolog")), zxid, pending);
        return outcome.error != null ? null
                : outcome.body.setZxid(zxid).setTimeMillis(timeMillis).build();
    }

    private Prepared prepareMulti(ZkRequest.Multi multi, long sessionId, List<Id> ids, long zxid, Txn.Builder txn) {
        NodeView.Overlay overlay = new NodeView.Overlay(pending);
        List<Txn> ops = new ArrayList<>(multi.ops().size());
        int failedAt = -1;
        ErrorCode failure = null;
        for (int i = 0; i < multi.ops().size(); i++) {
            Outcome outcome = prepareOne(multi.ops().get(i), sessionId, ids, zxid, overlay);
            if (outcome.error != null) {
                failedAt = i;
                failure = outcome.error;
                break;
            }
            ops.add(outcome.body.build());
        }
        if (failure != null) {
            List<ZkResponse.OpResult> results = new ArrayList<>(multi.ops().size());
            for (int i = 0; i < multi.ops().size(); i++) {
                int err = i < failedAt ? 0 : i == failedAt ? failure.code() : ErrorCode.RUNTIME_INCONSISTENCY.code();
                results.add(new ZkResponse.OpResult.Error(err));
            }
            return new Prepared.MultiRejected(results);
        }
        overlay.commit();
        return new Prepared.Accepted(txn.setMulti(MultiTxn.newBuilder().addAllOps(ops)).build());
    }

    /** Either a txn body builder or the error that stops it. */
    private record Outcome(Txn.Builder body, ErrorCode error) {
        static Outcome of(Txn.Builder body) {
            return new Outcome(body, null);
        }

        static Outcome fail(ErrorCode error) {
            return new Outcome(null, error);
        }
    }

    private Outcome prepareOne(ZkRequest request, long sessionId, List<Id> ids, long zxid, NodeView view) {
        if (request instanceof ZkRequest.Create create) {
            return create(create, sessionId, ids, zxid, view);
        } else if (request instanceof ZkRequest.Delete delete) {
            return delete(delete, ids, zxid, view);
        } else if (request instanceof ZkRequest.SetData setData) {
            return setData(setData, ids, zxid, view);
        } else if (request instanceof ZkRequest.SetAcl setAcl) {
            return setAcl(setAcl, ids, zxid, view);
        } else if (request instanceof ZkRequest.Check check) {
            return check(check, ids, view);
        }
        return Outcome.fail(ErrorCode.UNIMPLEMENTED);
    }

    private Outcome create(ZkRequest.Create request, long sessionId, List<Id> ids, long zxid, NodeView view) {
        CreateMode mode = CreateMode.fromFlag(request.flags());
        if (mode == null) {
            return Outcome.fail(ErrorCode.BAD_ARGUMENTS);
        }
        if (mode.isTtl() && !extendedTypesEnabled) {
            return Outcome.fail(ErrorCode.UNIMPLEMENTED);
        }
        boolean ttlRequest = request.opCode() == OpCode.CREATE_TTL;
        if (mode.isTtl() != ttlRequest
                || (mode.isTtl() && (request.ttl() <= 0 || request.ttl() > EphemeralType.TTL_MILLIS_MAX))) {
            return Outcome.fail(ErrorCode.BAD_ARGUMENTS);
        }
        String path = request.path();
        if (path == null || path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0) {
            return Outcome.fail(ErrorCode.BAD_ARGUMENTS);
        }
        List<Acl> acl = aclPolicy.fixup(request.acl(), ids);
        if (acl == null) {
            return Outcome.fail(ErrorCode.INVALID_ACL);
        }
        String parentPath = path.lastIndexOf('/') == 0 ? PathRules.ROOT : path.substring(0, path.lastIndexOf('/'));
        NodeState parent = view.get(parentPath);
        if (parent == null) {
            return Outcome.fail(ErrorCode.NO_NODE);
        }
        if (!aclPolicy.check(parent.acl(), Perms.CREATE, ids)) {
            return Outcome.fail(ErrorCode.NO_AUTH);
        }
        if (mode.isSequential()) {
            path = path + String.format("%010d", parent.cversion());
        }
        if (!PathRules.isValid(path)) {
            return Outcome.fail(ErrorCode.BAD_ARGUMENTS);
        }
        if (view.get(path) != null) {
            return Outcome.fail(ErrorCode.NODE_EXISTS);
        }
        if (EphemeralType.isSessionOwned(parent.ephemeralOwner())) {
            return Outcome.fail(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
        }
        long owner = mode.isEphemeral() ? sessionId
                : mode.isContainer() ? EphemeralType.CONTAINER_OWNER
                : mode.isTtl() ? EphemeralType.ttlOwner(request.ttl())
                : 0;
        List<Acl> interned = Acls.intern(acl);
        NodeState newParent = parent.withChildAdded();
        view.put(parentPath, zxid, newParent);
        view.put(path, zxid, new NodeState(0, 0, 0, owner, 0, interned));
        CreateTxn.Builder body = CreateTxn.newBuilder()
                .setPath(path)
                .setData(bytes(request.data()))
                .setDataNull(request.data() == null)
                .addAllAcl(Acls.toEntries(interned))
                .setEphemeralOwner(owner)
                .setParentCversion(newParent.cversion());
        return Outcome.of(Txn.newBuilder().setCreate(body));
    }

    private Outcome delete(ZkRequest.Delete request, List<Id> ids, long zxid, NodeView view) {
        String path = request.path();
        if (!PathRules.isValid(path) || UNDELETABLE.contains(path)) {
            return Outcome.fail(ErrorCode.BAD_ARGUMENTS);
        }
        String parentPath = PathRules.parent(path);
        NodeState parent = view.get(parentPath);
        NodeState node = view.get(path);
        if (parent == null || node == null) {
            return Outcome.fail(ErrorCode.NO_NODE);
        }
        if (!aclPolicy.check(parent.acl(), Perms.DELETE, ids)) {
            return Outcome.fail(ErrorCode.NO_AUTH);
        }
        if (request.version() != -1 && request.version() != node.version()) {
            return Outcome.fail(ErrorCode.BAD_VERSION);
        }
        if (node.numChildren() > 0) {
            return Outcome.fail(ErrorCode.NOT_EMPTY);
        }
        view.put(parentPath, zxid, parent.withChildRemoved());
        view.put(path, zxid, null);
        return Outcome.of(Txn.newBuilder().setDelete(DeleteTxn.newBuilder().setPath(path)));
    }

    private Outcome setData(ZkRequest.SetData request, List<Id> ids, long zxid, NodeView view) {
        String path = request.path();
        Checked checked = checkExisting(path, Perms.WRITE, request.version(), ids, view);
        if (checked.error != null) {
            return Outcome.fail(checked.error);
        }
        int newVersion = checked.node.version() + 1;
        view.put(path, zxid, checked.node.withVersion(newVersion));
        SetDataTxn.Builder body = SetDataTxn.newBuilder()
                .setPath(path)
                .setData(bytes(request.data()))
                .setDataNull(request.data() == null)
                .setVersion(newVersion);
        return Outcome.of(Txn.newBuilder().setSetData(body));
    }

    private Outcome setAcl(ZkRequest.SetAcl request, List<Id> ids, long zxid, NodeView view) {
        String path = request.path();
        if (!PathRules.isValid(path)) {
            return Outcome.fail(ErrorCode.BAD_ARGUMENTS);
        }
        List<Acl> acl = aclPolicy.fixup(request.acl(), ids);
        if (acl == null) {
            return Outcome.fail(ErrorCode.INVALID_ACL);
        }
        NodeState node = view.get(path);
        if (node == null) {
            return Outcome.fail(ErrorCode.NO_NODE);
        }
        if (!aclPolicy.check(node.acl(), Perms.ADMIN, ids)) {
            return Outcome.fail(ErrorCode.NO_AUTH);
        }
        if (request.version() != -1 && request.version() != node.aversion()) {
            return Outcome.fail(ErrorCode.BAD_VERSION);
        }
        List<Acl> interned = Acls.intern(acl);
        int newAversion = node.aversion() + 1;
        view.put(path, zxid, node.withAcl(interned, newAversion));
        SetAclTxn.Builder body = SetAclTxn.newBuilder()
                .setPath(path)
                .addAllAcl(Acls.toEntries(interned))
                .setVersion(newAversion);
        return Outcome.of(Txn.newBuilder().setSetAcl(body));
    }

    private Outcome check(ZkRequest.Check request, List<Id> ids, NodeView view) {
        Checked checked = checkExisting(request.path(), Perms.READ, request.version(), ids, view);
        if (checked.error != null) {
            return Outcome.fail(checked.error);
        }
        return Outcome.of(Txn.newBuilder().setCheckVersion(
                CheckVersionTxn.newBuilder().setPath(request.path()).setVersion(request.version())));
    }

    /** A node that passed the checks setData and check share, or the first check it failed. */
    private record Checked(NodeState node, ErrorCode error) {}

    /** Valid path, existing node, {@code perm} granted, data version matching (-1 matches any). */
    private Checked checkExisting(String path, int perm, int expectedVersion, List<Id> ids, NodeView view) {
        if (!PathRules.isValid(path)) {
            return new Checked(null, ErrorCode.BAD_ARGUMENTS);
        }
        NodeState node = view.get(path);
        if (node == null) {
            return new Checked(null, ErrorCode.NO_NODE);
        }
        if (!aclPolicy.check(node.acl(), perm, ids)) {
            return new Checked(null, ErrorCode.NO_AUTH);
        }
        if (expectedVersion != -1 && expectedVersion != node.version()) {
            return new Checked(null, ErrorCode.BAD_VERSION);
        }
        return new Checked(node, null);
    }

    private static ByteString bytes(byte[] data) {
        return data == null ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(data);
    }
}
