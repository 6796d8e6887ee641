package zoolog.protocol.coordclient;

import java.util.concurrent.CompletableFuture;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * One request from submission to reply: the record to send, the watch its success registers (or
 * null), the path for error messages, and the future the {@code coord-client-events} thread
 * completes. Created on the caller's thread; {@code xid} is set by the I/O thread when it is sent.
 */
final class PendingRequest {

    final ZkRequest request;
    final String path;
    final WatchRegistry.Kind watchKind;
    final WatchListener watch;
    final CompletableFuture<ZkResponse> result = new CompletableFuture<>();
    int xid;

    PendingRequest(ZkRequest request, String path, WatchRegistry.Kind watchKind, WatchListener watch) {
        this.request = request;
        this.path = path;
        this.watchKind = watchKind;
        this.watch = watch;
    }
}
