package zoolog.broker.metadata;

/** A live broker as {@code /brokers/ids/<id>} describes it. */
public record BrokerInfo(int id, String host, int port) {}
