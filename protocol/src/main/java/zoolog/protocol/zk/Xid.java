package zoolog.protocol.zk;

/** Reserved request/reply xids (ClientCnxn): everything else is a client-chosen positive counter. */
public final class Xid {
    public static final int NOTIFICATION = -1;
    public static final int PING = -2;
    public static final int AUTH = -4;
    public static final int SET_WATCHES = -8;

    private Xid() {}
}
