package zoolog.coord.net.peer;

import com.google.protobuf.UnsafeByteOperations;
import java.util.List;
import java.util.stream.IntStream;
import zoolog.protocol.peer.Commit;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.Hello;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.Vote;

/** Small peer messages for transport tests; the zxid or leader field makes each one recognisable. */
final class PeerMessages {

    private PeerMessages() {}

    static PeerMessage commit(long zxid) {
        return PeerMessage.newBuilder().setCommit(Commit.newBuilder().setZxid(zxid)).build();
    }

    static List<PeerMessage> commits(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(PeerMessages::commit).toList();
    }

    static PeerMessage vote(int leader) {
        return PeerMessage.newBuilder().setVote(Vote.newBuilder().setLeader(leader).setZxid(7)).build();
    }

    static PeerMessage forwarded(int requestBytes) {
        return PeerMessage.newBuilder().setForward(ForwardedRequest.newBuilder()
                .setRequest(UnsafeByteOperations.unsafeWrap(new byte[requestBytes]))).build();
    }

    /** A whole frame, length prefix included, as a peer writes it. */
    static byte[] frame(byte[] body) {
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    static byte[] helloFrame(int sid) {
        return frame(Hello.newBuilder().setSid(sid).build().toByteArray());
    }

    static byte[] frame(PeerMessage message) {
        return frame(message.toByteArray());
    }

    /** A length prefix with no body, for lengths the receiver must refuse. */
    static byte[] lengthOnly(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
