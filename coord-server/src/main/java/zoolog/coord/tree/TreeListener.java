package zoolog.coord.tree;

/**
 * Told by {@link DataTree} about each change while a transaction is applied, in the order the
 * changes happen. The core uses it to fire watches and to collect the nodes the store must
 * rewrite; the tree itself knows nothing about either.
 */
public interface TreeListener {

    void nodeCreated(String path);

    void nodeDeleted(String path);

    void dataChanged(String path);

    void childrenChanged(String parentPath);

    /** Metadata only (ACL, or quota statistics): no watch fires, but the store must rewrite it. */
    void nodeTouched(String path);

    TreeListener NONE = new TreeListener() {
        public void nodeCreated(String path) {}

        public void nodeDeleted(String path) {}

        public void dataChanged(String path) {}

        public void childrenChanged(String parentPath) {}

        public void nodeTouched(String path) {}
    };
}
