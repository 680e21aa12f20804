package th.go.nhso.tabien.authen.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.ThaiDates;

/** Seed 001, case 3: admins define maintenance windows; during one the login says when it ends. */
@TabienTest
class MaintenanceWindowTests extends LifecycleTestSupport {

    @Autowired MockMvc mvc;

    @AfterEach
    void noMaintenance() {
        jdbc.sql("delete from maintenance_window").update();
    }

    /** "24/11/2569 22:00": how an admin types it. */
    private static String typed(ZonedDateTime t) {
        return ThaiDates.formatShort(t.toLocalDate()) + String.format(" %02d:%02d", t.getHour(), t.getMinute());
    }

    @Test
    void duringAWindowStaffAreRefusedWithItsEndTimeAndAdminsStillGetIn() throws Exception {
        String staff = staffAccount("maintenance");
        ZonedDateTime now = ZonedDateTime.now(ThaiDates.BANGKOK).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime end = now.plusHours(2);
        mvc.perform(post("/admin/maintenance").with(user(principal("admin"))).with(csrf())
                        .param("startsAt", typed(now.minusMinutes(5))).param("endsAt", typed(end))
                        .param("reason", "ปรับปรุงฐานข้อมูลประจำเดือน"))
                .andExpect(redirectedUrl("/admin/maintenance?added"));

        mvc.perform(formLogin().user(staff).password(PASSWORD)).andExpect(redirectedUrl("/login?refused=MAINTENANCE"));
        mvc.perform(get("/login").param("refused", "MAINTENANCE"))
                .andExpect(content().string(containsString("จะเปิดให้เข้าใช้งานได้อีกครั้งเวลา "
                        + ThaiDates.format(end.toOffsetDateTime(), ThaiDates.THAI) + " น.")));
        mvc.perform(formLogin().user("admin").password("admin")).andExpect(redirectedUrl("/"));
        mvc.perform(get("/admin/maintenance").with(user(principal("admin"))))
                .andExpect(content().string(containsString("ปรับปรุงฐานข้อมูลประจำเดือน")));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ADD_MAINTENANCE_WINDOW'").query(Integer.class).single())
                .isPositive();
    }

    @Test
    void onlyAWindowThatHasNotStartedCanBeRemovedAndBadTimesAreExplained() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ThaiDates.BANGKOK).truncatedTo(ChronoUnit.MINUTES);
        mvc.perform(post("/admin/maintenance").with(user(principal("admin"))).with(csrf())
                        .param("startsAt", typed(now.plusDays(1))).param("endsAt", typed(now.plusDays(1).plusHours(3)))
                        .param("reason", "ย้ายเครื่องแม่ข่าย"))
                .andExpect(redirectedUrl("/admin/maintenance?added"));
        mvc.perform(post("/admin/maintenance").with(user(principal("admin"))).with(csrf())
                        .param("startsAt", typed(now.minusMinutes(1))).param("endsAt", typed(now.plusHours(1)))
                        .param("reason", "ด่วน"))
                .andExpect(redirectedUrl("/admin/maintenance?added"));
        long future = jdbc.sql("select window_id from maintenance_window where reason = 'ย้ายเครื่องแม่ข่าย'").query(Long.class).single();
        long open = jdbc.sql("select window_id from maintenance_window where reason = 'ด่วน'").query(Long.class).single();

        mvc.perform(post("/admin/maintenance/{id}/removal", open).with(user(principal("admin"))).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/maintenance/{id}/removal", future).with(user(principal("admin"))).with(csrf()))
                .andExpect(redirectedUrl("/admin/maintenance?removed"));
        assertThat(jdbc.sql("select count(*) from maintenance_window").query(Integer.class).single()).isOne();

        mvc.perform(post("/admin/maintenance").with(user(principal("admin"))).with(csrf())
                        .param("startsAt", "พรุ่งนี้").param("endsAt", typed(now.plusHours(1))).param("reason", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("อ่านวันเวลา &quot;พรุ่งนี้&quot; ไม่ได้")));
        mvc.perform(post("/admin/maintenance").with(user(principal("region"))).with(csrf())
                        .param("startsAt", typed(now.plusDays(2))).param("endsAt", typed(now.plusDays(3))).param("reason", "x"))
                .andExpect(status().isForbidden());
    }
}
