package zoolog.protocol.zk;

/**
 * A watch notification after {@link ZkCodec#decodeNotification}: the zxid of its ReplyHeader
 * (-1 from 3.8 servers, the triggering zxid from 3.9) and the event.
 */
public record DecodedNotification(long zxid, WatcherEvent event) {
}
