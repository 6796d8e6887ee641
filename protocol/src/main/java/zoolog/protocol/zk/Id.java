package zoolog.protocol.zk;

/** An authenticated identity or an ACL subject: {@code scheme:id}, e.g. {@code world:anyone}. */
public record Id(String scheme, String id) {
    public static final Id ANYONE = new Id("world", "anyone");

    @Override
    public String toString() {
        return scheme + ":" + id;
    }
}
