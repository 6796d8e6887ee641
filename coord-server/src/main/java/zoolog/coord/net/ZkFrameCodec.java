package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.DecodedRequest;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkResponse;

/** The production {@link FrameCodec}: a thin forwarder to the jute codec {@link ZkCodec}. */
public final class ZkFrameCodec implements FrameCodec {

    @Override
    public ConnectRequest decodeConnectRequest(ByteBuf frame, int lengthMax) throws JuteException {
        return ZkCodec.decodeConnectRequest(frame, lengthMax);
    }

    @Override
    public DecodedFrame decodeRequest(ByteBuf frame, int lengthMax) throws JuteException {
        DecodedRequest decoded = ZkCodec.decodeRequest(frame, lengthMax);
        return new DecodedFrame(decoded.xid(), decoded.opCode(), decoded.request());
    }

    @Override
    public void encodeConnectResponse(ConnectResponse response, ByteBuf out) {
        ZkCodec.encodeConnectResponse(response, out);
    }

    @Override
    public void encodeReply(int xid, long zxid, int err, ZkResponse body, ByteBuf out) {
        ZkCodec.encodeReply(xid, zxid, err, body, out);
    }

    @Override
    public void encodeNotification(long zxid, WatcherEvent event, ByteBuf out) {
        ZkCodec.encodeNotification(zxid, event, out);
    }
}
