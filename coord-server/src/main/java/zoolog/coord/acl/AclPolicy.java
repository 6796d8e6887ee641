package zoolog.coord.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.Id;

/**
 * ACL checks for the schemes ZooKeeper ships: world, auth, digest and ip, plus the super user.
 * {@link #check} decides whether a connection's identities grant a permission on a node;
 * {@link #fixup} validates the ACL a client asks for and expands the {@code auth} scheme into the
 * creator's authenticated identities. Pure; called on the core thread.
 */
public final class AclPolicy {

    /** Identity whose ACL checks always pass (from zookeeper.DigestAuthenticationProvider.superDigest). */
    private final String superDigest;

    public AclPolicy(String superDigest) {
        this.superDigest = superDigest;
    }

    /** Whether {@code ids} hold {@code perm} under {@code acl}. */
    public boolean check(List<Acl> acl, int perm, List<Id> ids) {
        if (acl == null || acl.isEmpty()) {
            return true;
        }
        for (Id id : ids) {
            if (id.scheme().equals("super")) {
                return true;
            }
        }
        for (Acl entry : acl) {
            if ((entry.perms() & perm) == 0) {
                continue;
            }
            Id subject = entry.id();
            if (subject.scheme().equals("world") && subject.id().equals("anyone")) {
                return true;
            }
            for (Id id : ids) {
                if (id.scheme().equals(subject.scheme()) && matches(id, subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(Id id, Id subject) {
        if (subject.scheme().equals("ip")) {
            return ipMatches(id.id(), subject.id());
        }
        return id.id().equals(subject.id());
    }

    /**
     * The identity an {@code addauth} adds, or null when the credentials are rejected
     * (unknown scheme or malformed digest credentials). Jute lets a client send both as null.
     */
    public Id authenticate(String scheme, byte[] auth) {
        if (scheme == null || auth == null) {
            return null;
        }
        String credentials = new String(auth, java.nio.charset.StandardCharsets.UTF_8);
        if (!scheme.equals("digest")) {
            return null;
        }
        String digest = Digest.generate(credentials);
        if (digest == null) {
            return null;
        }
        if (superDigest != null && digest.equals(superDigest)) {
            return new Id("super", credentials.substring(0, credentials.indexOf(':')));
        }
        return new Id("digest", digest);
    }

    /**
     * Validates a requested ACL and expands {@code auth:} entries; null means INVALIDACL (empty
     * list, unknown scheme, malformed id, or {@code auth} without any authenticated identity).
     */
    public List<Acl> fixup(List<Acl> requested, List<Id> ids) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        Set<Acl> result = new LinkedHashSet<>();
        for (Acl entry : requested) {
            Id subject = entry.id();
            if (subject == null || subject.scheme() == null) {
                return null;
            }
            switch (subject.scheme()) {
                case "world" -> {
                    if (!"anyone".equals(subject.id())) {
                        return null;
                    }
                    result.add(entry);
                }
                case "auth" -> {
                    boolean any = false;
                    for (Id id : ids) {
                        if (id.scheme().equals("digest") || id.scheme().equals("super")) {
                            result.add(new Acl(entry.perms(), id));
                            any = true;
                        }
                    }
                    if (!any) {
                        return null;
                    }
                }
                case "digest" -> {
                    if (subject.id() == null || subject.id().indexOf(':') < 0) {
                        return null;
                    }
                    result.add(entry);
                }
                case "ip" -> {
                    if (subject.id() == null || !isValidIpPattern(subject.id())) {
                        return null;
                    }
                    result.add(entry);
                }
                default -> {
                    return null;
                }
            }
        }
        return new ArrayList<>(result);
    }

    private static boolean isValidIpPattern(String pattern) {
        return parseIpPattern(pattern) != null;
    }

    /** {address bytes, prefix bits as a one-element array} for "a.b.c.d[/bits]", or null. */
    private static byte[][] parseIpPattern(String pattern) {
        String[] parts = pattern.split("/", 2);
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int bits = address.length * 8;
            if (parts.length == 2) {
                bits = Integer.parseInt(parts[1]);
                if (bits < 0 || bits > address.length * 8) {
                    return null;
                }
            }
            return new byte[][] {address, {(byte) bits}};
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean ipMatches(String clientAddress, String pattern) {
        byte[][] parsed = parseIpPattern(pattern);
        byte[][] client = parseIpPattern(clientAddress);
        if (parsed == null || client == null || parsed[0].length != client[0].length) {
            return false;
        }
        int bits = parsed[1][0] & 0xFF;
        for (int i = 0; i < parsed[0].length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((parsed[0][i] & mask) != (client[0][i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
