package th.go.nhso.tabien.support;

import java.util.concurrent.atomic.AtomicLong;

import th.go.nhso.tabien.registry.NationalId;

/** Fresh valid national IDs for tests that create their own persons. */
public final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestIds() {
    }

    public static NationalId nextThai() {
        String twelve = "3" + String.format("%011d", NEXT.incrementAndGet() % 100_000_000_000L);
        return new NationalId(twelve + NationalId.checkDigit(twelve));
    }

    /** The same digits with the check digit off by one. */
    public static String withBadCheckDigit(NationalId id) {
        int wrong = (id.value().charAt(12) - '0' + 1) % 10;
        return id.value().substring(0, 12) + wrong;
    }
}
