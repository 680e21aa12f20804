package th.go.nhso.tabien.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One process's or thread's line of {@code /proc/.../stat} (Linux), as the benchmarks read
 * CPU from it: its name, its parent, and CPU ticks (1/100 s, USER_HZ) of its own and of the
 * children it has reaped; and the whole machine's ticks from {@code /proc/stat}.
 */
public record ProcStat(String name, long parentPid, long ownTicks, long reapedChildrenTicks) {

    public static final double TICKS_PER_SECOND = 100;

    /** Empty when the process has ended. */
    public static Optional<ProcStat> of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Empty when the process or thread has ended. */
    public static Optional<ProcStat> read(Path statFile) {
        String stat;
        try {
            stat = Files.readString(statFile);
        } catch (IOException ended) {
            return Optional.empty();
        }
        // the name in parentheses may hold spaces; after it come the fields from the third (state)
        // on: ppid is the 4th, utime the 14th, stime the 15th, cutime the 16th, cstime the 17th
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Optional.of(new ProcStat(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')), Long.parseLong(f[1]),
                Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])));
    }

    /**
     * The whole machine's CPU ticks since boot, from the first line of /proc/stat. Steal (time
     * the hypervisor gave this VM's CPUs to others) is part of busy and also kept apart: a run
     * with much of it measured a slower machine.
     */
    public record Machine(long busy, long idle, long steal) {

        public long total() {
            return busy + idle;
        }
    }

    /** cpu user nice system idle iowait irq softirq steal: idle and iowait are idle, the rest busy. */
    public static Machine machine() {
        String[] f;
        try {
            f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long all = 0;
        for (int i = 1; i <= 8; i++) {
            all += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new Machine(all - idle, idle, Long.parseLong(f[8]));
    }

    /** CPU ticks of this JVM's live threads whose name passes the test (a thread that ended drops out). */
    public static long ownThreadTicks(Predicate<String> name) throws IOException {
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            return threads.map(thread -> read(thread.resolve("stat"))).flatMap(Optional::stream)
                    .filter(thread -> name.test(thread.name())).mapToLong(ProcStat::ownTicks).sum();
        }
    }

    /** A process's CPU ticks, with those of its reaped children if asked; 0 when it has just ended. */
    public static long ticks(long pid, boolean withReapedChildren) {
        return of(pid).map(s -> withReapedChildren ? s.ownTicks() + s.reapedChildrenTicks() : s.ownTicks()).orElse(0L);
    }
}
