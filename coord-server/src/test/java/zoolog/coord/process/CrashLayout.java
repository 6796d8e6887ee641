package zoolog.coord.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the crash test's writes go, all under one root: unique persistent names in
 * {@code nodes}, sequential children of the shared parent {@code seq}, the shared counters
 * {@code counters/c0..}, and ephemerals in {@code ephemerals}. The scaffolding is created once,
 * before any load, so every other znode under the root is the result of a load's write.
 */
record CrashLayout(String root) {

    /** Shared counters that the sessions contend on with setData. */
    static final int COUNTERS = 4;

    String nodes() {
        return root + "/nodes";
    }

    String sequential() {
        return root + "/seq";
    }

    /** What a session passes to a sequential create; the server appends a 10-digit suffix. */
    String sequentialPrefix(String tag) {
        return sequential() + "/" + tag + "-";
    }

    String counters() {
        return root + "/counters";
    }

    /** Counter {@code i mod COUNTERS}. */
    String counter(int i) {
        return counters() + "/c" + Math.floorMod(i, COUNTERS);
    }

    String ephemerals() {
        return root + "/ephemerals";
    }

    /** The persistent znodes the test creates before the load, parents first. */
    List<String> scaffolding() {
        List<String> paths = new ArrayList<>(List.of(root, nodes(), sequential(), counters(), ephemerals()));
        for (int i = 0; i < COUNTERS; i++) {
            paths.add(counter(i));
        }
        return paths;
    }
}
