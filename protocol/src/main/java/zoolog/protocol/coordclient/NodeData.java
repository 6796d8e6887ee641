package zoolog.protocol.coordclient;

import zoolog.protocol.zk.Stat;

/** A znode's data (null when it was created with null data) and its Stat, as getData returns them. */
public record NodeData(byte[] data, Stat stat) {
}
