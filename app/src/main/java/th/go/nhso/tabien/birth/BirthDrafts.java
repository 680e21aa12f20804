package th.go.nhso.tabien.birth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.TabienException;

/**
 * Drafts of the filing form, shared by a facility's staff: one clerk starts at the delivery
 * room, another finishes at the office. A draft is checked only when it is filed.
 */
@Component
class BirthDrafts {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    BirthDrafts(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Saves a new draft, or over the given one; returns its id. */
    long save(StaffUser user, Long draftId, BirthForm form) {
        String title = ((form.motherFirstName() == null ? "" : form.motherFirstName()) + " "
                + (form.motherLastName() == null ? "" : form.motherLastName()) + " " + (form.birthDate() == null ? "" : form.birthDate())).strip();
        String body = write(form);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (draftId != null && jdbc.sql("""
                        update birth_draft set title = :title, form_json = :body, saved_by = :by, saved_at = :now
                        where draft_id = :id and facility_code = :h
                        """)
                .param("title", title).param("body", body).param("by", user.username()).param("now", now)
                .param("id", draftId).param("h", user.facilityCode()).update() == 1) {
            return draftId;
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into birth_draft (facility_code, title, form_json, saved_by, saved_at)
                        values (:h, :title, :body, :by, :now)
                        """)
                .param("h", user.facilityCode()).param("title", title.isEmpty() ? "-" : title).param("body", body)
                .param("by", user.username()).param("now", now).update(key, "draft_id");
        return key.getKey().longValue();
    }

    /** A draft of the user's own facility. */
    BirthForm open(StaffUser user, long draftId) {
        return jdbc.sql("select form_json from birth_draft where draft_id = :id and facility_code = :h")
                .param("id", draftId).param("h", user.facilityCode()).query(String.class).optional()
                .map(this::read).orElseThrow(() -> TabienException.notFound("birth.draftNotFound", draftId));
    }

    void delete(StaffUser user, long draftId) {
        jdbc.sql("delete from birth_draft where draft_id = :id and facility_code = :h")
                .param("id", draftId).param("h", user.facilityCode()).update();
    }

    List<Draft> ofFacility(String hcode) {
        return jdbc.sql("select draft_id, title, saved_by, saved_at from birth_draft where facility_code = :h order by saved_at desc")
                .param("h", hcode)
                .query((rs, n) -> new Draft(rs.getLong("draft_id"), rs.getString("title"), rs.getString("saved_by"),
                        rs.getObject("saved_at", OffsetDateTime.class)))
                .list();
    }

    private String write(BirthForm form) {
        try {
            return json.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A birth form always serialises", e);
        }
    }

    private BirthForm read(String body) {
        try {
            return json.readValue(body, BirthForm.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable birth draft", e);
        }
    }

    record Draft(long id, String title, String savedBy, OffsetDateTime savedAt) {
    }
}
