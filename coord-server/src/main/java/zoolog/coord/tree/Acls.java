package zoolog.coord.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import zoolog.protocol.txn.AclEntry;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.Id;

/**
 * Conversions between wire ACLs and their protobuf form, with interning: most znodes share a
 * handful of ACL lists, so the tree keeps one immutable copy of each (ZooKeeper does the same
 * with its reference-counted ACL cache). Thread-safe, because several servers may share a JVM in tests.
 */
public final class Acls {
    /** Interned lists stop growing past this; later distinct lists are simply not shared. */
    private static final int INTERNED_LISTS_MAX = 10_000;
    private static final Map<List<Acl>, List<Acl>> INTERNED = new ConcurrentHashMap<>();

    private Acls() {}

    public static List<Acl> intern(List<Acl> acl) {
        List<Acl> copy = List.copyOf(acl);
        List<Acl> shared = INTERNED.get(copy);
        if (shared != null) {
            return shared;
        }
        if (INTERNED.size() < INTERNED_LISTS_MAX) {
            shared = INTERNED.putIfAbsent(copy, copy);
        }
        return shared != null ? shared : copy;
    }

    public static List<Acl> fromEntries(List<AclEntry> entries) {
        List<Acl> acl = new ArrayList<>(entries.size());
        for (AclEntry e : entries) {
            acl.add(new Acl(e.getPerms(), new Id(e.getScheme(), e.getId())));
        }
        return intern(acl);
    }

    public static List<AclEntry> toEntries(List<Acl> acl) {
        List<AclEntry> entries = new ArrayList<>(acl.size());
        for (Acl a : acl) {
            entries.add(AclEntry.newBuilder().setPerms(a.perms()).setScheme(a.id().scheme()).setId(a.id().id()).build());
        }
        return entries;
    }
}
