package th.go.nhso.tabien.authen;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who read or changed whose personal data, when and from where (Thai PDPA). Append-only:
 * nothing in Tabien updates or deletes an entry.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records in its own transaction, so a read that fails later is still on record. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String username, String action, String subjectType, String subjectId, String detail) {
        jdbc.sql("""
                        insert into audit_event (occurred_at, username, action, subject_type, subject_id, detail, remote_address)
                        values (:at, :username, :action, :type, :id, :detail, :remote)
                        """)
                .param("at", OffsetDateTime.now(clock)).param("username", username).param("action", action)
                .param("type", subjectType).param("id", subjectId).param("detail", detail)
                .param("remote", remoteAddress()).update();
    }

    public List<AuditEvent> latest(int limit, String subjectId) {
        return jdbc.sql("""
                        select event_id, occurred_at, username, action, subject_type, subject_id, detail, remote_address
                        from audit_event
                        where (cast(:subject as varchar(64)) is null or subject_id = :subject)
                        order by event_id desc
                        fetch first :limit rows only
                        """)
                .param("subject", subjectId).param("limit", limit)
                .query((rs, n) -> new AuditEvent(rs.getLong("event_id"), rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("username"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("detail"), rs.getString("remote_address")))
                .list();
    }

    private static String remoteAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                ? attrs.getRequest().getRemoteAddr() : null;
    }

    public record AuditEvent(long id, OffsetDateTime occurredAt, String username, String action, String subjectType,
                             String subjectId, String detail, String remoteAddress) {
    }
}
