package th.go.nhso.tabien.support;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints how many hostile inputs the run generated, per property, and the seed that repeats
 * them, at the end of the test run (registered in META-INF/services, so it runs under surefire
 * and in the IDE alike). The build itself checks the count: each {@code Hostile*Tests} class
 * ends with a test asserting its share ({@link HostileInputs#assertGenerated}).
 */
public class HostileInputReport implements TestExecutionListener {

    private static long printed;

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        long total = HostileInputs.total();
        if (total == printed) {
            return;
        }
        printed = total;
        StringBuilder report = new StringBuilder("HOSTILE INPUTS generated this run: ").append(total)
                .append(" (seed ").append(HostileInputs.SEED).append(", repeat with -Dhostile.seed=").append(HostileInputs.SEED)
                .append(")\n");
        HostileInputs.counts().forEach((what, n) -> report.append(String.format("  %7d  %s%n", n, what)));
        System.out.print(report);
    }
}
