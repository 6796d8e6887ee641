package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static zoolog.coord.it.ZkAssertions.assertThrowsCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access control with the schemes the seeds and Kafka use: world, digest (user:password, stored as
 * user:base64(sha1)), auth (the creator's own identities) and ip. Each permission is checked where
 * ZooKeeper checks it: READ on the node for reads (exists included), WRITE for setData, CREATE and
 * DELETE on the parent, ADMIN for setACL, READ or ADMIN for getACL.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class AclIT {

    private static final String ALICE = "alice:secret";

    @Test
    void worldAnyoneWithAllPermissionsIsTheOpenAcl(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("acl-world");
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        assertEquals(List.of(new ACL(Perms.ALL, new Id("world", "anyone"))), zk.getACL(path, stat));
        assertEquals(0, stat.getAversion());

        Stat changed = zk.setACL(path, Ids.READ_ACL_UNSAFE, 0);
        assertEquals(1, changed.getAversion());
        assertEquals(0, changed.getVersion(), "an ACL change is not a data change");
        assertEquals(List.of(new ACL(Perms.READ, new Id("world", "anyone"))), zk.getACL(path, null));
        assertThrowsCode(Code.NOAUTH, () -> zk.setData(path, new byte[1], -1));
    }

    @Test
    void digestAclGuardsEveryOperationUntilTheUserAuthenticates(ZkClients clients) throws Exception {
        ZooKeeper owner = clients.connect();
        owner.addAuthInfo("digest", ALICE.getBytes(UTF_8));
        String path = UniquePaths.unique("acl-digest");
        Id alice = new Id("digest", DigestAuthenticationProvider.generateDigest(ALICE));
        owner.create(path, "secret".getBytes(UTF_8), acl(new ACL(Perms.ALL, alice)), CreateMode.PERSISTENT);
        owner.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(new ACL(Perms.ALL, alice)), owner.getACL(path, null));

        ZooKeeper stranger = clients.connect();
        // Apache ZooKeeper 3.9 checks READ for exists on an existing node (older servers did not);
        // a missing node has no ACL, so exists simply answers null.
        assertThrowsCode(Code.NOAUTH, () -> stranger.exists(path, false));
        assertNull(stranger.exists(path + "/missing", false));
        assertThrowsCode(Code.NOAUTH, () -> stranger.getData(path, false, null));
        assertThrowsCode(Code.NOAUTH, () -> stranger.getChildren(path, false));
        assertThrowsCode(Code.NOAUTH, () -> stranger.getACL(path, null));
        assertThrowsCode(Code.NOAUTH, () -> stranger.setData(path, new byte[1], -1));
        assertThrowsCode(Code.NOAUTH, () -> stranger.create(path + "/new", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrowsCode(Code.NOAUTH, () -> stranger.delete(path + "/child", -1));
        assertThrowsCode(Code.NOAUTH, () -> stranger.setACL(path, Ids.OPEN_ACL_UNSAFE, -1));

        // A wrong password is not refused at addAuthInfo: it is simply a different identity.
        stranger.addAuthInfo("digest", "alice:wrong".getBytes(UTF_8));
        assertThrowsCode(Code.NOAUTH, () -> stranger.getData(path, false, null));
        stranger.addAuthInfo("digest", ALICE.getBytes(UTF_8));
        assertArrayEquals("secret".getBytes(UTF_8), stranger.getData(path, false, null));
        stranger.delete(path + "/child", -1);
        assertEquals(1, stranger.setData(path, new byte[1], -1).getVersion());
    }

    @Test
    void eachPermissionBitGuardsItsOwnOperation(ZkClients clients) throws Exception {
        ZooKeeper owner = clients.connect();
        owner.addAuthInfo("digest", ALICE.getBytes(UTF_8));
        Id alice = new Id("digest", DigestAuthenticationProvider.generateDigest(ALICE));
        String path = UniquePaths.unique("acl-bits");
        owner.create(path, null, acl(new ACL(Perms.ALL, alice), new ACL(Perms.READ | Perms.CREATE, Ids.ANYONE_ID_UNSAFE)),
                CreateMode.PERSISTENT);
        owner.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        ZooKeeper stranger = clients.connect();
        stranger.getData(path, false, null);
        stranger.create(path + "/mine", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThrowsCode(Code.NOAUTH, () -> stranger.delete(path + "/mine", -1));
        assertThrowsCode(Code.NOAUTH, () -> stranger.setData(path, new byte[1], -1));
        assertThrowsCode(Code.NOAUTH, () -> stranger.setACL(path, Ids.OPEN_ACL_UNSAFE, -1));
        // The child's own open ACL governs its data; only deleting it needs the parent's DELETE.
        stranger.setData(path + "/child", new byte[1], -1);

        // With READ but not ADMIN, getACL hides the digest hashes.
        assertEquals(List.of(
                        new ACL(Perms.ALL, new Id("digest", "alice:x")),
                        new ACL(Perms.READ | Perms.CREATE, Ids.ANYONE_ID_UNSAFE)),
                stranger.getACL(path, null));
    }

    @Test
    void authSchemeGrantsTheCreatorsOwnIdentities(ZkClients clients) throws Exception {
        ZooKeeper owner = clients.connect();
        owner.addAuthInfo("digest", ALICE.getBytes(UTF_8));
        String path = UniquePaths.unique("acl-auth");
        owner.create(path, null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        Id alice = new Id("digest", DigestAuthenticationProvider.generateDigest(ALICE));
        assertEquals(List.of(new ACL(Perms.ALL, alice)), owner.getACL(path, null), "auth:: is stored as the creator's digest");

        ZooKeeper anonymous = clients.connect();
        assertThrowsCode(Code.NOAUTH, () -> anonymous.getData(path, false, null));
        // Without an authenticated identity there is nothing for auth:: to expand to; the
        // connection's implicit ip identity does not count.
        assertThrowsCode(Code.INVALIDACL,
                () -> anonymous.create(UniquePaths.unique("acl-auth-none"), null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
    }

    @Test
    void ipAclMatchesTheClientAddress(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String local = UniquePaths.unique("acl-ip-local");
        String remote = UniquePaths.unique("acl-ip-remote");
        zk.create(local, "here".getBytes(UTF_8), acl(new ACL(Perms.READ, new Id("ip", "127.0.0.1"))), CreateMode.PERSISTENT);
        zk.create(remote, null, acl(new ACL(Perms.ALL, new Id("ip", "10.0.0.0/8"))), CreateMode.PERSISTENT);

        assertArrayEquals("here".getBytes(UTF_8), zk.getData(local, false, null));
        assertThrowsCode(Code.NOAUTH, () -> zk.setData(local, new byte[1], -1));
        assertThrowsCode(Code.NOAUTH, () -> zk.getData(remote, false, null));
    }

    /** The official client refuses an empty ACL itself; the server must too, for other clients. */
    @Test
    void emptyOrUnknownAclsAnswerInvalidAcl(ZkClients clients) throws Exception {
        RawZooKeeper raw = clients.connectRaw();
        String path = UniquePaths.unique("acl-invalid");
        CreateRequest empty = new CreateRequest(path, new byte[0], List.of(), CreateMode.PERSISTENT.toFlag());
        assertEquals(Code.INVALIDACL.intValue(), raw.submit(OpCode.create, empty, new CreateResponse()));
        List<ACL> unknownScheme = List.of(new ACL(Perms.ALL, new Id("nosuchscheme", "x")));
        CreateRequest unknown = new CreateRequest(path, new byte[0], unknownScheme, CreateMode.PERSISTENT.toFlag());
        assertEquals(Code.INVALIDACL.intValue(), raw.submit(OpCode.create, unknown, new CreateResponse()));

        raw.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        SetACLRequest emptySet = new SetACLRequest(path, List.of(), -1);
        assertEquals(Code.INVALIDACL.intValue(), raw.submit(OpCode.setACL, emptySet, new SetACLResponse()));
        assertEquals(Ids.OPEN_ACL_UNSAFE, raw.getACL(path, null));
    }

    /**
     * A mutable ACL list: the official client's ACL check calls {@code contains(null)}, which
     * immutable {@code List.of} lists reject with a NullPointerException.
     */
    static List<ACL> acl(ACL... entries) {
        return new ArrayList<>(Arrays.asList(entries));
    }
}
