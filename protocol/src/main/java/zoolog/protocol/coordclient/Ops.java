package zoolog.protocol.coordclient;

import java.util.List;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkRequest;

/**
 * The ops of a {@link CoordClient#multi} transaction, as the protocol's request records. The
 * same create record is what {@link CoordClient#create} sends on its own, so a create behaves the
 * same inside and outside a multi. ACLs default to {@link Acl#OPEN_ACL_UNSAFE}.
 */
public final class Ops {

    /** A version that matches any version, for delete, setData and check. */
    public static final int ANY_VERSION = -1;

    private Ops() {}

    public static ZkRequest.Create create(String path, byte[] data, CreateMode mode) {
        return create(path, data, Acl.OPEN_ACL_UNSAFE, mode, -1);
    }

    /**
     * A create of any mode: containers use createContainer, TTL modes createTTL with
     * {@code ttlMillis} (ignored otherwise, as ZooKeeper does), every other mode plain create.
     */
    public static ZkRequest.Create create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMillis) {
        int opCode = mode.isContainer() ? OpCode.CREATE_CONTAINER : mode.isTtl() ? OpCode.CREATE_TTL : OpCode.CREATE;
        return new ZkRequest.Create(opCode, path, data, List.copyOf(acl), mode.flag(), mode.isTtl() ? ttlMillis : -1);
    }

    public static ZkRequest.Delete delete(String path, int version) {
        return new ZkRequest.Delete(path, version);
    }

    public static ZkRequest.SetData setData(String path, byte[] data, int version) {
        return new ZkRequest.SetData(path, data, version);
    }

    /** Fails the whole multi unless {@code path} exists with {@code version} (or any, with -1). */
    public static ZkRequest.Check check(String path, int version) {
        return new ZkRequest.Check(path, version);
    }
}
