package th.go.nhso.tabien.system;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox over SMTP when {@code spring.mail.host} is set. A mail is claimed before it
 * is sent, so two app nodes never send the same one; a failure (SMTP down) is counted and
 * retried on the next round, up to {@link #MAX_ATTEMPTS}.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
public class MailDelivery {

    static final int MAX_ATTEMPTS = 20;
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final JdbcClient jdbc;
    private final JavaMailSender sender;
    private final Clock clock;

    public MailDelivery(JdbcClient jdbc, JavaMailSender sender, Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tabien.mail.delivery-interval:PT15S}")
    public void deliver() {
        List<Long> pending = jdbc.sql("""
                        select mail_id from mail_outbox where sent_at is null and attempts < :max
                        order by mail_id fetch first 100 rows only
                        """)
                .param("max", MAX_ATTEMPTS).query(Long.class).list();
        for (long id : pending) {
            if (claim(id)) {
                send(id);
            }
        }
    }

    private boolean claim(long id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        update mail_outbox set claimed_at = :now
                        where mail_id = :id and sent_at is null and (claimed_at is null or claimed_at < :stale)
                        """)
                .param("now", now).param("stale", now.minus(CLAIM_TIMEOUT)).param("id", id).update() == 1;
    }

    private void send(long id) {
        var mail = jdbc.sql("select recipient, subject, body from mail_outbox where mail_id = :id").param("id", id)
                .query((rs, n) -> {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setTo(rs.getString("recipient"));
                    message.setSubject(rs.getString("subject"));
                    message.setText(rs.getString("body"));
                    return message;
                }).single();
        try {
            sender.send(mail);
            jdbc.sql("update mail_outbox set sent_at = :now, attempts = attempts + 1, last_error = null where mail_id = :id")
                    .param("now", OffsetDateTime.now(clock)).param("id", id).update();
        } catch (MailException e) {
            // an SMTP refusal names the recipient: the log gets the reason without the address (the outbox keeps it)
            log.warn("E-mail {} not sent, will retry: {}", id, String.valueOf(e.getMessage()).replaceAll("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", "<address>"));
            String error = String.valueOf(e.getMessage());
            jdbc.sql("update mail_outbox set attempts = attempts + 1, claimed_at = null, last_error = :error where mail_id = :id")
                    .param("error", error.length() > 500 ? error.substring(0, 500) : error).param("id", id).update();
        }
    }
}
