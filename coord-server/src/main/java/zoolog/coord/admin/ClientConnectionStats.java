package zoolog.coord.admin;

/**
 * One client socket as the network adapter counts it, copied at the moment a four-letter word
 * runs. {@code remoteAddress} is printed as is ({@code /127.0.0.1:50412}); {@code interestOps}
 * follows ZooKeeper's selection-key bits (1 = reading, 4 = waiting to write).
 */
public record ClientConnectionStats(
        long connectionId, String remoteAddress, int interestOps, long packetsReceived, long packetsSent) {
}
