package th.go.nhso.tabien.authen;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page and the forced password change after a reset (seed 001, case 4). */
@Controller
class LoginController {

    static final int MIN_PASSWORD_LENGTH = 10;

    private final LocalAccountDirectory directory;
    private final PasswordEncoder passwords;
    private final LoginPolicy policy;
    private final Clock clock;

    LoginController(LocalAccountDirectory directory, PasswordEncoder passwords, LoginPolicy policy, Clock clock) {
        this.directory = directory;
        this.passwords = passwords;
        this.policy = policy;
        this.clock = clock;
    }

    /** During a maintenance window the refusal says when it ends (Bangkok time, BE in Thai). */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String refused, Model model) {
        if (LoginRefusal.MAINTENANCE.name().equals(refused)) {
            policy.maintenanceEndAt(OffsetDateTime.now(clock)).ifPresent(end -> model.addAttribute("maintenanceEnds", end));
        }
        return "login";
    }

    @GetMapping("/password/change")
    String changePasswordForm(HttpSession session, Model model) {
        Object username = session.getAttribute(SecurityConfig.PASSWORD_CHANGE_USER);
        if (username == null) {
            return "redirect:/login";
        }
        model.addAttribute("username", username);
        return "password-change";
    }

    @PostMapping("/password/change")
    String changePassword(HttpSession session, Model model, @RequestParam String currentPassword,
                         @RequestParam String newPassword, @RequestParam String confirmPassword) {
        String username = (String) session.getAttribute(SecurityConfig.PASSWORD_CHANGE_USER);
        if (username == null) {
            return "redirect:/login";
        }
        String problem = passwordProblem(username, currentPassword, newPassword, confirmPassword);
        if (problem != null) {
            model.addAttribute("username", username);
            model.addAttribute("problem", problem);
            return "password-change";
        }
        directory.changePassword(username, newPassword);
        session.removeAttribute(SecurityConfig.PASSWORD_CHANGE_USER);
        return "redirect:/login?passwordChanged";
    }

    private String passwordProblem(String username, String current, String next, String confirm) {
        String hash = directory.passwordHashOf(username).orElse("");
        if (!passwords.matches(current, hash)) {
            return "password.currentWrong";
        }
        if (next.length() < MIN_PASSWORD_LENGTH) {
            return "password.tooShort";
        }
        if (!next.equals(confirm)) {
            return "password.mismatch";
        }
        if (passwords.matches(next, hash)) {
            return "password.same";
        }
        return null;
    }
}
