package zoolog.coord.tree;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import zoolog.protocol.txn.StoredNode;

/**
 * Converts between the tree's {@link Znode} and the store's {@link StoredNode}. Data arrays are
 * wrapped, not copied: znode data is never mutated in place (a setData replaces the array).
 */
public final class StoredNodes {
    private StoredNodes() {}

    public static StoredNode toStored(Znode node) {
        return StoredNode.newBuilder()
                .setData(node.data == null ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(node.data))
                .setDataNull(node.data == null)
                .addAllAcl(Acls.toEntries(node.acl))
                .setCzxid(node.czxid)
                .setMzxid(node.mzxid)
                .setPzxid(node.pzxid)
                .setCtime(node.ctime)
                .setMtime(node.mtime)
                .setVersion(node.version)
                .setCversion(node.cversion)
                .setAversion(node.aversion)
                .setEphemeralOwner(node.ephemeralOwner)
                .build();
    }

    public static Znode fromStored(StoredNode stored) {
        byte[] data = stored.getDataNull() ? null : stored.getData().toByteArray();
        Znode node = new Znode(data, Acls.fromEntries(stored.getAclList()), stored.getCzxid(), stored.getCtime(),
                stored.getEphemeralOwner());
        node.mzxid = stored.getMzxid();
        node.pzxid = stored.getPzxid();
        node.mtime = stored.getMtime();
        node.version = stored.getVersion();
        node.cversion = stored.getCversion();
        node.aversion = stored.getAversion();
        return node;
    }
}
