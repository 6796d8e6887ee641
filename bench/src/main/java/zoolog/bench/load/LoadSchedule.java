package zoolog.bench.load;

/**
 * The phase boundaries of one run as {@link System#nanoTime} values: operations issued before
 * {@code measureStartNanos} are warm-up and not recorded; none are issued at or after
 * {@code measureEndNanos}. Fixed before the load threads start and shared read-only by them.
 */
record LoadSchedule(long measureStartNanos, long measureEndNanos) {
}
