package zoolog.protocol.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZkBytesTest {

    @Test
    void aRequestSurvivesTheRoundTrip() throws Exception {
        ZkRequest.SetData request = new ZkRequest.SetData("/a", new byte[] {1, 2}, 3);
        DecodedRequest decoded = ZkBytes.decodeRequest(ZkBytes.request(7, request), 1 << 20);
        assertEquals(7, decoded.xid());
        assertEquals(request.opCode(), decoded.opCode());
        assertEquals("/a", ((ZkRequest.SetData) decoded.request()).path());
    }

    @Test
    void aMultiReplySurvivesTheRoundTrip() throws Exception {
        ZkResponse.Multi multi = new ZkResponse.Multi(List.of(new ZkResponse.OpResult.Error(ErrorCode.NO_NODE.code())));
        DecodedReply decoded = ZkBytes.decodeReply(ZkBytes.reply(9, 5L, 0, multi), OpCode.MULTI);
        assertEquals(multi, decoded.body());
    }
}
