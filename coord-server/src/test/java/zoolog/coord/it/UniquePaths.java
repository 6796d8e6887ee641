package zoolog.coord.it;

import java.util.concurrent.atomic.AtomicLong;

/** Unique top-level paths, so tests sharing one server never see each other's znodes. */
final class UniquePaths {

    private static final AtomicLong NEXT = new AtomicLong();

    private UniquePaths() {}

    /** {@code /<prefix>-<n>}, unique within this JVM. */
    static String unique(String prefix) {
        return "/" + prefix + "-" + NEXT.incrementAndGet();
    }
}
