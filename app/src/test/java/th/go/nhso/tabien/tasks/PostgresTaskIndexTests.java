package th.go.nhso.tabien.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.tasks.TaskList.DueState;
import th.go.nhso.tabien.tasks.TaskList.Filter;
import th.go.nhso.tabien.tasks.TaskList.Tab;

/** The index and its queries on PostgreSQL: the same scoping as on H2, and the list's query uses its index. */
@PostgresTest
class PostgresTaskIndexTests {

    @Autowired ProcessEngine engine;
    @Autowired AccountDirectory accounts;
    @Autowired TaskList taskList;
    @Autowired JdbcClient jdbc;

    @Test
    void areaScopingClaimAndTheIndexFollowingTheEngine() {
        TaskFixtures fx = new TaskFixtures(engine, accounts, taskList);
        StaffUser khonKaen = fx.account("prov-40", Role.PROVINCIAL_APPROVER, null, "40", null);
        StaffUser kalasin = fx.account("prov-46", Role.PROVINCIAL_APPROVER, null, "46", null);
        StaffUser region7 = fx.account("region-7", Role.REGIONAL_APPROVER, null, null, 7);
        StaffUser admin = fx.account("admin", Role.ADMIN, null, null, null);
        Task khonKaenTask = fx.start("province-40", "province:40", "10997", Duration.ofDays(-1));
        fx.start("province-46", "province:46", "10709", Duration.ofDays(4));
        Task regionTask = fx.start("region-7", "region:7", "10670", Duration.ofDays(20));
        fx.start("orphan", "region:13", null, Duration.ofDays(20));

        assertThat(fx.names(khonKaen, Tab.GROUP)).containsExactly("province-40");
        assertThat(fx.names(kalasin, Tab.GROUP)).containsExactly("province-46");
        assertThat(fx.names(region7, Tab.GROUP)).containsExactly("region-7");
        assertThat(fx.names(admin, Tab.UNATTENDED)).containsExactly("orphan");
        assertThat(fx.names(khonKaen, Tab.GROUP, new Filter(TaskFixtures.PROCESS, "10997", null, DueState.OVERDUE)))
                .containsExactly("province-40");
        assertThat(fx.names(region7, Tab.GROUP, new Filter(TaskFixtures.PROCESS, null, null, DueState.OVERDUE))).isEmpty();

        assertThatThrownBy(() -> taskList.claim(kalasin, khonKaenTask.getId())).isInstanceOf(TabienException.class);
        taskList.claim(khonKaen, khonKaenTask.getId());
        assertThat(fx.names(khonKaen, Tab.MINE)).containsExactly("province-40");
        engine.getTaskService().complete(khonKaenTask.getId());
        assertThat(fx.names(khonKaen, Tab.MINE)).isEmpty();
        engine.getRuntimeService().deleteProcessInstance(regionTask.getProcessInstanceId(), "test");
        assertThat(fx.names(region7, Tab.GROUP)).isEmpty();
    }

    @Test
    void theRegionalGroupListReadsItsIndexNotTheWholeTable() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int region = 1; region <= 13; region++) {
            for (int i = 0; i < 400; i++) {
                jdbc.sql("""
                                insert into task_index (task_id, process_key, task_key, business_key, region, candidate_group,
                                                        candidate_level, created, due)
                                values (:id, 'Synthetic', 'Task_Synthetic', :key, :region, :group, 'REGION', :created, :due)
                                """)
                        .param("id", "synthetic-" + region + "-" + i).param("key", "S" + i).param("region", region)
                        .param("group", "region:" + region).param("created", now).param("due", now.plusHours(i)).update();
            }
        }
        jdbc.sql("analyze task_index").update();
        try {
            List<String> plan = jdbc.sql("""
                            explain select * from task_index where assignee is null and region = 7 and candidate_level = 'REGION'
                            order by due asc nulls last, created asc, task_id asc limit 25
                            """)
                    .query(String.class).list();
            assertThat(String.join("\n", plan)).contains("task_index_region_idx").doesNotContain("Seq Scan");
        } finally {
            jdbc.sql("delete from task_index where process_key = 'Synthetic'").update();
        }
    }
}
