package th.go.nhso.tabien.authen.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.TabienException;

/** Every path of AccountUnlockProcess.bpmn with the real delegates, and its reminder. */
@TabienTest
class AccountUnlockProcessTests extends LifecycleTestSupport {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired UnlockRequests unlocks;
    @Autowired MockMvc mvc;

    private String requester;

    @BeforeEach
    void requester() {
        init(engine);
        requester = staffAccount("unlock-requester");
    }

    /** An account of the facility unused for 181 days and locked by the sweep. */
    private String lockedAccount() {
        String username = staffAccount("unlock-locked");
        lastActivity(username, OffsetDateTime.now().minusDays(181));
        directory.lockInactive(username);
        return username;
    }

    private ProcessInstance instanceOf(long requestId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(UnlockRequests.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(requestId)).singleResult();
    }

    @Test
    void approvedRequestUnlocksTheAccountRestartsItsClockAndTellsThePerson() throws Exception {
        String locked = lockedAccount();
        long id = unlocks.request(staffUser(requester), locked, "เจ้าหน้าที่กลับจากลาศึกษาต่อ");
        ProcessInstance instance = instanceOf(id);
        assertThat(instance).isWaitingAt(UnlockRequests.TASK_DECIDE);
        Task decide = task(instance);
        assertThat(decide.getName()).isEqualTo("พิจารณาปลดล็อกบัญชี");
        assertThat(decide).hasFormKey("accounts/unlock");
        assertThat(decide).hasCandidateGroup("region:7");
        assertThat(decide.getDueDate()).isAfter(new Date());

        unlocks.decide(REGION_7, id, true, null);
        assertThat(instance).isWaitingAt("Task_UnlockAccount");
        execute(job(instance));

        assertThat(instance).hasPassed("Event_AccountUnlocked").isEnded();
        assertThat(account(locked).inactivityLocked()).isFalse();
        assertThat(activity.lastActivityOf(locked)).hasValueSatisfying(t -> assertThat(t).isAfter(OffsetDateTime.now().minusMinutes(1)));
        assertThat(mailsTo(locked + "@facility.example")).singleElement()
                .satisfies(m -> assertThat(m.subject()).isEqualTo("บัญชีผู้ใช้งานระบบทะเบียนได้รับการปลดล็อกแล้ว"));
        assertThat(unlocks.find(id).status()).isEqualTo("APPROVED");
        assertThat(audits("REQUEST_ACCOUNT_UNLOCK", locked)).isOne();
        assertThat(audits("APPROVE_ACCOUNT_UNLOCK", locked)).isOne();
        mvc.perform(formLogin().user(locked).password(PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void rejectedRequestNeedsAReasonAndTellsTheRequester() throws Exception {
        String locked = lockedAccount();
        long id = unlocks.request(staffUser(requester), locked, "ขอใช้งานต่อ");
        ProcessInstance instance = instanceOf(id);
        assertThatThrownBy(() -> unlocks.decide(REGION_7, id, false, " "))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("unlock.rejectionReasonRequired");
        assertThatThrownBy(() -> unlocks.decide(REGION_8, id, true, null))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("area.forbidden");

        mvc.perform(post("/accounts/unlock-requests/{id}", id).with(user(principal("region")))
                        .with(csrf())
                        .param("decision", "REJECT").param("reason", "บุคคลนี้ย้ายไปหน่วยบริการอื่นแล้ว"))
                .andExpect(redirectedUrl("/accounts/unlock-requests?decided"));

        assertThat(instance).hasPassed("Task_NotifyUnlockRejected", "Event_UnlockRejected").isEnded();
        assertThat(account(locked).inactivityLocked()).isTrue();
        assertThat(mailsTo(requester + "@facility.example")).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("คำขอปลดล็อกบัญชี " + locked + " ไม่ได้รับการอนุมัติ");
            assertThat(m.body()).contains("เหตุผล: บุคคลนี้ย้ายไปหน่วยบริการอื่นแล้ว");
        });
        assertThat(audits("REJECT_ACCOUNT_UNLOCK", locked)).isOne();
    }

    @Test
    void approversAreRemindedUntilTheyDecide() {
        String locked = lockedAccount();
        long id = unlocks.request(staffUser(requester), locked, "ขอใช้งานต่อ");
        ProcessInstance instance = instanceOf(id);
        int before = mailsTo("region@tabien.example").size();
        Job reminder = management.createJobQuery().processInstanceId(instance.getId()).activityId("Event_UnlockReminder")
                .singleResult();
        execute(reminder);
        assertThat(mailsTo("region@tabien.example")).hasSize(before + 1)
                .last().satisfies(m -> assertThat(m.subject()).isEqualTo("คำขอปลดล็อกบัญชีรอการพิจารณา: " + locked));
        assertThat(instance).isWaitingAt(UnlockRequests.TASK_DECIDE);
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId("Event_UnlockReminder").count())
                .as("the next reminder").isOne();
    }

