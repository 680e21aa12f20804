package th.go.nhso.tabien.system;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every e-mail Tabien sends is written here first, in the caller's transaction, so an e-mail
 * exists exactly when the change that caused it was committed. {@link MailDelivery} sends it
 * when an SMTP server is configured; without one (the embedded default) it stays here for
 * people to read at {@code /admin/outbox}.
 */
@Component
public class MailOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public MailOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void enqueue(String recipient, String subject, String body) {
        jdbc.sql("insert into mail_outbox (recipient, subject, body, created_at) values (:to, :subject, :body, :now)")
                .param("to", recipient).param("subject", subject).param("body", body)
                .param("now", OffsetDateTime.now(clock)).update();
    }

    public List<Mail> latest(int limit) {
        return jdbc.sql("""
                        select mail_id, recipient, subject, body, created_at, sent_at, attempts, last_error
                        from mail_outbox order by mail_id desc fetch first :limit rows only
                        """)
                .param("limit", limit)
                .query((rs, n) -> new Mail(rs.getLong("mail_id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("sent_at", OffsetDateTime.class), rs.getInt("attempts"), rs.getString("last_error")))
                .list();
    }

    public record Mail(long id, String recipient, String subject, String body, OffsetDateTime createdAt,
                       OffsetDateTime sentAt, int attempts, String lastError) {
    }
}
