package zoolog.protocol.zk;

import io.netty.buffer.ByteBuf;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.jute.JuteReader;
import zoolog.protocol.jute.JuteWriter;

/**
 * The ZooKeeper client wire protocol as pure functions between {@link ByteBuf}s and the records of
 * this package: no I/O, no state, safe from any thread. It sits between the Netty frame decoder
 * (which strips the 4-byte length prefix and enforces the frame limit) and the server's session
 * loop, and it is also the codec of Zoolog's own client.
 *
 * <pre>
 *  client → server   [len] ConnectRequest                      first frame of a connection
 *                    [len] RequestHeader{xid, type} body         every later frame
 *  server → client   [len] ConnectResponse                     first frame
 *                    [len] ReplyHeader{xid, zxid, err} body      body only when err == 0
 *                    [len] ReplyHeader{-1, zxid, 0} WatcherEvent a watch notification
 * </pre>
 *
 * Decoders take a frame without its length prefix and consume it from the reader index; they
 * ignore bytes after a complete record, as ZooKeeper does. Encoders append a whole length-prefixed
 * frame to {@code out}, reserving the prefix and back-filling it, so nothing is copied. Record
 * layouts are those of {@code zookeeper.jute}; {@link RequestBodies} and {@link ResponseBodies}
 * hold them. A client reads a server frame by first checking {@link #peekXid}: xid -1 is a
 * notification for {@link #decodeNotification}, anything else answers the oldest pending request
 * and goes to {@link #decodeReply} with that request's opcode, since reply bodies carry no type.
 */
public final class ZkCodec {

    /** Every frame starts with its payload length as a big-endian int. */
    public static final int LENGTH_PREFIX_BYTES = 4;
    /** {@code RequestHeader{int xid; int type}}. */
    public static final int REQUEST_HEADER_BYTES = 8;
    /** {@code ReplyHeader{int xid; long zxid; int err}}. */
    public static final int REPLY_HEADER_BYTES = 16;

    private ZkCodec() {}

    // ---- server side ------------------------------------------------------------------------

    /**
     * Reads a ConnectRequest; the trailing readOnly byte is optional (old clients omit it)
     * and {@code readOnlyPresent} records whether it was there, because the reply must mirror it.
     */
    public static ConnectRequest decodeConnectRequest(ByteBuf frame, int lengthMax) throws JuteException {
        JuteReader r = new JuteReader(frame, lengthMax);
        try {
            int protocolVersion = r.readInt();
            long lastZxidSeen = r.readLong();
            int timeoutMillis = r.readInt();
            long sessionId = r.readLong();
            byte[] password = r.readBuffer();
            boolean readOnlyPresent = r.remaining() > 0;
            boolean readOnly = readOnlyPresent && r.readBool();
            return new ConnectRequest(protocolVersion, lastZxidSeen, timeoutMillis, sessionId, password,
                    readOnly, readOnlyPresent);
        } catch (JuteException e) {
            throw new JuteException("connect request: " + e.getMessage());
        }
    }

    /**
     * Reads a RequestHeader and the body its opcode names. Multi and multiRead ops are decoded
     * too, and an op not allowed in that kind of multi is rejected. The request is null for an
     * opcode a client may not send on its own (see {@link DecodedRequest}).
     */
    public static DecodedRequest decodeRequest(ByteBuf frame, int lengthMax) throws JuteException {
        JuteReader r = new JuteReader(frame, lengthMax);
        if (r.remaining() < REQUEST_HEADER_BYTES) {
            throw new JuteException("truncated frame: request header needs " + REQUEST_HEADER_BYTES
                    + " bytes, " + r.remaining() + " remain");
        }
        int xid = r.readInt();
        int opCode = r.readInt();
        try {
            return new DecodedRequest(xid, opCode, RequestBodies.read(opCode, r));
        } catch (JuteException e) {
            throw new JuteException(OpCode.name(opCode) + " request (xid " + xid + "): " + e.getMessage());
        }
    }

    /** Appends a ConnectResponse frame: 40 bytes, or 41 with the readOnly byte. */
    public static void encodeConnectResponse(ConnectResponse response, ByteBuf out) {
        int start = beginFrame(out);
        JuteWriter w = new JuteWriter(out);
        w.writeInt(response.protocolVersion());
        w.writeInt(response.timeoutMillis());
        w.writeLong(response.sessionId());
        w.writeBuffer(response.password());
        if (response.includeReadOnly()) {
            w.writeBool(response.readOnly());
        }
        endFrame(out, start);
    }

    /**
     * Appends a reply frame: ReplyHeader, then {@code body} only when {@code err} is 0 and body is
     * not null (clients read a body only for err 0). Multi replies carry their errors inside the
     * results with err 0 in the header.
     */
    public static void encodeReply(int xid, long zxid, int err, ZkResponse body, ByteBuf out) {
        int start = beginFrame(out);
        out.writeInt(xid);
        out.writeLong(zxid);
        out.writeInt(err);
        if (err == 0 && body != null) {
            ResponseBodies.write(body, new JuteWriter(out));
        }
        endFrame(out, start);
    }

