package th.go.nhso.tabien.authen;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who read or changed whose personal data, when and from where (Thai PDPA). Append-only:
 * nothing in Tabien updates or deletes an entry.
 * <p>
 * A machine client's call has an entry of its own ({@link #holdCallEntry}); it is written in
 * the same statement as the first entry the call makes, or alone when the call ends without
 * one, so a hospital system's visit costs one commit, not three.
 */
@Component
public class AuditTrail {

    private static final String HELD_CALL = AuditTrail.class.getName() + ".heldCall";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records in its own transaction, so a read that fails later is still on record. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String username, String action, String subjectType, String subjectId, String detail) {
        write(username, action, subjectType, subjectId, detail);
    }

    /**
     * Records a change in the transaction that makes it: the entry exists exactly when the
     * change does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(String username, String action, String subjectType, String subjectId, String detail) {
        write(username, action, subjectType, subjectId, detail);
    }

    /** The entry of an API call, kept on the request until the call writes its first entry or ends. */
    public void holdCallEntry(HttpServletRequest request, String username, String action, String subjectType, String subjectId,
                       String detail) {
        request.setAttribute(HELD_CALL, new Entry(OffsetDateTime.now(clock), username, action, subjectType, subjectId, detail,
                request.getRemoteAddr()));
    }

    /** At the end of the call: its entry, if no other entry took it along. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void writeHeldCallEntry(HttpServletRequest request) {
        if (request.getAttribute(HELD_CALL) instanceof Entry held) {
            insert(List.of(held));
            request.removeAttribute(HELD_CALL);
        }
    }

    private void write(String username, String action, String subjectType, String subjectId, String detail) {
        HttpServletRequest request = currentRequest();
        List<Entry> entries = new ArrayList<>(2);
        if (request != null && request.getAttribute(HELD_CALL) instanceof Entry held) {
            entries.add(held);
            // taken only if this transaction commits; otherwise the call's end writes it alone
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    request.removeAttribute(HELD_CALL);
                }
            });
        }
        entries.add(new Entry(OffsetDateTime.now(clock), username, action, subjectType, subjectId, detail,
                request == null ? null : request.getRemoteAddr()));
        insert(entries);
    }

    private void insert(List<Entry> entries) {
        StringBuilder sql = new StringBuilder(
                "insert into audit_event (occurred_at, username, action, subject_type, subject_id, detail, remote_address) values ");
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:at%1$d, :username%1$d, :action%1$d, :type%1$d, :id%1$d, :detail%1$d, :remote%1$d)"
                    .formatted(i));
        }
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            statement = statement.param("at" + i, e.at()).param("username" + i, e.username()).param("action" + i, e.action())
                    .param("type" + i, e.subjectType()).param("id" + i, e.subjectId()).param("detail" + i, e.detail())
                    .param("remote" + i, e.remoteAddress());
        }
        statement.update();
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

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs ? attrs.getRequest() : null;
    }

    private record Entry(OffsetDateTime at, String username, String action, String subjectType, String subjectId,
                         String detail, String remoteAddress) {
    }

    public record AuditEvent(long id, OffsetDateTime occurredAt, String username, String action, String subjectType,
                             String subjectId, String detail, String remoteAddress) {
    }
}
