package th.go.nhso.tabien.authen.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.MailOutbox;

/** Seed 001, case 4: a new password by an e-mailed one-time link, or a temporary one from NHSO. */
@TabienTest
class PasswordResetTests extends LifecycleTestSupport {

    private static final Pattern LINK = Pattern.compile("/password/reset\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern TEMPORARY = Pattern.compile("รหัสผ่านชั่วคราว: (\\S+)");

    @Autowired MockMvc mvc;

    private String email(String username) {
        return username + "@facility.example";
    }

    private String tokenIn(MailOutbox.Mail mail) {
        Matcher m = LINK.matcher(mail.body());
        assertThat(m.find()).as("link in %s", mail.body()).isTrue();
        return m.group(1);
    }

    private void forgot(String who, String email) throws Exception {
        mvc.perform(post("/password/forgot").with(csrf()).param("username", who).param("email", email))
                .andExpect(redirectedUrl("/password/forgot?sent"));
    }

    @Test
    void aPersonSetsANewPasswordThroughTheEmailedLinkOnce() throws Exception {
        String staff = staffAccount("reset-link");
        mvc.perform(get("/login")).andExpect(content().string(containsString("ลืมรหัสผ่าน")));
        mvc.perform(get("/password/forgot")).andExpect(status().isOk());
        forgot(staff, email(staff).toUpperCase());

        List<MailOutbox.Mail> mails = mailsTo(email(staff));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("ตั้งรหัสผ่านใหม่ ระบบทะเบียน สปสช.");
        assertThat(mails.get(0).body()).contains("ลิงก์ใช้ได้ครั้งเดียว").contains(staff);
        String token = tokenIn(mails.get(0));
        assertThat(jdbc.sql("select count(*) from password_reset_token where token_hash = :t").param("t", token)
                .query(Integer.class).single()).as("only the hash is stored").isZero();

        mvc.perform(get("/password/reset").param("token", token)).andExpect(status().isOk())
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(content().string(containsString("newPassword")));
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("newPassword", "short")
                        .param("confirmPassword", "short"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("อย่างน้อย 10 ตัวอักษร")));
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("newPassword", "a-brand-new-1")
                        .param("confirmPassword", "a-brand-new-1"))
                .andExpect(redirectedUrl("/login?passwordChanged"));

        mvc.perform(formLogin().user(staff).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user(staff).password("a-brand-new-1")).andExpect(redirectedUrl("/"));
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("newPassword", "another-one-22")
                        .param("confirmPassword", "another-one-22"))
                .andExpect(content().string(containsString("ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้")));
        assertThat(audits("RESET_PASSWORD_BY_LINK", staff)).isOne();
    }

    @Test
    void theForgotPageNeverRevealsWhetherAnAccountExists() throws Exception {
        String staff = staffAccount("reset-quiet");
        forgot("nobody-" + staff, email(staff));
        forgot(staff, "someone-else@facility.example");
        assertThat(mailsTo(email(staff))).isEmpty();
        assertThat(mailsTo("someone-else@facility.example")).isEmpty();
        mvc.perform(get("/password/forgot").param("sent", ""))
                .andExpect(content().string(containsString("หากข้อมูลตรงกับบัญชีผู้ใช้งาน")));
    }

    @Test
    void theLinkCanBeAskedForByNationalIdAndExpires() throws Exception {
        String staff = staffAccount("reset-pid");
        forgot(account(staff).nationalId(), email(staff));
        String token = tokenIn(mailsTo(email(staff)).get(0));
        jdbc.sql("update password_reset_token set expires_at = :t where username = :u")
                .param("t", OffsetDateTime.now().minusMinutes(1)).param("u", staff).update();
        mvc.perform(get("/password/reset").param("token", token))
                .andExpect(content().string(containsString("ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้")));
        mvc.perform(post("/password/reset").with(csrf()).param("token", token).param("newPassword", "a-brand-new-1")
                        .param("confirmPassword", "a-brand-new-1"))
                .andExpect(content().string(containsString("ลิงก์ตั้งรหัสผ่านใหม่นี้ใช้ไม่ได้")));
        mvc.perform(formLogin().user(staff).password(PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void nhsoResetSendsATemporaryPasswordThatMustBeReplacedAtTheNextLogin() throws Exception {
        String staff = staffAccount("reset-admin");
        mvc.perform(post("/accounts/{u}/password-reset", staff).with(user(principal("region"))).with(csrf())
                        .param("reason", "ผู้ใช้แจ้งลืมรหัสผ่านทางโทรศัพท์"))
                .andExpect(redirectedUrl("/accounts/" + staff + "?passwordReset"));
        MailOutbox.Mail mail = mailsTo(email(staff)).get(0);
        assertThat(mail.subject()).isEqualTo("รหัสผ่านชั่วคราว ระบบทะเบียน สปสช.");
        Matcher m = TEMPORARY.matcher(mail.body());
        assertThat(m.find()).isTrue();
        String temporary = m.group(1);

        mvc.perform(formLogin().user(staff).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", staff).param("password", temporary))
                .andExpect(redirectedUrl("/password/change"));
        mvc.perform(post("/password/change").session(session).with(csrf()).param("currentPassword", temporary)
                        .param("newPassword", "my-own-password-9").param("confirmPassword", "my-own-password-9"))
                .andExpect(redirectedUrl("/login?passwordChanged"));
        mvc.perform(formLogin().user(staff).password("my-own-password-9")).andExpect(redirectedUrl("/"));
        assertThat(audits("RESET_PASSWORD_BY_NHSO", staff)).isOne();

        String colleague = staffAccount("reset-colleague");
        mvc.perform(post("/accounts/{u}/password-reset", staff).with(user(principal(colleague))).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void nobodyCanFloodAPersonsMailboxWithLinks() throws Exception {
        String staff = staffAccount("reset-flood");
        for (int i = 0; i < PasswordResets.MAX_LINKS_PER_VALIDITY + 2; i++) {
            forgot(staff, email(staff));
        }
        assertThat(mailsTo(email(staff))).hasSize(PasswordResets.MAX_LINKS_PER_VALIDITY);
    }
}
