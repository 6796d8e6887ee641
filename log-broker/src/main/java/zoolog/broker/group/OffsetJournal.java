package zoolog.broker.group;

import java.util.List;

/**
 * How the pure {@link GroupCoordinator} asks for committed offsets to be made durable without
 * doing I/O itself. {@link GroupService} implements it with a synced write to
 * {@code BrokerStateDb}'s GROUP_OFFSETS family on the group-core thread; tests implement it in
 * memory. The coordinator answers a commit only after {@link #persist} returned true, so an
 * acknowledged offset survives a crash.
 */
public interface OffsetJournal {

    /** A put ({@code value != null}) or delete ({@code value == null}) of one committed offset. */
    record Change(OffsetKey key, CommittedOffset value) {}

    /** Makes all {@code changes} durable, atomically, before returning; false when the store failed. */
    boolean persist(List<Change> changes);
}
