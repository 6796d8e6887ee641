package zoolog.protocol.coordclient;

import zoolog.protocol.zk.Watches;

/** A fired watch: what happened to which znode. */
public record WatchEvent(Type type, String path) {

    public enum Type {
        NODE_CREATED(Watches.EVENT_NODE_CREATED),
        NODE_DELETED(Watches.EVENT_NODE_DELETED),
        NODE_DATA_CHANGED(Watches.EVENT_NODE_DATA_CHANGED),
        NODE_CHILDREN_CHANGED(Watches.EVENT_NODE_CHILDREN_CHANGED);

        private final int wireType;

        Type(int wireType) {
            this.wireType = wireType;
        }

        /** The type for a WatcherEvent's wire type, or null for one no znode watch fires with. */
        static Type of(int wireType) {
            for (Type type : values()) {
                if (type.wireType == wireType) {
                    return type;
                }
            }
            return null;
        }
    }
}
