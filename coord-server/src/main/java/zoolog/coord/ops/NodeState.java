package zoolog.coord.ops;

import java.util.List;
import zoolog.coord.tree.Znode;
import zoolog.protocol.zk.Acl;

/**
 * What the preparer needs to know about a node to decide a write: versions, the stored cversion
 * (the next sequential suffix), owner, child count and ACL. Immutable, so a prepared change can be
 * recorded without copying the znode.
 */
record NodeState(int version, int cversion, int aversion, long ephemeralOwner, int numChildren, List<Acl> acl) {

    static NodeState of(Znode node) {
        return new NodeState(node.version(), node.storedCversion(), node.aversion(), node.ephemeralOwner(),
                node.numChildren(), node.acl());
    }

    NodeState withVersion(int newVersion) {
        return new NodeState(newVersion, cversion, aversion, ephemeralOwner, numChildren, acl);
    }

    NodeState withAcl(List<Acl> newAcl, int newAversion) {
        return new NodeState(version, cversion, newAversion, ephemeralOwner, numChildren, newAcl);
    }

    NodeState withChildAdded() {
        return new NodeState(version, cversion + 1, aversion, ephemeralOwner, numChildren + 1, acl);
    }

    NodeState withChildRemoved() {
        return new NodeState(version, cversion, aversion, ephemeralOwner, numChildren - 1, acl);
    }
}
