package th.go.nhso.tabien.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.access.AccessRequests;
import th.go.nhso.tabien.access.RequestedPerson;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.authen.lifecycle.PasswordResets;
import th.go.nhso.tabien.birth.BirthCases;
import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.support.LocalSmtp;
import th.go.nhso.tabien.support.MovableClock;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.MailDelivery;

/**
 * SMTP down while the processes write e-mails (issue #8, faults): a birth's follow-up reminder,
 * the e-mail of a provisioned Data Center account and a password-reset link are written while
 * the mail server (GreenMail) is down. They wait in the outbox with their attempts and error,
 * are retried with growing pauses, and once the server is back each is delivered exactly once
 * (counted by recipient and subject), none lost. A repeat after the server accepted a mail but
 * before Tabien could mark it sent (node died in between) carries the same Message-ID.
 */
@TabienTest
class MailOutageTests {

    private static final String PASSWORD = "outage-password-1";

    @Autowired JdbcClient jdbc;
    @Autowired BirthCases births;
    @Autowired AccessRequests requests;
    @Autowired AccountDirectory accounts;
    @Autowired PasswordResets resets;
    @Autowired ManagementService management;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;

    private final MovableClock clock = new MovableClock();
    private GreenMail smtp;
    private int port;
    private MailDelivery delivery;
    private long before;

