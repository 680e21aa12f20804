package th.go.nhso.tabien.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up for the benchmarks: repeats a round of the work until the JIT compilers are quiet.
 * <p>
 * A fixed short warm-up measured the compilers, not Tabien: with Spring, Tomcat and Camunda
 * the JIT was still compiling thousands of methods a minute later and took about one of the
 * machine's two cores (flight recordings of the authen and birth benchmarks, 2026-12), so the
 * first variant measured paid for the second one's warm-up. A node in production runs for
 * weeks: steady state is what it serves. The JIT's share is printed, so a reader sees whether
 * a measurement was quiet.
 */
public final class JitWarmUp {

    /** Below this share of one core spent compiling during a round, the JIT counts as quiet. */
    public static final double QUIET_CORES = Double.parseDouble(System.getProperty("bench.jit-quiet", "0.10"));
    /**
     * Quiet rounds in a row that end the warm-up: one quiet round happens by chance while C2 is
     * still recompiling (birth benchmark: a 0.09-core round, then 0.37 cores in the measured run).
     */
    private static final int QUIET_ROUNDS = Integer.getInteger("bench.quiet-rounds", 2);
    private static final int MAX_ROUNDS = Integer.getInteger("bench.warmup-rounds", 40);

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final long NANOS_PER_TICK = (long) (1e9 / ProcStat.TICKS_PER_SECOND);

    private JitWarmUp() {
    }

    /** One round of warm-up work. */
    public interface Round {
        void run(int index) throws Exception;
    }

    /**
     * Runs rounds until {@link #QUIET_ROUNDS} in a row leave the compilers under
     * {@link #QUIET_CORES} (at most bench.warmup-rounds).
     */
    public static void untilQuiet(String what, Round round) throws Exception {
        int quietInARow = 0;
        for (int i = 0; i < MAX_ROUNDS; i++) {
            Window window = new Window();
            round.run(i);
            double jit = window.jitCores();
            System.out.printf("BENCH warm-up %s round %d: JIT compilers %.2f cores%n", what, i + 1, jit);
            quietInARow = jit < QUIET_CORES ? quietInARow + 1 : 0;
            if (quietInARow == QUIET_ROUNDS) {
                return;
            }
        }
        System.out.printf("BENCH warm-up %s: JIT still above %.2f cores after %d rounds; the figures include compiling%n",
                what, QUIET_CORES, MAX_ROUNDS);
    }

    /** The CPU the JIT compiler threads and the garbage collector's threads took since it was opened, in cores. */
    public static final class Window {

        private final long startNanos = System.nanoTime();
        private final long compilerStart = compilerNanos();
        private final long gcStart = gcNanos();

        public double jitCores() {
            return (compilerNanos() - compilerStart) / (double) Math.max(1, System.nanoTime() - startNanos);
        }

        /** G1's threads: pauses ("GC Thread#n") and concurrent work ("G1 Conc#n", "G1 Refine#n", ...); 0 off Linux. */
        public double gcCores() {
            return (gcNanos() - gcStart) / (double) Math.max(1, System.nanoTime() - startNanos);
        }
    }

    /**
     * CPU time of the compiler threads from /proc on Linux (C1/C2 "CompilerThre…"; a compiler
     * thread that ended meanwhile drops out). Elsewhere the JVM's compile time, an upper bound:
     * on a busy machine a compile's waiting for a core counts too, which overstated the JIT
     * about twofold here.
     */
    private static long compilerNanos() {
        try {
            return ProcStat.ownThreadTicks(name -> name.contains("CompilerThre")) * NANOS_PER_TICK;
        } catch (IOException | UncheckedIOException notLinux) {
            return COMPILER.getTotalCompilationTime() * 1_000_000;
        }
    }

    private static long gcNanos() {
        try {
            return ProcStat.ownThreadTicks(name -> name.startsWith("GC Thread") || name.startsWith("G1 ")) * NANOS_PER_TICK;
        } catch (IOException | UncheckedIOException notLinux) {
            return 0;
        }
    }
}
