package zoolog.broker.api;

/** This broker as clients are told of it: id, advertised address, and the cluster it belongs to. */
public record BrokerIdentity(int brokerId, String host, int port, String clusterId) {}
