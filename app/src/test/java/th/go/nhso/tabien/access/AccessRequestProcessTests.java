package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.LocalAccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.TabienException;

/** Every path of AccessRequestProcess.bpmn with the real delegates, the local directory and the outbox. */
@TabienTest
class AccessRequestProcessTests {

    static final StaffUser CLERK = new StaffUser("facility", "สมศรี ใจดี", Role.FACILITY_STAFF, "10670", "40", 7);
    static final StaffUser PROVINCE = new StaffUser("province", "สมชาย รักงาน", Role.PROVINCIAL_APPROVER, null, "40", 7);
    static final StaffUser REGION = new StaffUser("region", "วิไล ตั้งใจ", Role.REGIONAL_APPROVER, null, null, 7);
    static final StaffUser OTHER_PROVINCE = new StaffUser("province-udon", "อื่น", Role.PROVINCIAL_APPROVER, null, "41", 8);

    @Autowired AccessRequests requests;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired LocalAccountDirectory directory;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    @BeforeEach
    @AfterEach
    void realClock() {
        ClockUtil.reset();
    }

    static RequestedPerson person(String first, Set<DataCenterRole> roles) {
        String pid = TestIds.nextThai().value();
        return new RequestedPerson(pid, "นาง", first, "ทดสอบ", "นักวิชาการสาธารณสุข", pid + "@rpst.example", "0812345678", roles);
    }

    long submitted(RequestedPerson... people) {
        long id = requests.createDraft(CLERK, "10670");
        requests.replacePeople(CLERK, id, List.of(people));
        requests.storeFile(CLERK, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4 test".getBytes());
        requests.submit(CLERK, id);
        return id;
    }

    Task task(long id) {
        return tasks.createTaskQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(String.valueOf(id)).singleResult();
    }

    void runProvisioning(long id) {
        management.executeJob(provisioningJob(id).getId());
    }

    Job provisioningJob(long id) {
        return management.createJobQuery().processInstanceId(processOf(id)).activityId("Task_ProvisionAccounts").singleResult();
    }

    String processOf(long id) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
    }

    Job timer(long id, String activityId) {
        return management.createJobQuery().processInstanceId(processOf(id)).activityId(activityId).singleResult();
    }

    List<String> mailsTo(String recipient) {
        return jdbc.sql("select subject || '\n' || body from mail_outbox where recipient = :r order by mail_id")
                .param("r", recipient).query(String.class).list();
    }

