package th.go.nhso.tabien.authen.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.MailOutbox;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.TabienProperties;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Seed 001, case 4: password reset, by the person (a one-time link by e-mail) or by NHSO (a
 * temporary password by e-mail, to be replaced at the next login). Both go through
 * {@link AccountDirectory}, so the Keycloak adapter behaves the same.
 */
@Service
public class PasswordResets {

    /** The same minimum the forced change page asks for. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    /** At most this many links per account within one link validity period. */
    static final int MAX_LINKS_PER_VALIDITY = 3;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final AccountDirectory directory;
    private final AccountRules rules;
    private final MailOutbox mail;
    private final AuditTrail audit;
    private final TabienProperties.Accounts settings;
    private final Clock clock;

    PasswordResets(JdbcClient jdbc, AccountDirectory directory, AccountRules rules, MailOutbox mail, AuditTrail audit,
                   TabienProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.rules = rules;
        this.mail = mail;
        this.audit = audit;
        this.settings = properties.accounts();
        this.clock = clock;
    }

    /**
     * "ลืมรหัสผ่าน": if the username or PID and the e-mail belong to one account, e-mails it a
     * link that works once within {@code tabien.accounts.reset-link-validity}. Says nothing
     * either way: the caller shows the same page whether an account matched or not.
     */
    @Transactional
    public void requestByPerson(String usernameOrPid, String email) {
        if (usernameOrPid == null || usernameOrPid.isBlank() || email == null || email.isBlank()) {
            return;
        }
        String who = usernameOrPid.strip();
        List<StaffAccount> candidates = who.matches("\\d{13}")
                ? directory.findByNationalId(who) : directory.find(who).map(List::of).orElse(List.of());
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        for (StaffAccount account : candidates) {
            if (account.email() != null && account.email().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                sendLink(account);
            }
        }
    }

    private void sendLink(StaffAccount account) {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(settings.resetLinkValidity());
        int recent = jdbc.sql("select count(*) from password_reset_token where username = :u and created_at > :since")
                .param("u", account.username()).param("since", since).query(Integer.class).single();
        if (recent >= MAX_LINKS_PER_VALIDITY) {
            // Nobody may flood a person's mailbox through this page: the links already sent still work.
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(settings.resetLinkValidity());
        jdbc.sql("""
                        insert into password_reset_token (token_hash, username, created_at, expires_at)
                        values (:hash, :u, :now, :expires)
                        """)
                .param("hash", hash(token)).param("u", account.username()).param("now", now).param("expires", expires)
                .update();
        String link = settings.publicUrl().replaceAll("/+$", "") + "/password/reset?token=" + token;
        mail.enqueue(account.email(), "ตั้งรหัสผ่านใหม่ ระบบทะเบียน สปสช.",
                "เรียน " + account.displayName() + "\n\n"
                        + "มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีผู้ใช้งาน " + account.username() + "\n"
                        + "กรุณาเปิดลิงก์นี้เพื่อตั้งรหัสผ่านใหม่ ภายใน " + ThaiDates.format(expires, ThaiDates.THAI)
                        + " น. ลิงก์ใช้ได้ครั้งเดียว\n\n" + link + "\n\n"
                        + "หากท่านไม่ได้ขอ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้\n\n"
                        + "ระบบทะเบียน สปสช.");
        audit.record(account.username(), "REQUEST_PASSWORD_RESET", "ACCOUNT", account.username(), "link by e-mail");
    }

    /** The account a still valid, unused link belongs to. */
    public Optional<String> usernameFor(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select username from password_reset_token where token_hash = :h and used_at is null and expires_at > :now")
                .param("h", hash(token)).param("now", OffsetDateTime.now(clock)).query(String.class).optional();
    }

    /**
     * Sets the new password through the link, once: the link and every other link of the
     * account stop working.
     *
     * @throws TabienException {@code passwordReset.linkInvalid} for an unknown, used or expired link
     */
    @Transactional
    public void resetWithLink(String token, String newPassword, String confirmPassword) {
        String username = usernameFor(token).orElseThrow(() -> TabienException.invalid("passwordReset.linkInvalid"));
        checkNewPassword(newPassword, confirmPassword);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int used = jdbc.sql("update password_reset_token set used_at = :now where token_hash = :h and used_at is null")
                .param("now", now).param("h", hash(token)).update();
        if (used == 0) {
            throw TabienException.invalid("passwordReset.linkInvalid");
        }
        jdbc.sql("update password_reset_token set used_at = :now where username = :u and used_at is null")
                .param("now", now).param("u", username).update();
        directory.changePassword(username, newPassword);
        audit.record(username, "RESET_PASSWORD_BY_LINK", "ACCOUNT", username, null);
    }

    /**
     * NHSO resets the password (an admin, or a regional approver for the region's facilities):
     * a temporary password goes to the person's e-mail and must be replaced at the next login.
     */
    @Transactional
    public void resetByStaff(StaffUser user, String username, String reason) {
        StaffAccount account = rules.requireManageable(user, username);
        if (account.email() == null || account.email().isBlank()) {
            throw TabienException.unprocessable("passwordReset.noEmail", username);
        }
        String temporary = temporaryPassword();
        directory.resetPassword(username, temporary);
        mail.enqueue(account.email(), "รหัสผ่านชั่วคราว ระบบทะเบียน สปสช.",
                "เรียน " + account.displayName() + "\n\n"
                        + "สปสช. ได้ตั้งรหัสผ่านใหม่ให้บัญชีผู้ใช้งาน " + account.username() + "\n"
                        + "รหัสผ่านชั่วคราว: " + temporary + "\n\n"
                        + "เมื่อเข้าสู่ระบบด้วยรหัสผ่านนี้ ระบบจะให้ท่านตั้งรหัสผ่านใหม่ก่อนเข้าใช้งาน\n\n"
                        + "ระบบทะเบียน สปสช.");
        audit.record(user.username(), "RESET_PASSWORD_BY_NHSO", "ACCOUNT", username,
                reason == null || reason.isBlank() ? null : reason.strip());
    }

    static void checkNewPassword(String newPassword, String confirmPassword) {
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw TabienException.invalid("password.tooShort");
        }
        if (!newPassword.equals(confirmPassword)) {
            throw TabienException.invalid("password.mismatch");
        }
    }

    private static String temporaryPassword() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            s.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
        }
        return s.toString();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
