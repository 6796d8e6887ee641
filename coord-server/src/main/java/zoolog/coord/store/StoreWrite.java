package zoolog.coord.store;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;

/**
 * One request queued for the store's writer thread. Data writes ({@link Durable},
 * {@link Materialize}, {@link PutMeta}) are folded into the next group WriteBatch in call order;
 * barriers ({@link Flush}, {@link Snapshot}, {@link Purge}) first write everything queued before
 * them, then run, so they see every earlier write.
 */
sealed interface StoreWrite {

    /** A synced write the caller learns about through {@code onDurable(token)}. */
    record Durable(long token, DurableOp op) implements StoreWrite {}

    record Materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) implements StoreWrite {}

    /** A durable meta write (synced like an append); {@code done} completes once it is durable. */
    record PutMeta(String key, byte[] value, CompletableFuture<Void> done) implements StoreWrite {}

    record Flush(CompletableFuture<Void> done) implements StoreWrite {}

    record Snapshot(CompletableFuture<Path> done) implements StoreWrite {}

    record Purge(int snapRetainCount, CompletableFuture<Integer> done) implements StoreWrite {}
}
