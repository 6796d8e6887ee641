"""The kazoo recipe checks (Lock, ReadLock/WriteLock, Semaphore, Election, Counter, Queue,
LockingQueue, Barrier, Party, TreeCache), as a mixin of kazoo_check.Checks.

Each recipe is driven from two or more clients, the way applications use them, so that the
server's sequential nodes, ephemerals, child watches and versioned writes meet real contention.
"""

import threading
import time

from kazoo.exceptions import LockTimeout

from kazoo_check_support import WAIT_SECONDS, expect, expect_raises, wait_for


class RecipeChecks:
    """Expects self.client() (a started extra client), self.zk and self.p(...) from Checks."""

    def check_lock(self):
        c1, c2 = self.client(), self.client()
        l1 = c1.Lock(self.p("lock"), "one")
        l2 = c2.Lock(self.p("lock"), "two")
        expect(l1.acquire(timeout=5), "first acquire")
        expect(not l2.acquire(blocking=False), "second acquire while held")
        expect_raises(LockTimeout, l2.acquire, timeout=0.5)
        expect(l2.contenders() == ["one"], "contenders %r" % (l2.contenders(),))
        got = []
        t = threading.Thread(target=lambda: got.append(l2.acquire(timeout=WAIT_SECONDS)))
        t.start()
        wait_for(lambda: len(l1.contenders()) == 2, "both contenders")
        expect(l1.contenders() == ["one", "two"], "contender order %r" % (l1.contenders(),))
        l1.release()
        t.join(WAIT_SECONDS)
        expect(got == [True], "second acquire after release %r" % got)
        # A lock held by a closed session is released by the server.
        c2.stop()
        expect(l1.acquire(timeout=5), "acquire after the holder's session closed")
        l1.release()

        rl1, rl2 = c1.ReadLock(self.p("rw")), self.zk.ReadLock(self.p("rw"))
        wl = self.client().WriteLock(self.p("rw"))
        expect(rl1.acquire(timeout=5) and rl2.acquire(timeout=5), "two readers")
        expect(not wl.acquire(blocking=False), "writer while readers hold")
        rl1.release()
        rl2.release()
        expect(wl.acquire(timeout=5), "writer after readers")
        wl.release()

        sem_clients = [self.client() for _ in range(3)]
        sems = [c.Semaphore(self.p("sem"), max_leases=2) for c in sem_clients]
        expect(sems[0].acquire(timeout=5) and sems[1].acquire(timeout=5), "two leases")
        expect(not sems[2].acquire(blocking=False), "third lease")
        sems[0].release()
        expect(sems[2].acquire(timeout=5), "third lease after release")
        for s in sems[1:]:
            s.release()

    def check_election(self):
        c1, c2 = self.client(), self.client()
        e1 = c1.Election(self.p("election"), "first")
        e2 = c2.Election(self.p("election"), "second")
        leader = []
        step_down = {"first": threading.Event(), "second": threading.Event()}

        def lead(name):
            leader.append(name)
            step_down[name].wait(WAIT_SECONDS * 2)

        t1 = threading.Thread(target=e1.run, args=(lead, "first"), daemon=True)
        t1.start()
        wait_for(lambda: leader == ["first"], "first leader")
        t2 = threading.Thread(target=e2.run, args=(lead, "second"), daemon=True)
        t2.start()
        wait_for(lambda: e1.contenders() == ["first", "second"], "contenders %r" % (e1.contenders(),))
        expect(leader == ["first"], "leaders %r" % leader)
        step_down["first"].set()
        wait_for(lambda: leader == ["first", "second"], "second leader, saw %r" % leader)
        step_down["second"].set()
        t1.join(WAIT_SECONDS)
        t2.join(WAIT_SECONDS)

    def check_counter(self):
        counters = [self.client().Counter(self.p("counter")) for _ in range(3)]
        counters[0] += 5
        expect(counters[1].value == 5, "counter value %r" % counters[1].value)

        def bump(counter):
            for _ in range(20):
                counter += 1

        threads = [threading.Thread(target=bump, args=(c,)) for c in counters]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT_SECONDS * 2)
        expect(counters[2].value == 65, "contended counter %r, want 65" % counters[2].value)
        counters[0] -= 15
        expect(counters[1].value == 50, "after decrement %r" % counters[1].value)
        fc = self.zk.Counter(self.p("fcounter"), default=0.0)
        fc += 2.5
        expect(fc.value == 2.5, "float counter %r" % fc.value)

    def check_queue(self):
        producer, consumer = self.client(), self.client()
        q = producer.Queue(self.p("queue"))
        for item, prio in ((b"low", 200), (b"a", 100), (b"b", 100), (b"urgent", 1)):
            q.put(item, priority=prio)
        expect(len(q) == 4, "queue length %d" % len(q))
        got = []
        cq = consumer.Queue(self.p("queue"))
        while True:
            item = cq.get()
            if item is None:
                break
            got.append(item)
        expect(got == [b"urgent", b"a", b"b", b"low"], "queue order %r" % got)

        lq = producer.LockingQueue(self.p("lqueue"))
        lq.put_all([b"x", b"y"])
        clq = consumer.LockingQueue(self.p("lqueue"))
        expect(clq.get(timeout=5) == b"x", "locking queue first item")
        other = self.client().LockingQueue(self.p("lqueue"))
        expect(other.get(timeout=5) == b"y", "second consumer skips the locked item")
        expect(clq.consume() and other.consume(), "consume")
        expect(len(lq) == 0, "locking queue empty, %d left" % len(lq))

    def check_other_recipes(self):
        c1, c2 = self.client(), self.client()
        barrier = c1.Barrier(self.p("barrier"))
        barrier.create()
        released = []
        t = threading.Thread(target=lambda: released.append(c2.Barrier(self.p("barrier")).wait(WAIT_SECONDS)))
        t.start()
        time.sleep(0.3)
        expect(not released, "barrier released early")
        barrier.remove()
        t.join(WAIT_SECONDS)
        expect(released == [True], "barrier wait %r" % released)

        party1, party2 = c1.Party(self.p("party"), "p1"), c2.Party(self.p("party"), "p2")
        party1.join()
        party2.join()
        expect(sorted(party1) == ["p1", "p2"] and len(party2) == 2, "party members %r" % sorted(party1))
        party2.leave()
        expect(list(party1) == ["p1"], "party after leave %r" % list(party1))

        from kazoo.recipe.cache import TreeCache, TreeEvent
        c1.create(self.p("cache", "a"), b"1", makepath=True)
        cache = TreeCache(c2, self.p("cache"))
        seen = []
        cache.listen(lambda ev: seen.append(ev.event_type))
        cache.start()
        wait_for(lambda: TreeEvent.INITIALIZED in seen, "TreeCache initialized")
        c1.create(self.p("cache", "b"), b"2")
        c1.set(self.p("cache", "a"), b"11")
        wait_for(lambda: (cache.get_data(self.p("cache", "b")) is not None
                          and cache.get_data(self.p("cache", "a")).data == b"11"),
                 "TreeCache updates")
        cache.close()
