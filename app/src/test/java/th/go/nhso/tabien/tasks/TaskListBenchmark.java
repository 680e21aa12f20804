package th.go.nhso.tabien.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.support.EmbeddedPostgresConfig;
import th.go.nhso.tabien.support.WebLogin;
import th.go.nhso.tabien.tasks.TaskList.Filter;
import th.go.nhso.tabien.tasks.TaskList.Tab;

/**
 * The task list at volume on a real PostgreSQL (embedded PostgreSQL, fsync on): 10,000 open
 * tasks in region 7, each a real process instance started through the engine (candidate
 * group {@code region:7}, a facility of the region, due dates spread over 60 days), so the
 * listener wrote every row of {@code task_index}. Then the first page of "my group's tasks"
 * for a regional approver is timed, after a warm-up, through {@link TaskList#page} and over
 * HTTP ({@code GET /tasks?tab=group} with a logged-in session: Thymeleaf rendering included).
 * Prints {@code BENCH} lines with p50/p95/p99 and the machine's load average; goal p95 &lt; 150 ms.
 * Asserts correctness only (the page holds 25 rows of the region, the total is 10,000).
 * <pre>
 * ./mvnw -q -B -pl app -Pbenchmark test -Dbenchmark=TaskListBenchmark [-Dbench.tasks=10000] [-Dbench.requests=300]
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
@Import(EmbeddedPostgresConfig.class)
@ActiveProfiles("postgres")
class TaskListBenchmark {

    private static final int TASKS = Integer.getInteger("bench.tasks", 10_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 300);
    private static final int WARM_UP = 100;
    private static final double GOAL_P95_MS = 150;
    private static final String PROCESS = "TaskListBenchmarkProcess";
    private static final String PASSWORD = "bench-password-123";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired TaskList taskList;
    @Autowired AccountDirectory accounts;
    @Autowired Registry registry;
    @Autowired JdbcClient jdbc;

    @Test
    void firstPageOfARegionWithTenThousandOpenTasks() throws Exception {
        engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).name("Task list benchmark").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("Task_Review").name("Review").camundaFormKey("access/approve")
                        .camundaCandidateGroups("region:7").camundaDueDate("${due}").endEvent().done())
                .deploy();
        List<String> facilities = registry.facilities().stream().filter(f -> f.region() == 7).map(Facility::hcode).toList();
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Runnable starter = () -> {
            for (int i = next.getAndIncrement(); i < TASKS; i = next.getAndIncrement()) {
                engine.getRuntimeService().startProcessInstanceByKey(PROCESS, String.valueOf(100_000 + i), Map.of(
                        TaskIndexer.FACILITY_CODE, facilities.get(i % facilities.size()),
                        "due", new Date(System.currentTimeMillis() + (i % 60 - 5) * 86_400_000L)));
            }
        };
        List<Future<?>> workers = List.of(pool.submit(starter), pool.submit(starter));
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        jdbc.sql("analyze task_index").update();
        long indexed = jdbc.sql("select count(*) from task_index where region = 7").query(Long.class).single();
        System.out.printf("BENCH setup: %d process instances started in %.1f s (%.0f/s), task_index rows in region 7: %d%n",
                TASKS, seconds, TASKS / seconds, indexed);

        StaffUser approver = accounts.createOrUpdate(new NewAccount("bench-region-7", "1100000000041", "Bench region 7", null,
                Role.REGIONAL_APPROVER, null, null, 7), PASSWORD).asStaffUser();
        TaskList.Page page = taskList.page(approver, Tab.GROUP, Filter.NONE, 1);
        assertThat(page.total()).isEqualTo(TASKS);
        assertThat(page.rows()).hasSize(taskList.pageSize()).allMatch(r -> r.region() == 7);

        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        report("service", time(() -> taskList.page(approver, Tab.GROUP, Filter.NONE, 1)));
        HttpClient http = WebLogin.loggedIn("http://localhost:" + port, "bench-region-7", PASSWORD);
        report("http", time(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/tasks?tab=group")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("id=\"tasks\"")) {
                throw new IllegalStateException("GET /tasks answered " + response.statusCode());
            }
            return response;
        }));
        System.out.printf("BENCH load average before timing: %s; after: %s (2 cores)%n", load,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static long[] time(Call call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.run();
        }
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long t = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    private static void report(String variant, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p95 = percentile(sorted, 95);
        System.out.printf("BENCH %-7s first page, %d requests after %d warm-up: ms p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f  (goal p95 < %.0f: %s)%n",
                variant, nanos.length, WARM_UP, percentile(sorted, 50), p95, percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6, GOAL_P95_MS, p95 < GOAL_P95_MS ? "met" : "MISSED");
    }

    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
