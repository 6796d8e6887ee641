package zoolog.protocol.zk;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for every request, response and connect record of the ZooKeeper protocol.
 * Strings stay inside the Basic Multilingual Plane (1-, 2- and 3-byte UTF-8) so Apache's jute
 * encoder, which writes supplementary characters CESU-8 style, produces the same bytes as ours;
 * 4-byte UTF-8 is covered by the JuteReader/JuteWriter tests.
 */
final class ZkArbitraries {

    private ZkArbitraries() {}

    static Arbitrary<String> strings() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('a', 'z').withChars('/', '-', '.', '0')
                .ofMaxLength(24);
        Arbitrary<String> unicode = Arbitraries.strings()
                .withCharRange('\u0000', '\u07ff')
                .withCharRange('\u0800', '\ud7ff')
                .withCharRange('\ue000', '\uffff')
                .ofMaxLength(12);
        return Arbitraries.frequencyOf(
                Tuple.of(6, ascii),
                Tuple.of(2, unicode),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.1);
    }

    static Arbitrary<List<String>> stringLists() {
        return strings().list().ofMaxSize(4);
    }

    static Arbitrary<Stat> stats() {
        return Arbitraries.longs().list().ofSize(11).map(v -> new Stat(
                v.get(0), v.get(1), v.get(2), v.get(3),
                v.get(4).intValue(), v.get(5).intValue(), v.get(6).intValue(),
                v.get(7),
                v.get(8).intValue(), v.get(9).intValue(),
                v.get(10)));
    }

    static Arbitrary<Id> ids() {
        return Combinators.combine(strings(), strings()).as(Id::new);
    }

    static Arbitrary<List<Acl>> acls() {
        return Combinators.combine(Arbitraries.integers(), ids()).as(Acl::new).list().ofMaxSize(3);
    }

    // ---- requests ---------------------------------------------------------------------------

    static Arbitrary<ZkRequest> requests() {
        return Arbitraries.oneOf(List.of(
                creates(),
                Combinators.combine(strings(), Arbitraries.integers()).as(ZkRequest.Delete::new),
                Combinators.combine(strings(), Arbitraries.of(true, false)).as(ZkRequest.Exists::new),
                getData(),
                setData(),
                strings().map(ZkRequest.GetAcl::new),
                Combinators.combine(strings(), acls(), Arbitraries.integers()).as(ZkRequest.SetAcl::new),
                Combinators.combine(Arbitraries.of(OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2), strings(),
                        Arbitraries.of(true, false)).as(ZkRequest.GetChildren::new),
                strings().map(ZkRequest.Sync::new),
                multis(),
                multiReads(),
                Combinators.combine(strings(), strings(), strings(), Arbitraries.longs()).as(ZkRequest.Reconfig::new),
                Combinators.combine(Arbitraries.of(OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES), strings(),
                        Arbitraries.integers()).as(ZkRequest.RemoveWatches::new),
                Combinators.combine(Arbitraries.longs(), stringLists(), stringLists(), stringLists())
                        .as((z, d, e, c) -> new ZkRequest.SetWatches(OpCode.SET_WATCHES, z, d, e, c, List.of(), List.of())),
                Combinators.combine(Arbitraries.longs(), stringLists(), stringLists(), stringLists(), stringLists(),
                        stringLists()).as((z, d, e, c, p, r) -> new ZkRequest.SetWatches(OpCode.SET_WATCHES2, z, d, e, c, p, r)),
                Combinators.combine(strings(), Arbitraries.integers()).as(ZkRequest.AddWatch::new),
                strings().map(ZkRequest.GetEphemerals::new),
                strings().map(ZkRequest.GetAllChildrenNumber::new),
                Arbitraries.just(new ZkRequest.WhoAmI()),
                Arbitraries.just(new ZkRequest.CloseSession()),
                Arbitraries.just(new ZkRequest.Ping()),
                Combinators.combine(Arbitraries.integers(), strings(), bytes()).as(ZkRequest.Auth::new),
                bytes().map(ZkRequest.Sasl::new)));
    }

    static Arbitrary<ZkRequest> creates() {
        return Combinators.combine(
                        Arbitraries.of(OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL),
                        strings(), bytes(), acls(), Arbitraries.integers(), Arbitraries.longs())
                .as((op, path, data, acl, flags, ttl) ->
                        new ZkRequest.Create(op, path, data, acl, flags, op == OpCode.CREATE_TTL ? ttl : -1));
    }

    static Arbitrary<ZkRequest> getData() {
        return Combinators.combine(strings(), Arbitraries.of(true, false)).as(ZkRequest.GetData::new);
    }

    static Arbitrary<ZkRequest> setData() {
        return Combinators.combine(strings(), bytes(), Arbitraries.integers()).as(ZkRequest.SetData::new);
    }

    static Arbitrary<ZkRequest> multis() {
        Arbitrary<ZkRequest> op = Arbitraries.oneOf(List.of(
                creates(),
                Combinators.combine(strings(), Arbitraries.integers()).as(ZkRequest.Delete::new),
                setData(),
                Combinators.combine(strings(), Arbitraries.integers()).as(ZkRequest.Check::new)));
        return op.list().ofMaxSize(5).map(ops -> new ZkRequest.Multi(OpCode.MULTI, ops));
    }

    static Arbitrary<ZkRequest> multiReads() {
        Arbitrary<ZkRequest> op = Arbitraries.oneOf(List.of(
                getData(),
                Combinators.combine(strings(), Arbitraries.of(true, false))
                        .as((path, watch) -> new ZkRequest.GetChildren(OpCode.GET_CHILDREN, path, watch))));
        return op.list().ofMaxSize(5).map(ops -> new ZkRequest.Multi(OpCode.MULTI_READ, ops));
    }

    // ---- responses --------------------------------------------------------------------------

    static Arbitrary<ZkResponse> responses() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(ZkResponse.Empty.INSTANCE),
                strings().map(ZkResponse.Create::new),
                Combinators.combine(strings(), stats()).as(ZkResponse.Create2::new),
                stats().map(ZkResponse.StatOnly::new),
                Combinators.combine(bytes(), stats()).as(ZkResponse.GetData::new),
                Combinators.combine(acls(), stats()).as(ZkResponse.GetAcl::new),
                stringLists().map(ZkResponse.GetChildren::new),
                Combinators.combine(stringLists(), stats()).as(ZkResponse.GetChildren2::new),
                strings().map(ZkResponse.Sync::new),
                opResults().list().ofMaxSize(5).map(ZkResponse.Multi::new),
                Arbitraries.integers().map(ZkResponse.ErrorBody::new),
                stringLists().map(ZkResponse.GetEphemerals::new),
                Arbitraries.integers().map(ZkResponse.GetAllChildrenNumber::new),
                ids().list().ofMaxSize(3).map(ZkResponse.WhoAmI::new),
                bytes().map(ZkResponse.Sasl::new)));
    }

    static Arbitrary<ZkResponse.OpResult> opResults() {
        return Arbitraries.oneOf(List.of(
                strings().map(ZkResponse.OpResult.Create::new),
                Combinators.combine(strings(), stats()).as(ZkResponse.OpResult.Create2::new),
                Arbitraries.just(new ZkResponse.OpResult.Delete()),
                stats().map(ZkResponse.OpResult.SetData::new),
                Arbitraries.just(new ZkResponse.OpResult.Check()),
                Combinators.combine(bytes(), stats()).as(ZkResponse.OpResult.GetData::new),
                stringLists().map(ZkResponse.OpResult.GetChildren::new),
                Arbitraries.of(ErrorCode.values()).map(c -> new ZkResponse.OpResult.Error(c.code()))));
    }

    /** The opcode of a request whose successful reply has the shape of {@code body}. */
    static int requestOpCodeFor(ZkResponse body) {
        if (body instanceof ZkResponse.Empty) {
            return OpCode.DELETE;
        } else if (body instanceof ZkResponse.Create) {
            return OpCode.CREATE;
        } else if (body instanceof ZkResponse.Create2) {
            return OpCode.CREATE2;
        } else if (body instanceof ZkResponse.StatOnly) {
            return OpCode.SET_DATA;
        } else if (body instanceof ZkResponse.GetData) {
            return OpCode.GET_DATA;
        } else if (body instanceof ZkResponse.GetAcl) {
            return OpCode.GET_ACL;
        } else if (body instanceof ZkResponse.GetChildren) {
            return OpCode.GET_CHILDREN;
        } else if (body instanceof ZkResponse.GetChildren2) {
            return OpCode.GET_CHILDREN2;
        } else if (body instanceof ZkResponse.Sync) {
            return OpCode.SYNC;
        } else if (body instanceof ZkResponse.Multi) {
            return OpCode.MULTI;
        } else if (body instanceof ZkResponse.ErrorBody) {
            return OpCode.ADD_WATCH;
        } else if (body instanceof ZkResponse.GetEphemerals) {
            return OpCode.GET_EPHEMERALS;
        } else if (body instanceof ZkResponse.GetAllChildrenNumber) {
            return OpCode.GET_ALL_CHILDREN_NUMBER;
        } else if (body instanceof ZkResponse.WhoAmI) {
            return OpCode.WHO_AM_I;
        } else if (body instanceof ZkResponse.Sasl) {
            return OpCode.SASL;
        }
        throw new IllegalArgumentException("no request opcode for " + body);
    }

    // ---- connect ----------------------------------------------------------------------------

    static Arbitrary<ConnectRequest> connectRequests() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs(), Arbitraries.integers(),
                        Arbitraries.longs(), bytes(), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((version, zxid, timeout, session, password, readOnly, present) -> new ConnectRequest(
                        version, zxid, timeout, session, password, readOnly && present, present));
    }

    static Arbitrary<ConnectResponse> connectResponses() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.longs(), bytes(),
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((version, timeout, session, password, readOnly, include) -> new ConnectResponse(
                        version, timeout, session, password, readOnly && include, include));
    }

    static Arbitrary<WatcherEvent> watcherEvents() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), strings()).as(WatcherEvent::new);
    }
}
