package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The ZooKeeper client frame codec as the network adapter uses it. Decoders take one frame
 * without its length prefix; encoders append a whole frame, length prefix included, to
 * {@code out}. It is an interface so pipeline tests can run against a trivial fake, and
 * {@link ZkFrameCodec} forwards to the jute codec in {@code protocol}. Implementations are
 * stateless and safe to call from any thread.
 */
public interface FrameCodec {

    /** The first frame of a connection; strings and buffers longer than {@code lengthMax} fail. */
    ConnectRequest decodeConnectRequest(ByteBuf frame, int lengthMax) throws JuteException;

    /** A later frame: header plus body; {@code request} is null when the opcode is unknown. */
    DecodedFrame decodeRequest(ByteBuf frame, int lengthMax) throws JuteException;

    void encodeConnectResponse(ConnectResponse response, ByteBuf out);

    /** A ReplyHeader followed by {@code body} when {@code err} is zero. */
    void encodeReply(int xid, long zxid, int err, ZkResponse body, ByteBuf out);

    /** A watch event: ReplyHeader with xid -1, then the WatcherEvent. */
    void encodeNotification(long zxid, WatcherEvent event, ByteBuf out);

    /** A decoded request frame; {@code request} is null for an opcode this server does not know. */
    record DecodedFrame(int xid, int opCode, ZkRequest request) {}
}
