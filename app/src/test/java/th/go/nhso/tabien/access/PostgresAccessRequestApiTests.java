package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.support.TestIds;

/** The request's API and its concurrency guarantees on PostgreSQL. */
@PostgresTest
class PostgresAccessRequestApiTests {

    private static final String PASSWORD = "api-password-123";

    @Autowired MockMvc mvc;
    @Autowired AccountDirectory accounts;
    @Autowired AccessRequests requests;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;

    private StaffUser clerk;

    @BeforeEach
    void accounts() {
        clerk = account("ar-clerk", Role.FACILITY_STAFF, "10670", null, null);
        account("ar-province", Role.PROVINCIAL_APPROVER, null, "40", null);
        account("ar-province-2", Role.PROVINCIAL_APPROVER, null, "40", null);
        account("ar-udon", Role.PROVINCIAL_APPROVER, null, "41", null);
        account("ar-region", Role.REGIONAL_APPROVER, null, null, 7);
    }

    private StaffUser account(String username, Role role, String hcode, String province, Integer region) {
        return accounts.createOrUpdate(new NewAccount(username, "1100000000024", username, username + "@tabien.example",
                role, hcode, province, region), PASSWORD).asStaffUser();
    }

    private static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

    private long submitted(int people) {
        long id = requests.createDraft(clerk, "10670");
        List<RequestedPerson> list = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String pid = TestIds.nextThai().value();
            list.add(new RequestedPerson(pid, "นาย", "ผู้ขอ" + "กขคงจ".charAt(i), "ทดสอบ", "เจ้าพนักงานสาธารณสุข", pid + "@rpst.example",
                    "0891234567", EnumSet.of(DataCenterRole.E_CLAIM)));
        }
        requests.replacePeople(clerk, id, list);
        requests.storeFile(clerk, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4".getBytes());
        requests.submit(clerk, id);
        return id;
    }

    private int decide(String user, long id, String body) throws Exception {
        return mvc.perform(post("/api/v1/access-requests/{id}/province-decision", id).with(as(user))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getStatus();
    }

    @Test
    void twoProvincialApproversDecidingAtOnceGetOneDecisionAndOneConflict() throws Exception {
        for (int round = 0; round < 5; round++) {
            long id = submitted(1);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> forward = pool.submit(() -> {
                    start.await();
                    return decide("ar-province", id, "{\"decision\":\"FORWARD\",\"lines\":[1]}");
                });
                Future<Integer> reject = pool.submit(() -> {
                    start.await();
                    return decide("ar-province-2", id, "{\"decision\":\"REJECT\",\"reason\":\"เอกสารไม่ครบ\"}");
                });
                start.countDown();
                assertThat(List.of(forward.get(), reject.get())).containsExactlyInAnyOrder(200, 409);
            } finally {
                pool.shutdown();
            }
            AccessRequest after = requests.require(id);
            long approveTasks = tasks.createTaskQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(String.valueOf(id))
                    .taskDefinitionKey("Task_ApproveAccounts").count();
            assertThat(after.status() == AccessRequestStatus.AT_REGION ? 1 : 0).isEqualTo(approveTasks);
            assertThat(jdbc.sql("select count(*) from access_request_event where request_id = :id and step like 'PROVINCE_%'")
                    .param("id", id).query(Integer.class).single()).isOne();
        }
    }

    @Test
    void theFacilitySeesEachPersonsOutcomeAndOtherProvincesAreRefused() throws Exception {
        long id = submitted(2);
        mvc.perform(post("/api/v1/access-requests/{id}/province-decision", id).with(as("ar-province"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"FORWARD\",\"lines\":[2],\"reason\":\"ลาออกแล้ว\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/access-requests/{id}", id).with(as("ar-clerk")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.request.status").value("AT_REGION"))
                .andExpect(jsonPath("$.lines[0].outcome").value("NOT_FORWARDED"))
                .andExpect(jsonPath("$.lines[0].outcomeReason").value("ลาออกแล้ว"))
                .andExpect(jsonPath("$.lines[1].outcome").value("FORWARDED"));
        mvc.perform(get("/api/v1/access-requests/{id}", id).with(as("ar-udon")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detailTh").exists());
        mvc.perform(get("/api/v1/access-requests/{id}", 987654321L).with(as("ar-clerk")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("access.notFound"))
                .andExpect(jsonPath("$.detailTh").value(containsString("ไม่พบคำขอ")));
        mvc.perform(post("/api/v1/access-requests/{id}/region-decision", id).with(as("ar-region"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"APPROVE\",\"lines\":[1]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("access.nobodyChosen"));
        mvc.perform(post("/api/v1/access-requests/{id}/region-decision", id).with(as("ar-region"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"APPROVE\",\"lines\":[2]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.request.status").value("PROVISIONING"));

        String process = runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
        String job = management.createJobQuery().activityId("Task_ProvisionAccounts").processInstanceId(process)
                .singleResult().getId();
        management.executeJob(job);
        mvc.perform(get("/api/v1/access-requests/{id}", id).with(as("ar-clerk")))
                .andExpect(jsonPath("$.request.status").value("DONE"))
                .andExpect(jsonPath("$.lines[1].outcome").value("PROVISIONED"));
        String pid = requests.lines(id).get(1).person().nationalId();
        assertThat(accounts.find(pid)).hasValueSatisfying(a -> assertThat(a.dataCenterRoles()).containsExactly(DataCenterRole.E_CLAIM));
    }
}
