package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Perms;
import zoolog.protocol.zk.Watches;
import zoolog.protocol.zk.Xid;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkRequest;

/**
 * Frames for the bad-input test: one valid, length-prefixed request frame per kind of request a
 * client may send (built with the production codec, all aimed at a sandbox path the healthy
 * client never touches), frames with null strings and lists where the protocol allows them
 * on the wire, and mutations of any frame (bit flips, extreme ints, truncation, extension, a
 * wrong length prefix). Randomness comes from the caller's seeded {@link Random}.
 */
final class BadFrames {

    static final String SANDBOX = "/bad";
    private static final List<Acl> OPEN = List.of(new Acl(Perms.ALL, new Id("world", "anyone")));
    private static final int[] EXTREME_INTS = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xfffff, 0x100000, -2};
    /** A session password's length as ZooKeeper issues it; a new session sends zeros. */
    static final int PASSWORD_BYTES = 16;
    /** Random bytes appended by the "extend" mutation, at most. */
    private static final int EXTENSION_BYTES_MAX = 64;

    private BadFrames() {}

    /** A frame and what it is, for failure messages. */
    record Named(String name, byte[] frame) {}

    /** A valid new-session ConnectRequest frame. */
    static byte[] connectFrame() {
        ByteBuf out = Unpooled.buffer();
        ZkCodec.encodeConnectRequest(new ConnectRequest(0, 0, RawConnection.SESSION_TIMEOUT_MILLIS, 0,
                new byte[PASSWORD_BYTES], false, true), out);
        return ByteBufUtil.getBytes(out);
    }

    /** One valid request frame for every request kind, as the official client would send it. */
    static List<Named> validRequests() {
        String node = SANDBOX + "/node";
        List<Named> frames = new ArrayList<>();
        int xid = 1;
        for (int op : new int[] {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER}) {
            frames.add(named(xid++, new ZkRequest.Create(op, node, "data".getBytes(UTF_8), OPEN, 0, -1)));
        }
        frames.add(named(xid++, new ZkRequest.Create(OpCode.CREATE, node + "-", null, OPEN, 3, -1)));
        frames.add(named(xid++, new ZkRequest.Create(OpCode.CREATE_TTL, node + "-ttl", new byte[0], OPEN, 5, 60_000)));
        frames.add(named(xid++, new ZkRequest.Delete(node, -1)));
        frames.add(named(xid++, new ZkRequest.Exists(node, true)));
        frames.add(named(xid++, new ZkRequest.GetData(node, true)));
        frames.add(named(xid++, new ZkRequest.SetData(node, "new".getBytes(UTF_8), 0)));
        frames.add(named(xid++, new ZkRequest.GetAcl(node)));
        frames.add(named(xid++, new ZkRequest.SetAcl(node, List.of(new Acl(Perms.READ, new Id("digest", "u:p"))), -1)));
        frames.add(named(xid++, new ZkRequest.GetChildren(OpCode.GET_CHILDREN, SANDBOX, true)));
        frames.add(named(xid++, new ZkRequest.GetChildren(OpCode.GET_CHILDREN2, SANDBOX, false)));
        frames.add(named(xid++, new ZkRequest.Sync(SANDBOX)));
        frames.add(named(xid++, new ZkRequest.Multi(OpCode.MULTI, List.of(
                new ZkRequest.Create(OpCode.CREATE, node + "-m", new byte[1], OPEN, 0, -1),
                new ZkRequest.Check(node + "-m", 0),
                new ZkRequest.SetData(node + "-m", new byte[2], 0),
                new ZkRequest.Delete(node + "-m", -1)))));
        frames.add(named(xid++, new ZkRequest.Multi(OpCode.MULTI_READ, List.of(
                new ZkRequest.GetData(node, false), new ZkRequest.GetChildren(OpCode.GET_CHILDREN, SANDBOX, false)))));
        frames.add(named(xid++, new ZkRequest.Reconfig("server.1=127.0.0.1:2888:3888", null, null, -1)));
        frames.add(named(xid++, new ZkRequest.RemoveWatches(OpCode.CHECK_WATCHES, node, Watches.TYPE_ANY)));
        frames.add(named(xid++, new ZkRequest.RemoveWatches(OpCode.REMOVE_WATCHES, node, Watches.TYPE_DATA)));
        frames.add(named(xid++, new ZkRequest.AddWatch(SANDBOX, Watches.ADD_WATCH_PERSISTENT_RECURSIVE)));
        frames.add(named(xid++, new ZkRequest.GetEphemerals(SANDBOX)));
        frames.add(named(xid++, new ZkRequest.GetAllChildrenNumber(SANDBOX)));
        frames.add(named(xid++, new ZkRequest.WhoAmI()));
        frames.add(named(Xid.SET_WATCHES, new ZkRequest.SetWatches(OpCode.SET_WATCHES, 0,
                List.of(node), List.of(node + "-x"), List.of(SANDBOX), List.of(), List.of())));
        frames.add(named(Xid.SET_WATCHES, new ZkRequest.SetWatches(OpCode.SET_WATCHES2, 0,
                List.of(node), List.of(), List.of(SANDBOX), List.of(SANDBOX), List.of(node))));
        frames.add(named(Xid.PING, new ZkRequest.Ping()));
        frames.add(named(Xid.AUTH, new ZkRequest.Auth(0, "digest", "user:secret".getBytes(UTF_8))));
        frames.add(named(xid++, new ZkRequest.Sasl(new byte[] {1, 2, 3})));
        frames.add(named(xid, new ZkRequest.CloseSession()));
        return frames;
    }

    /**
     * Requests whose strings, buffers or lists are null (-1 on the wire): the jute codec accepts
     * them, so the server must answer them with an error rather than trip over them.
     */
    static List<Named> nullFields() {
        List<Named> frames = new ArrayList<>();
        int xid = 100;
        frames.add(named(xid++, new ZkRequest.Create(OpCode.CREATE, null, null, OPEN, 0, -1)));
        frames.add(named(xid++, new ZkRequest.Create(OpCode.CREATE2, SANDBOX + "/null-acl", null, null, 0, -1)));
        frames.add(named(xid++, new ZkRequest.Create(OpCode.CREATE, SANDBOX + "/null-id", null,
                List.of(new Acl(Perms.ALL, new Id(null, null))), 0, -1)));
        frames.add(named(xid++, new ZkRequest.Create(OpCode.CREATE, SANDBOX + "/null-digest", null,
                List.of(new Acl(Perms.ALL, new Id("digest", null))), 0, -1)));
        frames.add(named(xid++, new ZkRequest.Delete(null, -1)));
        frames.add(named(xid++, new ZkRequest.Exists(null, true)));
        frames.add(named(xid++, new ZkRequest.GetData(null, true)));
        frames.add(named(xid++, new ZkRequest.SetData(null, null, -1)));
        frames.add(named(xid++, new ZkRequest.SetData(SANDBOX, null, -1)));
        frames.add(named(xid++, new ZkRequest.GetAcl(null)));
        frames.add(named(xid++, new ZkRequest.SetAcl(SANDBOX, null, -1)));
        frames.add(named(xid++, new ZkRequest.SetAcl(null, List.of(new Acl(Perms.ALL, new Id("ip", null))), -1)));
        frames.add(named(xid++, new ZkRequest.GetChildren(OpCode.GET_CHILDREN2, null, true)));
        frames.add(named(xid++, new ZkRequest.Sync(null)));
        frames.add(named(xid++, new ZkRequest.Multi(OpCode.MULTI, Arrays.asList(
                new ZkRequest.Create(OpCode.CREATE, null, null, null, 0, -1), new ZkRequest.Delete(null, -1)))));
        frames.add(named(xid++, new ZkRequest.Multi(OpCode.MULTI_READ, List.of(new ZkRequest.GetData(null, true)))));
        frames.add(named(xid++, new ZkRequest.Reconfig(null, null, null, -1)));
        frames.add(named(xid++, new ZkRequest.RemoveWatches(OpCode.REMOVE_WATCHES, null, Watches.TYPE_ANY)));
        frames.add(named(xid++, new ZkRequest.AddWatch(null, Watches.ADD_WATCH_PERSISTENT)));
        frames.add(named(xid++, new ZkRequest.GetEphemerals(null)));
        frames.add(named(xid++, new ZkRequest.GetAllChildrenNumber(null)));
        frames.add(named(Xid.SET_WATCHES, new ZkRequest.SetWatches(OpCode.SET_WATCHES2, 0,
                Arrays.asList(null, SANDBOX), Arrays.asList((String) null), Arrays.asList((String) null),
                Arrays.asList((String) null), Arrays.asList((String) null))));
        frames.add(named(Xid.AUTH, new ZkRequest.Auth(0, null, null)));
        frames.add(named(Xid.AUTH, new ZkRequest.Auth(0, "digest", null)));
        frames.add(named(xid, new ZkRequest.Sasl(null)));
        return frames;
    }

    /** The request's frame, named after the request record (nulls and all). */
    private static Named named(int xid, ZkRequest request) {
        return new Named(request.toString(), request(xid, request));
    }

    static byte[] request(int xid, ZkRequest request) {
        ByteBuf out = Unpooled.buffer();
        ZkCodec.encodeRequest(xid, request, out);
        return ByteBufUtil.getBytes(out);
    }

    /** A frame of just a RequestHeader with {@code opCode} and no body. */
    static byte[] headerOnly(int xid, int opCode) {
        return ByteBuffer.allocate(12).putInt(8).putInt(xid).putInt(opCode).array();
    }

    /** A length prefix and nothing else. */
    static byte[] lengthOnly(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    /** {@code frame} (with its length prefix) damaged in one of several ways. */
    static byte[] mutate(byte[] frame, Random random) {
        byte[] bytes = frame.clone();
        int bodyLength = bytes.length - ZkCodec.LENGTH_PREFIX_BYTES;
        switch (random.nextInt(7)) {
            case 0 -> {
                int at = ZkCodec.LENGTH_PREFIX_BYTES + random.nextInt(bodyLength);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                return bytes;
            }
            case 1 -> {
                int at = ZkCodec.LENGTH_PREFIX_BYTES + random.nextInt(bodyLength);
                bytes[at] = (byte) random.nextInt(256);
                return bytes;
            }
            case 2 -> {
                int at = ZkCodec.LENGTH_PREFIX_BYTES + random.nextInt(Math.max(1, bodyLength - 3));
                int value = EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
                if (at + 4 <= bytes.length) {
                    ByteBuffer.wrap(bytes).putInt(at, value);
                }
                return bytes;
            }
            case 3 -> {
                return withLength(Arrays.copyOf(bytes, ZkCodec.LENGTH_PREFIX_BYTES + random.nextInt(bodyLength)));
            }
            case 4 -> {
                return Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
            }
            case 5 -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(EXTENSION_BYTES_MAX));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return withLength(longer);
            }
            default -> {
                ByteBuffer.wrap(bytes).putInt(0, random.nextInt(bodyLength * 2 + 1) - 2);
                return bytes;
            }
        }
    }

    /** Random bytes, {@code 1..lengthMax} of them. */
    static byte[] garbage(Random random, int lengthMax) {
        byte[] bytes = new byte[1 + random.nextInt(lengthMax)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Re-writes the length prefix to match the bytes after it. */
    private static byte[] withLength(byte[] bytes) {
        ByteBuffer.wrap(bytes).putInt(0, bytes.length - ZkCodec.LENGTH_PREFIX_BYTES);
        return bytes;
    }
}
