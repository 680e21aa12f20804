package th.go.nhso.tabien.birth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import th.go.nhso.tabien.TabienApplication;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.TestIds;

/**
 * The application stops while births wait for the registrar and starts again on the same
 * PostgreSQL: every case is where it was, its timers are still scheduled and its messages
 * still correlate.
 */
class PostgresRestartTests {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setRegisterShutdownHook(false).start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private static ConfigurableApplicationContext startTabien() {
        return new SpringApplicationBuilder(TabienApplication.class).profiles("postgres")
                .run("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    @Test
    void waitingBirthsSurviveARestartAndStillCorrelate() {
        List<String> waiting = new ArrayList<>();
        List<String> inFollowUp = new ArrayList<>();
        try (ConfigurableApplicationContext tabien = startTabien()) {
            AccountDirectory accounts = tabien.getBean(AccountDirectory.class);
            StaffUser clerk = accounts.createOrUpdate(new AccountDirectory.NewAccount("restart-clerk", "1100000000024",
                    "ผู้ทดสอบ", null, Role.FACILITY_STAFF, "10670", null, null), "restart-password-1").asStaffUser();
            BirthCases births = tabien.getBean(BirthCases.class);
            for (int i = 0; i < 30; i++) {
                waiting.add(births.file(clerk, BirthRecords.thai(), null).birth().certificateNumber());
            }
            inFollowUp.addAll(births.reportUnregistered(waiting.subList(0, 10), "registrar"));
            waiting.removeAll(inFollowUp);
        }

        try (ConfigurableApplicationContext tabien = startTabien()) {
            BirthCases births = tabien.getBean(BirthCases.class);
            RuntimeService runtime = tabien.getBean(RuntimeService.class);
            ManagementService management = tabien.getBean(ManagementService.class);

            assertThat(inFollowUp).hasSize(10);
            assertThat(waiting).allSatisfy(n -> assertThat(births.require(n).status()).isEqualTo(BirthStatus.AWAITING_REGISTRATION));
            assertThat(inFollowUp).allSatisfy(n -> assertThat(births.require(n).status()).isEqualTo(BirthStatus.FOLLOW_UP));
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(BirthProcess.ID).active().count()).isEqualTo(30);
            assertThat(management.createJobQuery().timers().activityId("Event_RegistrationDeadline").count())
                    .as("registration deadlines still scheduled").isEqualTo(20);
            assertThat(management.createJobQuery().timers().activityId("Event_FollowUpReminder").count())
                    .as("follow-up reminders still scheduled").isEqualTo(10);

            List<String> all = new ArrayList<>(waiting);
            all.addAll(inFollowUp);
            for (String number : all) {
                births.register(number, TestIds.nextThai().value(), LocalDate.now(), "เทศบาลนครขอนแก่น", "registrar");
            }
            assertThat(all).allSatisfy(n -> assertThat(births.require(n).status()).isEqualTo(BirthStatus.REGISTERED));
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(BirthProcess.ID).count()).isZero();
        }
    }
}
