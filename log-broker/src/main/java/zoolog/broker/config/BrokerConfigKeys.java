package zoolog.broker.config;

import java.util.Set;

/**
 * The server.properties keys Zoolog's broker accepts without a warning but does not act on yet:
 * replication, transactions, the log cleaner, quotas and other settings of a multi-broker Kafka
 * cluster that appear in Kafka's shipped file and in the seeds. Anything neither here nor read by
 * {@link BrokerConfig} is unknown and warned about.
 */
final class BrokerConfigKeys {

    static final Set<String> ACCEPTED_WITHOUT_EFFECT = Set.of(
            "offsets.topic.replication.factor", "offsets.topic.num.partitions", "offsets.retention.minutes",
            "offsets.commit.timeout.ms", "offsets.load.buffer.size",
            "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
            "transaction.state.log.num.partitions", "transaction.state.log.segment.bytes",
            "transactional.id.expiration.ms", "transaction.max.timeout.ms",
            "log.cleaner.enable", "log.cleaner.threads", "log.cleanup.policy", "log.cleaner.dedupe.buffer.size",
            "log.cleaner.delete.retention.ms", "log.cleaner.min.cleanable.ratio",
            "num.replica.fetchers", "replica.fetch.max.bytes", "replica.fetch.wait.max.ms",
            "replica.high.watermark.checkpoint.interval.ms", "replica.socket.timeout.ms",
            "replica.socket.receive.buffer.bytes", "unclean.leader.election.enable",
            "auto.leader.rebalance.enable", "leader.imbalance.check.interval.seconds",
            "controlled.shutdown.enable", "controlled.shutdown.max.retries", "broker.rack",
            "inter.broker.listener.name", "inter.broker.protocol.version", "listener.security.protocol.map",
            "security.inter.broker.protocol", "compression.type", "queued.max.requests", "log.preallocate",
            "zookeeper.set.acl", "zookeeper.max.in.flight.requests", "zookeeper.ssl.client.enable",
            "num.replica.alter.log.dirs.threads", "background.threads", "log.message.format.version",
            "group.max.size", "delete.records.purgatory.purge.interval.requests",
            "fetch.purgatory.purge.interval.requests", "producer.purgatory.purge.interval.requests",
            "jmx.port", "metric.reporters", "socket.listen.backlog.size", "host.name", "port", "advertised.host.name",
            "advertised.port");

    private BrokerConfigKeys() {}
}
