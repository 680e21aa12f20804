package th.go.nhso.tabien.authen.lifecycle;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.MailOutbox;
import th.go.nhso.tabien.support.TestIds;

/** Fresh accounts of the demo facility 10670 (region 7) and the outbox rows they receive. */
abstract class LifecycleTestSupport {

    static final String PASSWORD = "right-password-1";
    static final String FACILITY = "10670";
    static final StaffUser REGION_7 = new StaffUser("region", "วิไล", Role.REGIONAL_APPROVER, null, null, 7);
    static final StaffUser REGION_8 = new StaffUser("region-8", "ผู้อนุมัติเขต 8", Role.REGIONAL_APPROVER, null, null, 8);
    static final StaffUser ADMIN = new StaffUser("admin", "ผู้ดูแลระบบ", Role.ADMIN, null, null, null);
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired AccountDirectory directory;
    @Autowired AccountActivity activity;
    @Autowired JdbcClient jdbc;
    @Autowired MailOutbox outbox;

    /** A facility staff account that has just logged in, with its own e-mail. */
    String staffAccount(String prefix) {
        String username = prefix + "-" + System.nanoTime() % 1_000_000 + "-" + NEXT.incrementAndGet();
        directory.createOrUpdate(new AccountDirectory.NewAccount(username, TestIds.nextThai().value(), "ทดสอบ " + username,
                username + "@facility.example", Role.FACILITY_STAFF, FACILITY, null, null), PASSWORD);
        activity.started(username);
        return username;
    }

    StaffAccount account(String username) {
        return directory.find(username).orElseThrow();
    }

    StaffUser staffUser(String username) {
        return account(username).asStaffUser();
    }

    static UserDetails principal(StaffAccount account) {
        return Principals.of(account);
    }

    UserDetails principal(String username) {
        return Principals.of(account(username));
    }

    void lastActivity(String username, OffsetDateTime at) {
        jdbc.sql("update account_activity set last_activity_at = :at where username = :u").param("at", at).param("u", username)
                .update();
        jdbc.sql("update staff_account set created_at = :at, last_login_at = :at, unlocked_at = null where username = :u")
                .param("at", at).param("u", username).update();
    }

    List<MailOutbox.Mail> mailsTo(String recipient) {
        return jdbc.sql("select mail_id, recipient, subject, body, created_at from mail_outbox where recipient = :r order by mail_id")
                .param("r", recipient)
                .query((rs, n) -> new MailOutbox.Mail(rs.getLong("mail_id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class), null, 0, null))
                .list();
    }

    int audits(String action, String username) {
        return jdbc.sql("select count(*) from audit_event where action = :a and subject_id = :u").param("a", action)
                .param("u", username).query(Integer.class).single();
    }
}