    @BeforeEach
    void smtpServer() {
        smtp = new GreenMail(ServerSetup.SMTP.dynamicPort());
        smtp.start();
        port = smtp.getSmtp().getPort();
        delivery = new MailDelivery(jdbc, LocalSmtp.sender(port), clock);
        // this test's mails are those written from now on (delivery also sends what the shared context left unsent)
        before = jdbc.sql("select coalesce(max(mail_id), 0) from mail_outbox").query(Long.class).single();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void mailsWrittenWhileSmtpIsDownAreEachDeliveredOnceWhenItIsBack() throws Exception {
        smtp.stop();

        // the processes go on and write their e-mails
        StaffUser clerk = accounts.createOrUpdate(new NewAccount("outage-clerk", "1100000000024", "ผู้ติดตาม", "outage-clerk@rph.example",
                Role.FACILITY_STAFF, "10670", null, null), PASSWORD).asStaffUser();
        String number = births.file(clerk, thaiBirth(), null).birth().certificateNumber();
        fire(number, "BirthNotificationProcess", "Event_RegistrationDeadline");
        fire(number, "BirthNotificationProcess", "Event_FollowUpReminder");

        StaffUser province = accounts.createOrUpdate(new NewAccount("outage-province", "1100000000024", "จังหวัด", null,
                Role.PROVINCIAL_APPROVER, null, "40", null), PASSWORD).asStaffUser();
        StaffUser region = accounts.createOrUpdate(new NewAccount("outage-region", "1100000000024", "เขต", null,
                Role.REGIONAL_APPROVER, null, null, 7), PASSWORD).asStaffUser();
        String pid = TestIds.nextThai().value();
        long request = requests.createDraft(clerk, "10670");
        requests.replacePeople(clerk, request, List.of(new RequestedPerson(pid, "นาย", "ได้บัญชี", "ตอนล่ม", "นักวิชาการสาธารณสุข",
                "new-user-" + pid + "@rph.example", "0891234567", EnumSet.of(DataCenterRole.E_CLAIM))));
        requests.storeFile(clerk, request, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4".getBytes());
        requests.submit(clerk, request);
        requests.decideAtProvince(province, request, AccessRequests.ProvinceDecision.FORWARD, Set.of(1), null);
        requests.decideAtRegion(region, request, AccessRequests.RegionDecision.APPROVE, Set.of(1), null);
        fire(String.valueOf(request), "AccessRequestProcess", "Task_ProvisionAccounts");

        resets.requestByPerson("outage-clerk", "outage-clerk@rph.example");

        List<Map<String, Object>> written = ours();
        assertThat(written).extracting(m -> (String) m.get("recipient"))
                .contains("outage-clerk@rph.example", "new-user-" + pid + "@rph.example");
        assertThat(written).extracting(m -> (String) m.get("subject")).anyMatch(s -> s.contains("รหัสผ่าน"));
        assertThat(written.size()).isGreaterThanOrEqualTo(3);

        // the server is down: every mail waits with its attempt counted and its error, none sent
        delivery.deliver();
        assertThat(ours()).allSatisfy(m -> {
            assertThat(m.get("sent_at")).isNull();
            assertThat(((Number) m.get("attempts")).intValue()).isEqualTo(1);
            assertThat((String) m.get("last_error")).isNotBlank();
        });
        // ... and is not hammered: the next try waits (15 s, then 30 s, ...)
        delivery.deliver();
        assertThat(ours()).allSatisfy(m -> assertThat(((Number) m.get("attempts")).intValue()).isEqualTo(1));
        clock.advance(Duration.ofSeconds(16));
        delivery.deliver();
        assertThat(ours()).allSatisfy(m -> assertThat(((Number) m.get("attempts")).intValue()).isEqualTo(2));
        // an outage of hours: still kept, still retried (the pause stops growing at an hour)
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            delivery.deliver();
        }
        assertThat(ours()).allSatisfy(m -> {
            assertThat(m.get("sent_at")).isNull();
            assertThat(((Number) m.get("attempts")).intValue()).isEqualTo(14);
        });

        // back up on the same port: each delivered once, however often delivery runs
        smtp = new GreenMail(new ServerSetup(port, null, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        delivery.deliver();
        delivery.deliver();
        clock.advance(Duration.ofHours(2));
        delivery.deliver();

        List<Map<String, Object>> sent = ours();
        assertThat(sent).allSatisfy(m -> assertThat(m.get("sent_at")).isNotNull());
        Map<String, Integer> expected = new HashMap<>();
        sent.forEach(m -> expected.merge(m.get("recipient") + " | " + m.get("subject"), 1, Integer::sum));
        assertThat(received()).as("delivered by recipient and subject").isEqualTo(expected);
    }

    @Test
    void aMailSentAgainAfterTheServerAcceptedItCarriesTheSameMessageId() throws Exception {
        accounts.createOrUpdate(new NewAccount("outage-twice", "1100000000024", "ส่งซ้ำ", "outage-twice@rph.example",
                Role.FACILITY_STAFF, "10670", null, null), PASSWORD);
        resets.requestByPerson("outage-twice", "outage-twice@rph.example");
        long id = jdbc.sql("select max(mail_id) from mail_outbox").query(Long.class).single();
        delivery.deliver();
        assertThat(copiesOf(id)).hasSize(1);

        // the node died after the server's "250 OK" and before its own "sent" committed: the
        // row is still claimed and unsent, and goes out again once the claim is stale
        jdbc.sql("update mail_outbox set sent_at = null, claimed_at = :t where mail_id = :id")
                .param("t", OffsetDateTime.now(clock)).param("id", id).update();
        delivery.deliver();
        assertThat(copiesOf(id)).as("claimed by the dead node: not yet").hasSize(1);
        clock.advance(Duration.ofMinutes(6));
        delivery.deliver();

        List<MimeMessage> copies = copiesOf(id);
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).getMessageID()).isEqualTo(copies.get(1).getMessageID());
        assertThat(copies.get(0).getAllRecipients()[0].toString()).isEqualTo("outage-twice@rph.example");
        delivery.deliver();
        assertThat(copiesOf(id)).hasSize(2);
    }

    /** What the server received of one outbox row, known by its Message-ID. */
    private List<MimeMessage> copiesOf(long id) throws Exception {
        List<MimeMessage> copies = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getMessageID() != null && m.getMessageID().startsWith("<outbox." + id + ".")) {
                copies.add(m);
            }
        }
        return copies;
    }

    private List<Map<String, Object>> ours() {
        return jdbc.sql("select mail_id, recipient, subject, sent_at, attempts, last_error from mail_outbox where mail_id > :m order by mail_id")
                .param("m", before).query().listOfRows();
    }

    private Map<String, Integer> received() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            long id = Long.parseLong(m.getMessageID().replaceAll("<outbox\\.(\\d+)\\..*", "$1"));
            if (id <= before) {
                continue; // left unsent by an earlier test of the shared context
            }
            for (var to : m.getRecipients(Message.RecipientType.TO)) {
                counts.merge(to.toString() + " | " + m.getSubject(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private void fire(String businessKey, String processKey, String activityId) {
        String process = runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(businessKey).singleResult().getId();
        List<Job> jobs = new ArrayList<>(management.createJobQuery().processInstanceId(process).activityId(activityId).list());
        assertThat(jobs).as("job at %s", activityId).hasSize(1);
        management.executeJob(jobs.get(0).getId());
    }

    private static BirthRecord thaiBirth() {
        return new BirthRecord("10670",
                new BirthRecord.Child("", "รอติดตาม", "F", OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(2)
                        .withHour(9).withMinute(0).withSecond(0).withNano(0), "FACILITY", 1, 1, 3000, 39),
                new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมใจ", "รอติดตาม", "THA", LocalDate.of(1994, 2, 2), "40"),
                new BirthRecord.Parent(null, "MA7654321", "Aung", "Min", "MMR", null, null),
                "MARRIED", new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"),
                List.of(), List.of(), null, new BirthRecord.Other("", "สมใจ รอติดตาม (มารดา)"));
    }
}
