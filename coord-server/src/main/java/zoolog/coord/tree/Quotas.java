package zoolog.coord.tree;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soft quotas as ZooKeeper keeps them: a limit on a subtree P is the node
 * {@code /zookeeper/quota/P/zookeeper_limits} with data {@code count=N,bytes=M} (-1 = no limit),
 * and the server keeps {@code /zookeeper/quota/P/zookeeper_stats} up to date with the subtree's
 * node count and data bytes. Exceeding a limit only logs a WARN, as ZooKeeper does by default.
 * Owned by the core thread, as part of {@link DataTree}.
 */
final class Quotas {
    static final String QUOTA_ROOT = "/zookeeper/quota";
    static final String LIMITS_NODE = "zookeeper_limits";
    static final String STATS_NODE = "zookeeper_stats";

    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);

    private static final Pattern LEADING_NUMBER = Pattern.compile("-?[0-9]{1,18}");

    /** Quota'd subtree path → its limits; a prefix lookup walks a path's ancestors. */
    private final Map<String, long[]> limitsByPath = new HashMap<>();

    boolean isEmpty() {
        return limitsByPath.isEmpty();
    }

    /** The quota'd subtree a quota bookkeeping node belongs to, or null if it is not one. */
    static String quotaSubject(String path) {
        if (!path.startsWith(QUOTA_ROOT + "/")) {
            return null;
        }
        String name = PathRules.name(path);
        if (!name.equals(LIMITS_NODE) && !name.equals(STATS_NODE)) {
            return null;
        }
        String subject = PathRules.parent(path).substring(QUOTA_ROOT.length());
        return subject.isEmpty() ? null : subject;
    }

    void clear() {
        limitsByPath.clear();
    }

    void setLimits(String subject, byte[] data) {
        limitsByPath.put(subject, parse(data));
    }

    void removeLimits(String subject) {
        limitsByPath.remove(subject);
    }

    boolean hasLimits(String subject) {
        return limitsByPath.containsKey(subject);
    }

    /** The deepest quota'd ancestor-or-self of {@code path}, or null. */
    String governingSubject(String path) {
        if (limitsByPath.isEmpty() || path.startsWith(QUOTA_ROOT)) {
            return null;
        }
        String p = path;
        while (true) {
            if (limitsByPath.containsKey(p)) {
                return p;
            }
            if (p.equals(PathRules.ROOT)) {
                return null;
            }
            p = PathRules.parent(p);
        }
    }

    static String statsPath(String subject) {
        return QUOTA_ROOT + subject + "/" + STATS_NODE;
    }

    static byte[] render(long count, long bytes) {
        return ("count=" + count + ",bytes=" + bytes).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@code count=N,bytes=M[,...]} into {count, bytes}; missing or bad values read as -1.
     * zkCli 3.7+ writes {@code count=-1,bytes=8=;byteHardLimit=-1;countHardLimit=-1}, so fields
     * are split on both separators and a value is its leading number.
     */
    static long[] parse(byte[] data) {
        long[] result = {-1, -1};
        if (data == null) {
            return result;
        }
        for (String part : new String(data, StandardCharsets.UTF_8).split("[,;]")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            Matcher number = LEADING_NUMBER.matcher(kv[1].trim());
            if (!number.lookingAt()) {
                continue;
            }
            long value = Long.parseLong(number.group());
            switch (kv[0].trim()) {
                case "count" -> result[0] = value;
                case "bytes" -> result[1] = value;
                default -> { }
            }
        }
        return result;
    }

    void warnIfExceeded(String subject, long count, long bytes) {
        long[] limits = limitsByPath.get(subject);
        if (limits == null) {
            return;
        }
        if (limits[0] > -1 && count > limits[0]) {
            LOG.warn("Quota exceeded: {} count={} limit={}", subject, count, limits[0]);
        }
        if (limits[1] > -1 && bytes > limits[1]) {
            LOG.warn("Quota exceeded: {} bytes={} limit={}", subject, bytes, limits[1]);
        }
    }
}
