package th.go.nhso.tabien.system;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox over SMTP when {@code spring.mail.host} is set. A mail is claimed before it
 * is sent, so two app nodes never send the same one; a failure (SMTP down) is counted and
 * retried after a pause that doubles from {@link #FIRST_RETRY} up to {@link #LONGEST_RETRY},
 * so an outage of hours loses nothing (up to {@link #MAX_ATTEMPTS}, about a week).
 * <p>
 * The guarantee is at least once, never silently zero: a mail is marked sent only after the
 * SMTP server accepted it. If the node dies (or the database fails) between the server's
 * acceptance and that mark, the claim goes stale after {@link #CLAIM_TIMEOUT} and the mail is
 * sent again. No SMTP client can rule that out (the acceptance and our mark cannot be one
 * transaction), so every attempt of one outbox row carries the same {@code Message-ID}
 * ({@code <outbox.<id>.<created>@tabien>}): a repeat is recognisably the same message, and mail
 * stores and clients that drop duplicate Message-IDs show it once.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
public class MailDelivery {

    static final int MAX_ATTEMPTS = 200;
    static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);
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
                          and (next_attempt_at is null or next_attempt_at <= :now)
                        order by mail_id fetch first 100 rows only
                        """)
                .param("max", MAX_ATTEMPTS).param("now", OffsetDateTime.now(clock)).query(Long.class).list();
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
        Row row = jdbc.sql("select recipient, subject, body, created_at from mail_outbox where mail_id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .single();
        try {
            sender.send(message(id, row));
            jdbc.sql("update mail_outbox set sent_at = :now, attempts = attempts + 1, last_error = null where mail_id = :id")
                    .param("now", OffsetDateTime.now(clock)).param("id", id).update();
        } catch (MailException e) {
            // an SMTP refusal names the recipient: the log gets the reason without the address (the outbox keeps it)
            log.warn("E-mail {} not sent, will retry: {}", id, String.valueOf(e.getMessage()).replaceAll("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", "<address>"));
            String error = String.valueOf(e.getMessage());
            jdbc.sql("""
                            update mail_outbox set attempts = attempts + 1, claimed_at = null, last_error = :error,
                                   next_attempt_at = :next
                            where mail_id = :id
                            """)
                    .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                    .param("next", OffsetDateTime.now(clock).plus(retryAfter(attempts(id) + 1))).param("id", id).update();
        }
    }

    private int attempts(long id) {
        return jdbc.sql("select attempts from mail_outbox where mail_id = :id").param("id", id).query(Integer.class).single();
    }

    /** The pause before the next try after the given number of failed ones: 15 s, 30 s, 1 min, ... at most an hour. */
    static Duration retryAfter(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 20);
        Duration pause = FIRST_RETRY.multipliedBy(1L << doublings);
        return pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause;
    }

    private record Row(String recipient, String subject, String body, OffsetDateTime created) {
    }

    private MimeMessage message(long id, Row row) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setTo(row.recipient());
            helper.setSubject(row.subject());
            helper.setText(row.body());
            // the same on every attempt (JavaMailSenderImpl keeps a Message-ID set beforehand)
            message.setHeader("Message-ID", "<outbox." + id + "." + row.created().toInstant().toEpochMilli() + "@tabien>");
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
    }
}