    @Test
    void aSecondRequestWhileOneIsOpenIsRefusedInBothLanguages() throws Exception {
        String locked = lockedAccount();
        long id = unlocks.request(staffUser(requester), locked, "ขอใช้งานต่อ");
        mvc.perform(post("/api/v1/accounts/{u}/unlock-requests", locked).with(user(principal(requester)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"ขออีกครั้ง\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detailTh").value("บัญชี " + locked + " มีคำขอปลดล็อกรอพิจารณาอยู่แล้ว"))
                .andExpect(jsonPath("$.detail").value("Account " + locked + " already has an unlock request waiting for a decision"));

        unlocks.decide(REGION_7, id, false, "ยังไม่ได้รับหนังสือยืนยัน");
        mvc.perform(post("/api/v1/accounts/{u}/unlock-requests", locked).with(user(principal(requester)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"แนบหนังสือยืนยันแล้ว\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.requestId").isNumber());
    }

    @Test
    void onlyTheFacilitysStaffMayAskAndOnlyForALockedAccount() {
        String active = staffAccount("unlock-active");
        assertThatThrownBy(() -> unlocks.request(staffUser(requester), active, "ขอ"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("unlock.notLocked");
        String locked = lockedAccount();
        assertThatThrownBy(() -> unlocks.request(REGION_7, locked, "ขอ"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("unlock.onlyFacilityStaff");
        assertThatThrownBy(() -> unlocks.request(staffUser(requester), locked, " "))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("unlock.reasonRequired");
    }

    @Test
    void aDirectoryFailureRetriesTheUnlockAndEndsAsAnIncident() {
        // A request for an account the directory does not know: its unlock call fails every time.
        jdbc.sql("""
                        insert into account_unlock_request (username, open_username, facility_code, region, reason,
                                                            requested_by, requested_at, status)
                        values ('ghost-account', 'ghost-account', '10670', 7, 'ทดสอบ', :by, :now, 'OPEN')
                        """)
                .param("by", requester).param("now", OffsetDateTime.now()).update();
        long id = jdbc.sql("select request_id from account_unlock_request where open_username = 'ghost-account'")
                .query(Long.class).single();
        runtime.startProcessInstanceByKey(UnlockRequests.PROCESS_ID, String.valueOf(id),
                Map.of(UnlockRequests.REQUEST_ID, id, UnlockRequests.REGION_GROUP, "region:7",
                        UnlockRequests.UNLOCK_DUE, "3 working days", UnlockRequests.UNLOCK_REMINDER, "R/P1D"));
        ProcessInstance instance = instanceOf(id);
        unlocks.decide(REGION_7, id, true, null);

        Job unlock = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_UnlockAccount").singleResult();
        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = unlock.getId();
            assertThatThrownBy(() -> management.executeJob(jobId)).isInstanceOf(TabienException.class);
            unlock = management.createJobQuery().jobId(jobId).singleResult();
            assertThat(unlock.getRetries()).isEqualTo(3 - attempt);
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();
        assertThat(instance).isNotEnded();
    }

    @Test
    void theFacilityAsksOnTheAccountPageAndTheRegionDecidesOnItsWorklist() throws Exception {
        String locked = lockedAccount();
        mvc.perform(get("/accounts/{u}", locked).with(user(principal(requester))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ถูกล็อก")))
                .andExpect(content().string(containsString("unlock-request-form")));
        mvc.perform(post("/accounts/{u}/unlock-request", locked).with(user(principal(requester))).with(csrf())
                        .param("reason", "เจ้าหน้าที่กลับมาปฏิบัติงาน"))
                .andExpect(redirectedUrl("/accounts/" + locked + "?unlockRequested"));
        mvc.perform(get("/accounts/{u}", locked).with(user(principal(requester))))
                .andExpect(content().string(containsString("มีคำขอปลดล็อกรอพิจารณาตั้งแต่")));
        long id = unlocks.openRequestOf(locked).orElseThrow().requestId();
        mvc.perform(get("/accounts/unlock-requests").with(user(principal("region"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("unlock-" + id)))
                .andExpect(content().string(containsString("เจ้าหน้าที่กลับมาปฏิบัติงาน")));
        mvc.perform(get("/accounts/unlock-requests").with(user(principal(requester)))).andExpect(status().isForbidden());
        mvc.perform(post("/accounts/unlock-requests/{id}", id).with(user(principal("region"))).with(csrf())
                        .param("decision", "APPROVE"))
                .andExpect(redirectedUrl("/accounts/unlock-requests?decided"));
        execute(job(instanceOf(id)));
        assertThat(account(locked).inactivityLocked()).isFalse();
    }
}
