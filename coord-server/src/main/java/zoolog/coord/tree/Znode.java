package zoolog.coord.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.Stat;

/**
 * One node of the in-memory data tree. Mutable, owned by the core thread, and changed only by
 * {@link DataTree} while applying a transaction. {@code cversion} is the stored count of child
 * creations; {@link #stat()} translates it into the creates-plus-deletes value clients see.
 */
public final class Znode {
    byte[] data;
    List<Acl> acl;
    long czxid;
    long mzxid;
    long pzxid;
    long ctime;
    long mtime;
    int version;
    int cversion;
    int aversion;
    long ephemeralOwner;
    final Set<String> children = new HashSet<>(4);

    Znode(byte[] data, List<Acl> acl, long zxid, long timeMillis, long ephemeralOwner) {
        this.data = data;
        this.acl = acl;
        this.czxid = zxid;
        this.mzxid = zxid;
        this.pzxid = zxid;
        this.ctime = timeMillis;
        this.mtime = timeMillis;
        this.ephemeralOwner = ephemeralOwner;
    }

    public byte[] data() {
        return data;
    }

    public List<Acl> acl() {
        return acl;
    }

    public int version() {
        return version;
    }

    /** Stored cversion: child creations ever; the next sequential suffix. */
    public int storedCversion() {
        return cversion;
    }

    public int aversion() {
        return aversion;
    }

    public long ephemeralOwner() {
        return ephemeralOwner;
    }

    public long mzxid() {
        return mzxid;
    }

    public long pzxid() {
        return pzxid;
    }

    public long mtime() {
        return mtime;
    }

    public int numChildren() {
        return children.size();
    }

    public int dataLength() {
        return data == null ? 0 : data.length;
    }

    /** Child names in no particular order, as ZooKeeper returns them. */
    public List<String> childNames() {
        return new ArrayList<>(children);
    }

    public Stat stat() {
        int numChildren = children.size();
        return new Stat(czxid, mzxid, ctime, mtime, version, cversion * 2 - numChildren, aversion,
                EphemeralType.clientOwner(ephemeralOwner), dataLength(), numChildren, pzxid);
    }
}
