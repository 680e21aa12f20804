package th.go.nhso.tabien.authen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;

/** Seed 001's four reasons a user with the right password still cannot get in. */
@TabienTest
class LoginRefusalTests {

    private static final String USER = "refusal-test";
    private static final String PASSWORD = "right-password-1";

    @Autowired MockMvc mvc;
    @Autowired LocalAccountDirectory directory;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void account() {
        directory.createOrUpdate(new AccountDirectory.NewAccount(USER, "1100000000024", "ผู้ทดสอบ", null,
                Role.FACILITY_STAFF, "10670", null, null), PASSWORD);
        directory.changePassword(USER, PASSWORD);
        jdbc.sql("update staff_account set suspended = false, last_login_at = null, unlocked_at = null, created_at = :now where username = :u")
                .param("now", OffsetDateTime.now()).param("u", USER).update();
    }

    @AfterEach
    void noMaintenance() {
        jdbc.sql("delete from maintenance_window").update();
    }

    @Test
    void rightPasswordLogsInAndIsRecordedForTheInactivityLock() throws Exception {
        mvc.perform(formLogin().user(USER).password(PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(directory.find(USER).orElseThrow().lastLoginAt()).isNotNull();
    }

    @Test
    void wrongPasswordGetsOneVagueMessage() throws Exception {
        mvc.perform(formLogin().user(USER).password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user("nobody-at-all").password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", "")).andExpect(content().string(containsString("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")));
    }

    @Test
    void noLoginForMoreThan180DaysLocksTheAccountUntilUnlocked() throws Exception {
        jdbc.sql("update staff_account set created_at = :t, last_login_at = :t where username = :u")
                .param("t", OffsetDateTime.now().minusDays(181)).param("u", USER).update();
        mvc.perform(formLogin().user(USER).password(PASSWORD)).andExpect(redirectedUrl("/login?refused=INACTIVE"));
        mvc.perform(get("/login").param("refused", "INACTIVE"))
                .andExpect(content().string(containsString("ไม่ได้เข้าใช้งานเกิน 180 วัน")));

        directory.unlock(USER);
        mvc.perform(formLogin().user(USER).password(PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void loginAfter179DaysIsStillAllowed() throws Exception {
        jdbc.sql("update staff_account set created_at = :t, last_login_at = :t where username = :u")
                .param("t", OffsetDateTime.now().minusDays(179)).param("u", USER).update();
        mvc.perform(formLogin().user(USER).password(PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void suspendedAccountIsRefusedOnPagesAndApi() throws Exception {
        directory.suspend(USER);
        mvc.perform(formLogin().user(USER).password(PASSWORD)).andExpect(redirectedUrl("/login?refused=SUSPENDED"));
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, PASSWORD))).andExpect(status().isUnauthorized());
        directory.unlock(USER);
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void aChangedPasswordIsRefusedAtOnceDespiteTheRecentLogin() throws Exception {
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, PASSWORD))).andExpect(status().isOk());
        directory.changePassword(USER, "another-password-2");
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, "another-password-2"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(httpBasic(USER, "wrong-password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void maintenanceWindowKeepsStaffOutButNotAdmins() throws Exception {
        jdbc.sql("insert into maintenance_window (starts_at, ends_at, reason) values (:from, :to, 'test')")
                .param("from", OffsetDateTime.now().minusMinutes(5)).param("to", OffsetDateTime.now().plusHours(1)).update();
        mvc.perform(formLogin().user(USER).password(PASSWORD)).andExpect(redirectedUrl("/login?refused=MAINTENANCE"));
        mvc.perform(formLogin().user("admin").password("admin")).andExpect(redirectedUrl("/"));
    }

    @Test
    void resetPasswordMustBeReplacedBeforeTheUserGetsIn() throws Exception {
        directory.resetPassword(USER, "temporary-123");
        MockHttpSession session = new MockHttpSession();
        mvc.perform(formLogin().user(USER).password("temporary-123")).andExpect(redirectedUrl("/password/change"));
        mvc.perform(post("/login").session(session).with(csrf()).param("username", USER).param("password", "temporary-123"))
                .andExpect(redirectedUrl("/password/change"));

        mvc.perform(post("/password/change").session(session).with(csrf())
                        .param("currentPassword", "temporary-123").param("newPassword", "short").param("confirmPassword", "short"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("อย่างน้อย 10 ตัวอักษร")));
        mvc.perform(post("/password/change").session(session).with(csrf())
                        .param("currentPassword", "temporary-123").param("newPassword", "a-brand-new-1")
                        .param("confirmPassword", "a-brand-new-1"))
                .andExpect(redirectedUrl("/login?passwordChanged"));

        mvc.perform(formLogin().user(USER).password("temporary-123")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user(USER).password("a-brand-new-1")).andExpect(redirectedUrl("/"));
    }

    @Test
    void passwordChangePageNeedsAResetLoginFirst() throws Exception {
        mvc.perform(get("/password/change")).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/password/change").with(csrf()).param("currentPassword", "x").param("newPassword", "yyyyyyyyyyyy")
                .param("confirmPassword", "yyyyyyyyyyyy")).andExpect(redirectedUrl("/login"));
    }
}
