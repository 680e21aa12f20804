package th.go.nhso.tabien.birth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/** Every path of BirthNotificationProcess.bpmn, with the real delegates and database. */
@TabienTest
class BirthProcessTests {

    @Autowired BirthCases births;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired Registry registry;
    @Autowired AccountDirectory accounts;
    @Autowired JdbcClient jdbc;
    @Autowired Settings settings;

    private static final LocalDate TODAY = LocalDate.now(ThaiDates.BANGKOK);

    private StaffUser facility;

    @BeforeEach
    void setUp() {
        init(engine);
        facility = accounts.find("facility").orElseThrow().asStaffUser();
    }

    private ProcessInstance instanceOf(String certificateNumber) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(certificateNumber).singleResult() == null
                ? null : runtime.createProcessInstanceQuery().processInstanceBusinessKey(certificateNumber).singleResult();
    }

    private String processInstanceId(String certificateNumber) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(certificateNumber).singleResult().getId();
    }

    private void fireTimer(String certificateNumber, String activityId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId(certificateNumber)).activityId(activityId).singleResult();
        assertThat(job).as("timer at %s", activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private Task followUpTask(String certificateNumber) {
        return tasks.createTaskQuery().processInstanceBusinessKey(certificateNumber)
                .taskDefinitionKey(BirthProcess.TASK_FOLLOW_UP).singleResult();
    }

    @Test
    void thaiBirthIsRegisteredWithUcAtTheBirthFacility() {
        BirthCases.Filed filed = births.file(facility, BirthRecords.thai(), null);
        String number = filed.birth().certificateNumber();
        assertThat(number).matches("10670-25\\d\\d-\\d{6}");
        assertThat(filed.birth().route()).isEqualTo("THAI");
        assertThat(filed.birth().status()).isEqualTo(BirthStatus.AWAITING_REGISTRATION);
        assertThat(instanceOf(number)).isWaitingAt("Gateway_WaitForRegistration");

        NationalId child = TestIds.nextThai();
        BirthCase registered = births.register(number, child.value(), TODAY, "เทศบาลนครขอนแก่น", "registrar");

        assertThat(registered.status()).isEqualTo(BirthStatus.REGISTERED);
        assertThat(registered.childNationalId()).isEqualTo(child.value());
        Person person = registry.findPerson(child).orElseThrow();
        assertThat(person.lastNameTh()).isEqualTo("ใจดี");
        assertThat(person.titleTh()).isEqualTo("เด็กหญิง");
        List<Entitlement> rights = registry.entitlementsOf(person);
        assertThat(rights).singleElement().satisfies(e -> {
            assertThat(e.scheme()).isEqualTo(Scheme.UC);
            assertThat(e.mainFacilityCode()).isEqualTo("10670");
            assertThat(e.validFrom()).isEqualTo(BirthRecords.BORN.toLocalDate());
        });
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId(number))
                .activityId("Event_ThaiBirthRegistered").count()).isOne();
        // the record's only copy is birth_case: the engine kept the facility's group and the route, no personal data
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId(number)).list())
                .extracting(HistoricVariableInstance::getName)
                .containsExactlyInAnyOrder(BirthProcess.FACILITY_GROUP, BirthProcess.ROUTE);
        assertThat(births.require(number).route()).isEqualTo(BirthProcess.ROUTE_THAI);
        assertThat(history.createHistoricJobLogQuery().processInstanceId(processInstanceId(number)).count())
                .as("the deadline was scheduled and cancelled: history level full-without-job-scheduling logs neither").isZero();
    }

    @Test
    void thaiFatherMakesTheChildThai() {
        BirthRecord r = BirthRecords.withFather(BirthRecords.foreign(),
                new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมชาย", "ดีงาม", "THA", null, null));
        assertThat(births.file(facility, r, null).birth().route()).isEqualTo("THAI");
    }

    @Test
    void foreignBirthIsRegisteredWithoutUc() {
        String number = births.file(facility, BirthRecords.foreign(), null).birth().certificateNumber();
        assertThat(births.require(number).route()).isEqualTo("FOREIGN");

        BirthCase registered = births.register(number, null, TODAY, "เทศบาลนครขอนแก่น", "registrar");

        assertThat(registered.status()).isEqualTo(BirthStatus.REGISTERED);
        long personId = jdbc.sql("select child_person_id from birth_case where certificate_number = :n").param("n", number)
                .query(Long.class).single();
        assertThat(jdbc.sql("select nationality from person where person_id = :p").param("p", personId).query(String.class).single())
                .isEqualTo("MMR");
        assertThat(jdbc.sql("select count(*) from entitlement where person_id = :p").param("p", personId).query(Integer.class).single())
                .as("no UC for a foreign child").isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId(number))
                .activityId("Event_ForeignBirthRegistered").count()).isOne();
    }

    @Test
    void foreignChildCannotGetAThaiPid() {
        String number = births.file(facility, BirthRecords.foreign(), null).birth().certificateNumber();
        assertThatThrownBy(() -> births.register(number, TestIds.nextThai().value(), TODAY, "x", "registrar"))
                .isInstanceOf(TabienException.class).extracting(e -> ((TabienException) e).code()).isEqualTo("birth.pidCategory");
        assertThat(births.require(number).status()).isEqualTo(BirthStatus.AWAITING_REGISTRATION);
    }

    @Test
    void deadlineOpensAFollowUpAndALateRegistrationEndsIt() {
        String number = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        fireTimer(number, "Event_RegistrationDeadline");

        Task task = followUpTask(number);
        assertThat(task).isNotNull();
        assertThat(task.getDueDate()).isAfter(new java.util.Date());
        assertThat(births.followUpDueDates(List.of(births.require(number)))).containsEntry(number, task.getDueDate());
        assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("facility:10670"));
        assertThat(births.require(number).status()).isEqualTo(BirthStatus.FOLLOW_UP);

        NationalId child = TestIds.nextThai();
        births.register(number, child.value(), TODAY, "อำเภอเมืองขอนแก่น", "registrar");

        assertThat(followUpTask(number)).isNull();
        assertThat(births.require(number).status()).isEqualTo(BirthStatus.REGISTERED);
        assertThat(registry.findPerson(child)).isPresent();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(processInstanceId(number)).list())
                .as("what the jobs did stays in history: the deadline fired; the cancelled reminder left nothing")
                .singleElement().satisfies(log -> {
                    assertThat(log.isSuccessLog()).isTrue();
                    assertThat(log.getActivityId()).isEqualTo("Event_RegistrationDeadline");
                });
    }

    @Test
    void aFollowUpKeepsTheTermsTheBirthWasFiledWith() {
        String number = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        settings.change(DurationSetting.BIRTH_FOLLOW_UP_DUE, "P1D", "admin");
        settings.change(DurationSetting.BIRTH_FOLLOW_UP_REMINDER, "P1D", "admin");
        try {
            fireTimer(number, "Event_RegistrationDeadline");
        } finally {
            settings.reset(DurationSetting.BIRTH_FOLLOW_UP_DUE);
            settings.reset(DurationSetting.BIRTH_FOLLOW_UP_REMINDER);
        }

        java.util.Date inAWeek = java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(6)));
        assertThat(followUpTask(number).getDueDate()).as("15 working days, as when it was filed, not P1D").isAfter(inAWeek);
        assertThat(management.createJobQuery().processInstanceId(processInstanceId(number)).activityId("Event_FollowUpReminder")
                .singleResult().getDuedate()).as("a reminder every P7D, as when it was filed").isAfter(inAWeek);
    }

    @Test
    void anInstanceStartedBeforeV17KeepsTheFollowUpTermsItCarries() {
        String number = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        // such instances got the terms as variables at their start
        runtime.setVariable(processInstanceId(number), BirthProcess.FOLLOW_UP_DUE, "P2D");
        runtime.setVariable(processInstanceId(number), BirthProcess.FOLLOW_UP_REMINDER, "R/P1D");

        fireTimer(number, "Event_RegistrationDeadline");

        java.time.Instant now = java.time.Instant.now();
        assertThat(followUpTask(number).getDueDate().toInstant())
                .isBetween(now.plus(java.time.Duration.ofDays(1)), now.plus(java.time.Duration.ofDays(3)));
        assertThat(management.createJobQuery().processInstanceId(processInstanceId(number)).activityId("Event_FollowUpReminder")
                .singleResult().getDuedate().toInstant()).isBefore(now.plus(java.time.Duration.ofDays(2)));
    }

    @Test
    void registrarReportOpensAFollowUpThatStaffCloseWithAnOutcome() {
        String number = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        assertThat(births.reportUnregistered(List.of(number, "10670-2569-999999"), "registrar")).containsExactly(number);
        assertThat(births.reportUnregistered(List.of(number), "registrar")).as("already in follow-up").isEmpty();

        births.closeFollowUp(facility, number, FollowUpOutcome.MOVED_AWAY, null, "ย้ายไปจังหวัดชลบุรี");

        BirthCase closed = births.require(number);
        assertThat(closed.status()).isEqualTo(BirthStatus.CLOSED);
        assertThat(closed.followUpOutcome()).isEqualTo("MOVED_AWAY");
        assertThat(instanceOf(number)).isNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId(number))
                .activityId("Event_FollowUpClosed").count()).isOne();
    }

    @Test
    void followUpClosedAsRegisteredElsewhereRegistersTheChild() {
        String number = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        births.reportUnregistered(List.of(number), "registrar");
        NationalId child = TestIds.nextThai();

        births.closeFollowUp(facility, number, FollowUpOutcome.REGISTERED_ELSEWHERE, child.value(), "สำนักงานเขตบางรัก");

        assertThat(births.require(number).status()).isEqualTo(BirthStatus.REGISTERED);
        assertThat(registry.entitlementsOf(registry.findPerson(child).orElseThrow())).extracting(Entitlement::scheme)
                .containsExactly(Scheme.UC);
    }

    @Test
    void followUpRemindsTheFacilityByEmailAndStaysOpen() {
        String number = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        births.reportUnregistered(List.of(number), "registrar");
        int before = jdbc.sql("select count(*) from mail_outbox where subject like :s").param("s", "%" + number + "%")
                .query(Integer.class).single();

        fireTimer(number, "Event_FollowUpReminder");

        int after = jdbc.sql("select count(*) from mail_outbox where subject like :s").param("s", "%" + number + "%")
                .query(Integer.class).single();
        long facilityStaffWithEmail = accounts.accountsOfFacility("10670").stream()
                .filter(a -> a.email() != null && !a.suspended()).count();
        assertThat(after - before).as("one reminder to each of the facility's staff").isEqualTo(facilityStaffWithEmail)
                .isPositive();
        assertThat(followUpTask(number)).as("a follow-up never ends silently").isNotNull();
        assertThat(management.createJobQuery().processInstanceId(processInstanceId(number)).activityId("Event_FollowUpReminder").count())
                .as("the next reminder is scheduled").isOne();
    }

    @Test
    void birthDefectsGoToTheDefectRegistryAndFollowTheChild() {
        String number = births.file(facility, BirthRecords.withDefects(BirthRecords.thai(), "Q90.9", "Q36.9"), null)
                .birth().certificateNumber();
        long caseId = births.require(number).caseId();
        assertThat(jdbc.sql("select code from birth_defect where case_id = :c order by code").param("c", caseId)
                .query(String.class).list()).containsExactly("Q36.9", "Q90.9");

        NationalId child = TestIds.nextThai();
        births.register(number, child.value(), TODAY, "x", "registrar");
        long personId = registry.findPerson(child).orElseThrow().personId();
        assertThat(jdbc.sql("select count(*) from birth_defect where person_id = :p").param("p", personId).query(Integer.class).single())
                .isEqualTo(2);
    }

    @Test
    void correctionsBeforeRegistrationAreAuditedAndRefusedAfter() {
        BirthRecord filed = BirthRecords.thai();
        String number = births.file(facility, filed, null).birth().certificateNumber();
        BirthRecord.Parent m = filed.mother();
        BirthRecord corrected = BirthRecords.withMother(filed,
                new BirthRecord.Parent(m.nationalId(), null, "สมศรี", "ใจงาม", "THA", m.birthDate(), "40"));

        births.correct(facility, number, corrected, "นามสกุลมารดาพิมพ์ผิด");

        assertThat(births.require(number).record().mother().lastName()).isEqualTo("ใจงาม");
        assertThat(jdbc.sql("select detail from audit_event where subject_id = :n and action = 'CORRECT_BIRTH'").param("n", number)
                .query(String.class).single()).isEqualTo("นามสกุลมารดาพิมพ์ผิด");
        assertThatThrownBy(() -> births.correct(facility, number, corrected, " "))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("birth.reasonRequired");

        births.register(number, TestIds.nextThai().value(), TODAY, "x", "registrar");
        assertThatThrownBy(() -> births.correct(facility, number, corrected, "again"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("birth.notOpen");
    }

    @Test
    void correctingAParentsNationalityDecidesTheRouteAgain() {
        BirthRecord filed = BirthRecords.foreign();
        String number = births.file(facility, filed, null).birth().certificateNumber();
        assertThat(births.require(number).route()).isEqualTo("FOREIGN");
        BirthRecord.Parent m = filed.mother();
        BirthRecord corrected = BirthRecords.withMother(filed,
                new BirthRecord.Parent(TestIds.nextThai().value(), null, m.firstName(), m.lastName(), "THA", m.birthDate(), "40"));

        births.correct(facility, number, corrected, "สัญชาติมารดาบันทึกผิด");

        assertThat(births.require(number).route()).isEqualTo("THAI");
        assertThat(runtime.getVariable(instanceOf(number).getId(), "route")).isEqualTo("THAI");
        String child = TestIds.nextThai().value();
        assertThat(births.register(number, child, TODAY, "เทศบาลนครขอนแก่น", "registrar").status())
                .isEqualTo(BirthStatus.REGISTERED);
        assertThat(registry.findPerson(NationalId.parse(child)).flatMap(p -> registry.entitlementOn(p, TODAY)))
                .hasValueSatisfying(right -> assertThat(right.scheme().name()).isEqualTo("UC"));
    }

    @Test
    void cancelledNotificationEndsAndTheBirthCanBeFiledAgain() {
        BirthRecord record = BirthRecords.thai();
        String number = births.file(facility, record, null).birth().certificateNumber();

        births.cancel(facility, number, "แจ้งผิดคน");

        assertThat(births.require(number).status()).isEqualTo(BirthStatus.CANCELLED);
        assertThat(instanceOf(number)).isNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId(number))
                .activityId("Event_NotificationCancelled").count()).isOne();
        assertThat(births.file(facility, record, null).birth().certificateNumber()).isNotEqualTo(number);
    }

    @Test
    void theSameBirthCannotBeFiledTwice() {
        BirthRecord record = BirthRecords.thai();
        String first = births.file(facility, record, null).birth().certificateNumber();
        assertThatThrownBy(() -> births.file(facility, record, null))
                .isInstanceOf(TabienException.class)
                .satisfies(e -> {
                    assertThat(((TabienException) e).code()).isEqualTo("birth.duplicate");
                    assertThat(((TabienException) e).properties()).containsEntry("certificateNumber", first);
                });
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstFiling() {
        BirthRecord record = BirthRecords.thai();
        BirthCases.Filed first = births.file(facility, record, "his-request-" + System.nanoTime());
        String key = jdbc.sql("select idempotency_key from birth_idempotency_key where certificate_number = :n")
                .param("n", first.birth().certificateNumber()).query(String.class).single();
        BirthCases.Filed again = births.file(facility, record, key);
        assertThat(again.created()).isFalse();
        assertThat(again.birth().certificateNumber()).isEqualTo(first.birth().certificateNumber());
    }

    @Test
    void certificateNumbersRunPerFacility() {
        String a = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        String b = births.file(facility, BirthRecords.thai(), null).birth().certificateNumber();
        assertThat(Integer.parseInt(b.substring(b.lastIndexOf('-') + 1)))
                .isEqualTo(Integer.parseInt(a.substring(a.lastIndexOf('-') + 1)) + 1);
    }
}
