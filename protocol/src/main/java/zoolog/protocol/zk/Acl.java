package zoolog.protocol.zk;

import java.util.List;

/** One access control entry: permission bits granted to an identity. */
public record Acl(int perms, Id id) {
    public static final List<Acl> OPEN_ACL_UNSAFE = List.of(new Acl(Perms.ALL, Id.ANYONE));
    public static final List<Acl> READ_ACL_UNSAFE = List.of(new Acl(Perms.READ, Id.ANYONE));
}