    /** Appends a watch notification frame: {@code ReplyHeader(-1, zxid, 0)} + WatcherEvent. */
    public static void encodeNotification(long zxid, WatcherEvent event, ByteBuf out) {
        int start = beginFrame(out);
        out.writeInt(Xid.NOTIFICATION);
        out.writeLong(zxid);
        out.writeInt(0);
        out.writeInt(event.type());
        out.writeInt(event.state());
        new JuteWriter(out).writeString(event.path());
        endFrame(out, start);
    }

    // ---- client side ------------------------------------------------------------------------

    /** Appends a ConnectRequest frame; the readOnly byte is written only if readOnlyPresent. */
    public static void encodeConnectRequest(ConnectRequest request, ByteBuf out) {
        int start = beginFrame(out);
        JuteWriter w = new JuteWriter(out);
        w.writeInt(request.protocolVersion());
        w.writeLong(request.lastZxidSeen());
        w.writeInt(request.timeoutMillis());
        w.writeLong(request.sessionId());
        w.writeBuffer(request.password());
        if (request.readOnlyPresent()) {
            w.writeBool(request.readOnly());
        }
        endFrame(out, start);
    }

    /**
     * Appends a request frame: {@code RequestHeader(xid, request.opCode())} + body. The caller
     * picks the xid, including the reserved ones (ping -2, auth -4, setWatches -8).
     *
     * @throws IllegalArgumentException when the record's opcode does not fit its layout or a
     *     multi holds an op that kind of multi may not hold
     */
    public static void encodeRequest(int xid, ZkRequest request, ByteBuf out) {
        int start = beginFrame(out);
        out.writeInt(xid);
        out.writeInt(request.opCode());
        RequestBodies.write(request, new JuteWriter(out));
        endFrame(out, start);
    }

    /**
     * Reads a ConnectResponse; {@code includeReadOnly} tells whether the server sent the readOnly
     * byte. Lengths are bounded by the frame itself, which the client's frame decoder bounds.
     */
    public static ConnectResponse decodeConnectResponse(ByteBuf frame) throws JuteException {
        JuteReader r = new JuteReader(frame, frame.readableBytes());
        try {
            int protocolVersion = r.readInt();
            int timeoutMillis = r.readInt();
            long sessionId = r.readLong();
            byte[] password = r.readBuffer();
            boolean includeReadOnly = r.remaining() > 0;
            boolean readOnly = includeReadOnly && r.readBool();
            return new ConnectResponse(protocolVersion, timeoutMillis, sessionId, password, readOnly,
                    includeReadOnly);
        } catch (JuteException e) {
            throw new JuteException("connect response: " + e.getMessage());
        }
    }

    /** The xid of a server frame, without consuming anything; -1 means a watch notification. */
    public static int peekXid(ByteBuf frame) throws JuteException {
        if (frame.readableBytes() < REPLY_HEADER_BYTES) {
            throw new JuteException("truncated frame: reply header needs " + REPLY_HEADER_BYTES
                    + " bytes, " + frame.readableBytes() + " remain");
        }
        return frame.getInt(frame.readerIndex());
    }

    /**
     * Reads a reply to a request of {@code requestOpCode}. The body is decoded only when err is 0;
     * replies without a body decode to {@link ZkResponse.Empty}.
     *
     * @throws JuteException also when the frame is a notification (xid -1)
     */
    public static DecodedReply decodeReply(ByteBuf frame, int requestOpCode) throws JuteException {
        JuteReader r = new JuteReader(frame, frame.readableBytes());
        int xid = peekXid(frame);
        if (xid == Xid.NOTIFICATION) {
            throw new JuteException("xid -1 is a watch notification, not a reply to "
                    + OpCode.name(requestOpCode));
        }
        r.readInt();
        long zxid = r.readLong();
        int err = r.readInt();
        if (err != 0) {
            return new DecodedReply(xid, zxid, err, null);
        }
        try {
            return new DecodedReply(xid, zxid, err, ResponseBodies.read(requestOpCode, r));
        } catch (JuteException e) {
            throw new JuteException(OpCode.name(requestOpCode) + " reply (xid " + xid + "): " + e.getMessage());
        }
    }

    /** Reads a watch notification: {@code ReplyHeader(-1, zxid, err)} + WatcherEvent{type, state, path}. */
    public static DecodedNotification decodeNotification(ByteBuf frame) throws JuteException {
        JuteReader r = new JuteReader(frame, frame.readableBytes());
        int xid = peekXid(frame);
        if (xid != Xid.NOTIFICATION) {
            throw new JuteException("xid " + xid + " is a reply, not a watch notification");
        }
        r.readInt();
        long zxid = r.readLong();
        r.readInt(); // err: always 0 on notifications
        try {
            int type = r.readInt();
            int state = r.readInt();
            return new DecodedNotification(zxid, new WatcherEvent(type, state, r.readString()));
        } catch (JuteException e) {
            throw new JuteException("watch notification: " + e.getMessage());
        }
    }

    /** Reserves the length prefix; returns where it sits. */
    private static int beginFrame(ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0);
        return start;
    }

    /** Back-fills the length prefix at {@code start} with the bytes written after it. */
    private static void endFrame(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start - LENGTH_PREFIX_BYTES);
    }
}
