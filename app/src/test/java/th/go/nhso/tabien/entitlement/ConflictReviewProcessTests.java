package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.TabienException;

/** Every outcome of EntitlementChangeProcess.bpmn, and its reminder, with the real delegates. */
@TabienTest
class ConflictReviewProcessTests extends EntitlementRulesContractSupport {

    @Autowired ConflictReviews reviews;
    @Autowired ManagementService management;
    @Autowired HistoryService history;

    private long conflictFor(Person p) throws IOException {
        run(csv(p.nationalId() + ",OFC,START,2024-02-01,,,,"));
        return jdbc.sql("select conflict_id from entitlement_conflict where national_id = :p").param("p", p.nationalId())
                .query(Long.class).single();
    }

    private boolean ended(long conflictId) {
        return history.createHistoricActivityInstanceQuery().activityId("Event_ConflictResolved")
                .processInstanceId(history.createHistoricProcessInstanceQuery().processDefinitionKey("EntitlementChangeProcess")
                        .processInstanceBusinessKey(String.valueOf(conflictId)).singleResult().getId())
                .count() == 1;
    }

    @Test
    void keepingTheNewRightEndsTheOldOneTheDayBefore() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        long id = conflictFor(p);
        reviews.decide(REGION_7, id, ConflictReviews.Decision.KEEP_NEW, "ลาออกจากงานเอกชนเข้ารับราชการ");
        List<Entitlement> rights = rights(p);
        assertThat(rights).extracting(Entitlement::scheme).containsExactly(Scheme.OFC, Scheme.SSS);
        assertThat(rights.get(1).validTo()).isEqualTo(d("2024-01-31"));
        assertThat(reviews.find(id).status()).isEqualTo("KEPT_NEW");
        assertThat(ended(id)).isTrue();
    }

    @Test
    void keepingBothAddsTheNewRightBesideTheOld() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        long id = conflictFor(p);
        reviews.decide(REGION_7, id, ConflictReviews.Decision.KEEP_BOTH, "สิทธิซ้อนตามกฎหมายช่วงเปลี่ยนงาน");
        assertThat(rights(p)).extracting(Entitlement::scheme).containsExactly(Scheme.OFC, Scheme.SSS);
        assertThat(rights(p)).allMatch(e -> e.validTo() == null);
        assertThat(reviews.find(id).status()).isEqualTo("KEPT_BOTH");
    }

    @Test
    void keepingTheExistingOrRejectingChangesNothing() throws IOException {
        Person kept = person("40", Scheme.SSS, d("2015-05-01"), null);
        Person rejected = person("40", Scheme.SSS, d("2015-05-01"), null);
        long keptId = conflictFor(kept);
        long rejectedId = conflictFor(rejected);
        reviews.decide(REGION_7, keptId, ConflictReviews.Decision.KEEP_EXISTING, "ยังเป็นลูกจ้างเอกชน");
        reviews.decide(REGION_7, rejectedId, ConflictReviews.Decision.REJECT, "กรมบัญชีกลางส่งผิดคน");
        assertThat(rights(kept)).extracting(Entitlement::scheme).containsExactly(Scheme.SSS);
        assertThat(rights(rejected)).extracting(Entitlement::scheme).containsExactly(Scheme.SSS);
        assertThat(reviews.find(rejectedId).decisionReason()).isEqualTo("กรมบัญชีกลางส่งผิดคน");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'REVIEW_ENTITLEMENT_CONFLICT' and subject_id = :p")
                .param("p", rejected.nationalId()).query(Integer.class).single()).isOne();
        assertThat(ended(keptId)).isTrue();
        assertThat(ended(rejectedId)).isTrue();
    }

    @Test
    void aDecisionNeedsAReasonTheRightRegionAndIsMadeOnce() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        long id = conflictFor(p);
        StaffUser otherRegion = new StaffUser("r8", "r8", Role.REGIONAL_APPROVER, null, null, 8);
        assertThatThrownBy(() -> reviews.decide(REGION_7, id, ConflictReviews.Decision.KEEP_NEW, " "))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("birth.reasonRequired");
        assertThatThrownBy(() -> reviews.decide(otherRegion, id, ConflictReviews.Decision.KEEP_NEW, "x"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("security.conflictOutsideRegion");
        assertThat(reviews.open(otherRegion)).noneMatch(c -> c.conflictId() == id);
        assertThat(reviews.open(REGION_7)).anyMatch(c -> c.conflictId() == id);
        reviews.decide(REGION_7, id, ConflictReviews.Decision.REJECT, "ผิด");
        assertThatThrownBy(() -> reviews.decide(REGION_7, id, ConflictReviews.Decision.KEEP_NEW, "อีกครั้ง"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("feed.conflictDecided");
    }

    @Test
    void reviewersAreRemindedUntilTheyDecide() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        long id = conflictFor(p);
        String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey("EntitlementChangeProcess").processInstanceBusinessKey(String.valueOf(id))
                .singleResult().getId();
        int before = jdbc.sql("select count(*) from mail_outbox where recipient = 'region@tabien.example'").query(Integer.class).single();
        management.executeJob(management.createJobQuery().processInstanceId(instance).activityId("Event_ReviewReminder")
                .singleResult().getId());
        int after = jdbc.sql("select count(*) from mail_outbox where recipient = 'region@tabien.example'").query(Integer.class).single();
        assertThat(after - before).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(instance).activityId("Event_ReviewReminder").count())
                .as("the next reminder").isOne();
    }
}
