package th.go.nhso.tabien.support;

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
    private static final int MAX_ROUNDS = Integer.getInteger("bench.warmup-rounds", 30);

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private JitWarmUp() {
    }

    /** One round of warm-up work. */
    public interface Round {
        void run(int index) throws Exception;
    }

    /** Runs rounds until one leaves the compilers under {@link #QUIET_CORES} (at most bench.warmup-rounds). */
    public static void untilQuiet(String what, Round round) throws Exception {
        for (int i = 0; i < MAX_ROUNDS; i++) {
            Window window = new Window();
            round.run(i);
            double jit = window.jitCores();
            System.out.printf("BENCH warm-up %s round %d: JIT compilers %.2f cores%n", what, i + 1, jit);
            if (jit < QUIET_CORES) {
                return;
            }
        }
        System.out.printf("BENCH warm-up %s: JIT still above %.2f cores after %d rounds; the figures include compiling%n",
                what, QUIET_CORES, MAX_ROUNDS);
    }

    /**
     * Compile time over wall time since it was opened: the cores the JIT took (an upper bound,
     * as a compile preempted by other threads counts its waiting too).
     */
    public static final class Window {

        private final long startMillis = System.nanoTime() / 1_000_000;
        private final long compileMillis = COMPILER.getTotalCompilationTime();

        public double jitCores() {
            long wall = Math.max(1, System.nanoTime() / 1_000_000 - startMillis);
            return (COMPILER.getTotalCompilationTime() - compileMillis) / (double) wall;
        }
    }
}
