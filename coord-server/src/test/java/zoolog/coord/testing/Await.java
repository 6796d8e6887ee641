package zoolog.coord.testing;

import java.util.function.BooleanSupplier;

/** Waits for something asynchronous with a bounded deadline, without sleeping a fixed time. */
public final class Await {
    private static final long DEADLINE_MILLIS = 10_000;

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
