package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import th.go.nhso.tabien.support.TabienTest;

/** Eight schedulers firing at once (as eight nodes would): one of them runs the night's job. */
@TabienTest
class ScheduledRunsTests {

    @Autowired ScheduledRuns runs;

    @Test
    void exactlyOneClaimPerJobAndDay() throws Exception {
        String job = "test-job-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return runs.claim(job);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isOne();
            assertThat(runs.claim(job)).as("later the same day").isFalse();
            assertThat(runs.claim(job + "-other")).as("another job the same day").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
