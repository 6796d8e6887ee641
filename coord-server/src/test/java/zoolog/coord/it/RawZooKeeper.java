package zoolog.coord.it;

import java.io.IOException;
import org.apache.jute.Record;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;

/**
 * The official client with its client-side argument checks bypassed: it sends a request record as
 * given and returns the server's error code. Other clients (and older or buggy ones) do not validate
 * paths, so the server's own answer to an invalid request is part of the contract.
 */
@SuppressWarnings("try") // close() comes from ZooKeeper and may throw InterruptedException.
public final class RawZooKeeper extends ZooKeeper {

    RawZooKeeper(String connectString, int sessionTimeoutMillis, Watcher watcher) throws IOException {
        super(connectString, sessionTimeoutMillis, watcher);
    }

    /** Sends {@code request} with {@code opCode}; returns the reply's error code (0 = OK). */
    public int submit(int opCode, Record request, Record response) throws InterruptedException {
        RequestHeader header = new RequestHeader();
        header.setType(opCode);
        ReplyHeader reply = cnxn.submitRequest(header, request, response, null);
        return reply.getErr();
    }
}
