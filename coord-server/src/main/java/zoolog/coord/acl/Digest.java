package zoolog.coord.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The digest auth scheme: a client authenticates with {@code user:password}, and ACLs name
 * {@code user:base64(sha1("user:password"))}, so passwords never appear in ACLs.
 */
public final class Digest {
    private Digest() {}

    /** {@code user:password} → {@code user:base64(sha1(user:password))}, or null if malformed. */
    public static String generate(String userAndPassword) {
        int colon = userAndPassword.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(userAndPassword.getBytes(StandardCharsets.UTF_8));
            return userAndPassword.substring(0, colon) + ":" + Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }
}