    boolean ended(long id) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(String.valueOf(id)).count() == 0;
    }

    Set<Integer> lines(Integer... numbers) {
        return Set.of(numbers);
    }

    @Test
    void forwardedAndApprovedRequestCreatesEachAccountAndEmailsEachPerson() {
        RequestedPerson nurse = person("สมหญิง", EnumSet.of(DataCenterRole.E_CLAIM, DataCenterRole.NEW_AUTHEN_CHECK));
        RequestedPerson admin = person("สมปอง", EnumSet.of(DataCenterRole.KTB_WALLET_ADMIN));
        long id = submitted(nurse, admin);
        Task verify = task(id);
        assertThat(verify.getTaskDefinitionKey()).isEqualTo("Task_VerifyRequest");
        assertThat(tasks.createTaskQuery().taskId(verify.getId()).taskCandidateGroup("province:40").count()).isOne();

        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1, 2), null);
        Task approve = task(id);
        assertThat(approve.getTaskDefinitionKey()).isEqualTo("Task_ApproveAccounts");
        assertThat(tasks.createTaskQuery().taskId(approve.getId()).taskCandidateGroup("region:7").count()).isOne();
        assertThat(mailsTo("region@tabien.example")).anyMatch(m -> m.contains("รออนุมัติ"));

        requests.decideAtRegion(REGION, id, AccessRequests.RegionDecision.APPROVE, lines(1, 2), null);
        assertThat(requests.require(id).status()).isEqualTo(AccessRequestStatus.PROVISIONING);
        runProvisioning(id);

        StaffAccount account = directory.find(nurse.nationalId()).orElseThrow();
        assertThat(account.role()).isEqualTo(Role.FACILITY_STAFF);
        assertThat(account.facilityCode()).isEqualTo("10670");
        assertThat(account.dataCenterRoles()).containsExactlyInAnyOrder(DataCenterRole.E_CLAIM, DataCenterRole.NEW_AUTHEN_CHECK);
        assertThat(account.passwordChangeRequired()).isTrue();
        assertThat(jdbc.sql("select count(*) from account_activity where username = :u").param("u", nurse.nationalId())
                .query(Integer.class).single()).as("the inactivity clock starts at creation").isOne();
        assertThat(directory.find(admin.nationalId()).orElseThrow().dataCenterRoles()).containsExactly(DataCenterRole.KTB_WALLET_ADMIN);

        List<String> nurseMail = mailsTo(nurse.email());
        assertThat(nurseMail).hasSize(1);
        assertThat(nurseMail.get(0)).contains("บัญชีผู้ใช้งานระบบ Data Center", nurse.nationalId(), "รหัสผ่านชั่วคราว",
                "E-Claim", "ตรวจสอบสิทธิ", "ตั้งรหัสผ่านใหม่");
        assertThat(mailsTo(admin.email())).hasSize(1);
        assertThat(requests.require(id).status()).isEqualTo(AccessRequestStatus.DONE);
        assertThat(requests.lines(id)).allMatch(l -> l.outcome() == PersonOutcome.PROVISIONED);
        assertThat(mailsTo("facility@tabien.example")).anyMatch(m -> m.contains("สร้างบัญชีผู้ใช้งานเรียบร้อยแล้ว"));
        assertThat(ended(id)).isTrue();
    }

    @Test
    void provinceForwardsSomePeopleWithAReasonForTheOthers() {
        RequestedPerson kept = person("ส่งต่อ", EnumSet.of(DataCenterRole.DRUG_CATALOG));
        RequestedPerson dropped = person("ไม่ส่ง", EnumSet.of(DataCenterRole.DRUG_CATALOG));
        long id = submitted(kept, dropped);

        assertThatThrownBy(() -> requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), " "))
                .isInstanceOf(TabienException.class).hasFieldOrPropertyWithValue("code", "access.reasonForOthers");
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), "ย้ายไปหน่วยบริการอื่นแล้ว");
        assertThat(requests.lines(id)).extracting(AccessRequest.Line::outcome)
                .containsExactly(PersonOutcome.FORWARDED, PersonOutcome.NOT_FORWARDED);
        assertThat(requests.lines(id).get(1).outcomeReason()).isEqualTo("ย้ายไปหน่วยบริการอื่นแล้ว");

        assertThatThrownBy(() -> requests.decideAtRegion(REGION, id, AccessRequests.RegionDecision.APPROVE, lines(2), null))
                .hasFieldOrPropertyWithValue("code", "access.nobodyChosen");
        requests.decideAtRegion(REGION, id, AccessRequests.RegionDecision.APPROVE, lines(1), null);
        runProvisioning(id);
        assertThat(directory.find(kept.nationalId())).isPresent();
        assertThat(directory.find(dropped.nationalId())).isEmpty();
        assertThat(mailsTo(dropped.email())).isEmpty();
    }

    @Test
    void returnedRequestIsCorrectedAndResubmittedKeepingItsHistory() {
        RequestedPerson wrong = person("ผิด", EnumSet.of(DataCenterRole.OP_PP_RECORD));
        long id = submitted(wrong);
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.RETURN, null, "เลขบัตรไม่ตรงกับสำเนาบัตร");
        AccessRequest returned = requests.require(id);
        assertThat(returned.status()).isEqualTo(AccessRequestStatus.RETURNED);
        assertThat(returned.returnReason()).isEqualTo("เลขบัตรไม่ตรงกับสำเนาบัตร");
        Task correct = task(id);
        assertThat(correct.getTaskDefinitionKey()).isEqualTo("Task_CorrectRequest");
        assertThat(tasks.createTaskQuery().taskId(correct.getId()).taskCandidateGroup("facility:10670").count()).isOne();
        assertThat(mailsTo("facility@tabien.example")).anyMatch(m -> m.contains("เลขบัตรไม่ตรงกับสำเนาบัตร"));

        RequestedPerson fixed = person("ถูก", EnumSet.of(DataCenterRole.OP_PP_RECORD));
        requests.replacePeople(CLERK, id, List.of(fixed));
        requests.submit(CLERK, id);
        assertThat(task(id).getTaskDefinitionKey()).isEqualTo("Task_VerifyRequest");
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        requests.decideAtRegion(REGION, id, AccessRequests.RegionDecision.APPROVE, lines(1), null);
        runProvisioning(id);

        assertThat(directory.find(fixed.nationalId())).isPresent();
        assertThat(directory.find(wrong.nationalId())).isEmpty();
        assertThat(requests.history(id)).extracting(AccessRequest.Event::step)
                .containsSubsequence("SUBMITTED", "PROVINCE_RETURN", "PEOPLE_SET", "RESUBMITTED", "PROVINCE_FORWARD",
                        "REGION_APPROVE", "PROVISIONED", "DONE");
    }

    @Test
    void provinceOrRegionRejectsWithAReasonAndTheFacilityIsTold() {
        long atProvince = submitted(person("หนึ่ง", EnumSet.of(DataCenterRole.E_CLAIM)));
        assertThatThrownBy(() -> requests.decideAtProvince(PROVINCE, atProvince, AccessRequests.ProvinceDecision.REJECT, null, ""))
                .hasFieldOrPropertyWithValue("code", "access.reasonRequired");
        requests.decideAtProvince(PROVINCE, atProvince, AccessRequests.ProvinceDecision.REJECT, null, "ไม่ใช่บุคลากรของหน่วยบริการ");
        assertThat(requests.require(atProvince).status()).isEqualTo(AccessRequestStatus.REJECTED);
        assertThat(ended(atProvince)).isTrue();

        long atRegion = submitted(person("สอง", EnumSet.of(DataCenterRole.E_CLAIM)));
        requests.decideAtProvince(PROVINCE, atRegion, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        requests.decideAtRegion(REGION, atRegion, AccessRequests.RegionDecision.REJECT, null, "ระบบ E-Claim ไม่เปิดให้ตำแหน่งนี้");
        assertThat(requests.require(atRegion).status()).isEqualTo(AccessRequestStatus.REJECTED);
        assertThat(ended(atRegion)).isTrue();
        assertThat(mailsTo("facility@tabien.example")).anyMatch(m -> m.contains("ระบบ E-Claim ไม่เปิดให้ตำแหน่งนี้"));
    }

    @Test
    void onlyTheFacilitysProvinceMayVerifyAndOnlyOnce() {
        long id = submitted(person("หนึ่ง", EnumSet.of(DataCenterRole.E_CLAIM)));
        assertThatThrownBy(() -> requests.decideAtProvince(OTHER_PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), null))
                .isInstanceOf(TabienException.class);
        assertThatThrownBy(() -> requests.decideAtRegion(REGION, id, AccessRequests.RegionDecision.APPROVE, lines(1), null))
                .hasFieldOrPropertyWithValue("code", "access.alreadyDecided");
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        assertThatThrownBy(() -> requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.REJECT, null, "สาย"))
                .hasFieldOrPropertyWithValue("code", "access.alreadyDecided");
        assertThatThrownBy(() -> requests.replacePeople(CLERK, id, List.of()))
                .hasFieldOrPropertyWithValue("code", "access.notEditable");
    }

    @Test
    void provinceIsRemindedBeforeItsDeadlineAndEscalatedAfterIt() {
        long id = submitted(person("ช้า", EnumSet.of(DataCenterRole.E_CLAIM)));
        int regionMailsBefore = mailsTo("region@tabien.example").size();
        management.executeJob(timer(id, "Event_ProvinceReminderDue").getId());
        assertThat(mailsTo("province@tabien.example")).anyMatch(m -> m.startsWith("เตือน") && m.contains("10670"));
        assertThat(requests.require(id).escalatedAt()).isNull();

        management.executeJob(timer(id, "Event_ProvinceDeadlinePassed").getId());
        assertThat(requests.require(id).escalatedAt()).isNotNull();
        assertThat(mailsTo("province@tabien.example")).anyMatch(m -> m.startsWith("เกินกำหนด"));
        assertThat(mailsTo("region@tabien.example")).hasSize(regionMailsBefore + 1);
        assertThat(task(id).getTaskDefinitionKey()).isEqualTo("Task_VerifyRequest");

        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        assertThat(requests.require(id).escalatedAt()).as("the flag belongs to the overdue step").isNull();
    }

    @Test
    void regionPastItsSlaIsEscalatedToNhsoAdmins() {
        long id = submitted(person("ช้า", EnumSet.of(DataCenterRole.E_CLAIM)));
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        management.executeJob(timer(id, "Event_RegionReminderDue").getId());
        assertThat(mailsTo("region@tabien.example")).anyMatch(m -> m.startsWith("เตือน"));
        management.executeJob(timer(id, "Event_RegionSlaPassed").getId());
        assertThat(requests.require(id).escalatedAt()).isNotNull();
        assertThat(mailsTo("admin@tabien.example")).anyMatch(m -> m.startsWith("เกินกำหนด") && m.contains("สปสช. เขต"));
    }

    @Test
    void deadlinesCountThaiWorkingDaysAcrossSongkranAndNewYear() {
        // Thursday 9 April 2569: Songkran (13–15 April) falls inside the province's 6 working days.
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.of(2026, 4, 9, 10, 0, 0, 0, ZoneOffset.ofHours(7)).toInstant()));
        long id = submitted(person("สงกรานต์", EnumSet.of(DataCenterRole.E_CLAIM)));
        assertThat(task(id).getDueDate().toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 4, 22, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant());
        assertThat(timer(id, "Event_ProvinceDeadlinePassed").getDuedate()).isEqualTo(task(id).getDueDate());

        // Forwarded Friday 26 December 2568: 31 Dec, 1 and 2 Jan are holidays inside the region's 15 working days.
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.of(2025, 12, 26, 9, 0, 0, 0, ZoneOffset.ofHours(7)).toInstant()));
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        assertThat(task(id).getDueDate().toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 1, 21, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant());
    }

    @Test
    void provisioningRetriedAfterADirectoryFailureNeverDoublesAnAccountOrAnEmail() {
        RequestedPerson first = person("แรก", EnumSet.of(DataCenterRole.E_CLAIM));
        RequestedPerson second = person("สอง", EnumSet.of(DataCenterRole.SEAMLESS_DMIS));
        long id = submitted(first, second);
        requests.decideAtProvince(PROVINCE, id, AccessRequests.ProvinceDecision.FORWARD, lines(1, 2), null);
        requests.decideAtRegion(REGION, id, AccessRequests.RegionDecision.APPROVE, lines(1, 2), null);

        // A real failure of the directory's store for the second person only.
        jdbc.sql("alter table staff_account add constraint test_directory_down check (username <> '" + second.nationalId() + "')")
                .update();
        try {
            assertThatThrownBy(() -> runProvisioning(id)).isInstanceOf(RuntimeException.class);
            assertThat(provisioningJob(id).getExceptionMessage()).isNotNull();
            assertThat(casePage(id)).as("the case page says it waits for the next try")
                    .contains("id=\"provisioning-trouble\"").contains("ระบบจะลองใหม่เองเมื่อ")
                    .contains("เหลืออีก " + provisioningJob(id).getRetries() + " ครั้ง");
            while (provisioningJob(id).getRetries() > 0) {
                assertThatThrownBy(() -> runProvisioning(id)).isInstanceOf(RuntimeException.class);
            }
            assertThat(runtime.createIncidentQuery().processInstanceId(processOf(id)).count()).as("incident in Cockpit").isOne();
            assertThat(casePage(id)).as("... and then that an administrator was told").contains("ได้รับแจ้ง (incident)");
            assertThat(directory.find(first.nationalId())).isPresent();
            assertThat(mailsTo(first.email())).hasSize(1);
        } finally {
            jdbc.sql("alter table staff_account drop constraint test_directory_down").update();
        }

        management.setJobRetries(provisioningJob(id).getId(), 1);
        runProvisioning(id);
        assertThat(mailsTo(first.email())).as("no second e-mail to the first person").hasSize(1);
        assertThat(mailsTo(second.email())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from staff_account where national_id in (:a, :b)")
                .param("a", first.nationalId()).param("b", second.nationalId()).query(Integer.class).single()).isEqualTo(2);
        assertThat(requests.require(id).status()).isEqualTo(AccessRequestStatus.DONE);
        assertThat(ended(id)).isTrue();
        assertThat(casePage(id)).doesNotContain("id=\"provisioning-trouble\"");
    }

    private String casePage(long id) {
        try {
            return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/access-requests/{id}", id)
                            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                                    th.go.nhso.tabien.authen.Principals.of(directory.find("facility").orElseThrow()))))
                    .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void someoneWhoAlreadyHasAnAccountKeepsItsPasswordAndGainsTheNewSystems() {
        RequestedPerson p = person("มีบัญชี", EnumSet.of(DataCenterRole.E_CLAIM));
        long first = submitted(p);
        requests.decideAtProvince(PROVINCE, first, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        requests.decideAtRegion(REGION, first, AccessRequests.RegionDecision.APPROVE, lines(1), null);
        runProvisioning(first);
        directory.changePassword(p.nationalId(), "own-password-123");

        RequestedPerson more = new RequestedPerson(p.nationalId(), p.title(), p.firstName(), p.lastName(), p.position(),
                p.email(), p.mobile(), EnumSet.of(DataCenterRole.DRUG_CATALOG));
        long second = submitted(more);
        requests.decideAtProvince(PROVINCE, second, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        requests.decideAtRegion(REGION, second, AccessRequests.RegionDecision.APPROVE, lines(1), null);
        runProvisioning(second);

        StaffAccount account = directory.find(p.nationalId()).orElseThrow();
        assertThat(account.dataCenterRoles()).containsExactlyInAnyOrder(DataCenterRole.E_CLAIM, DataCenterRole.DRUG_CATALOG);
        assertThat(account.passwordChangeRequired()).isFalse();
        assertThat(mailsTo(p.email())).hasSize(2);
        assertThat(mailsTo(p.email()).get(1)).contains("ใช้รหัสผ่านเดิม").doesNotContain("รหัสผ่านชั่วคราว");
    }

    @Test
    void aFacilityKeepsItsOneKtbWalletAdminAcrossRequests() {
        StaffUser clerk = new StaffUser("clerk-10997", "เจ้าหน้าที่หนองเรือ", Role.FACILITY_STAFF, "10997", "40", 7);
        RequestedPerson admin = person("ผู้ดูแล", EnumSet.of(DataCenterRole.KTB_WALLET_ADMIN));
        long first = requests.createDraft(clerk, "10997");
        requests.replacePeople(clerk, first, List.of(admin));
        requests.storeFile(clerk, first, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4 test".getBytes());
        requests.submit(clerk, first);
        requests.decideAtProvince(PROVINCE, first, AccessRequests.ProvinceDecision.FORWARD, lines(1), null);
        requests.decideAtRegion(REGION, first, AccessRequests.RegionDecision.APPROVE, lines(1), null);
        runProvisioning(first);

        long second = requests.createDraft(clerk, "10997");
        RequestedPerson another = person("อีกคน", EnumSet.of(DataCenterRole.KTB_WALLET_ADMIN));
        assertThatThrownBy(() -> requests.replacePeople(clerk, second, List.of(another)))
                .isInstanceOfSatisfying(InvalidAttachmentException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.row()).isEqualTo(1);
                            assertThat(p.column()).isEqualTo(RequestedSystem.KTB_HEALTH_WALLET.header());
                            assertThat(p.messageTh()).contains(admin.nationalId());
                            assertThat(p.messageEn()).contains("already has its KTB Health Wallet admin");
                        }));
        requests.replacePeople(clerk, second, List.of(new RequestedPerson(another.nationalId(), another.title(),
                another.firstName(), another.lastName(), another.position(), another.email(), another.mobile(),
                EnumSet.of(DataCenterRole.KTB_WALLET_USER))));
        assertThat(requests.lines(second)).hasSize(1);
    }
}
