package th.go.nhso.tabien.authen.lifecycle;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/**
 * "ลืมรหัสผ่าน" for people who are not logged in: ask for a link, then set a new password
 * with it. The request page answers the same whether or not an account matched.
 */
@Controller
class PasswordResetController {

    private final PasswordResets resets;
    private final BilingualMessages messages;

    PasswordResetController(PasswordResets resets, BilingualMessages messages) {
        this.resets = resets;
        this.messages = messages;
    }

    @GetMapping("/password/forgot")
    String forgotForm() {
        return "password-forgot";
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(required = false) String username, @RequestParam(required = false) String email) {
        resets.requestByPerson(username, email);
        return "redirect:/password/forgot?sent";
    }

    @GetMapping("/password/reset")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("valid", resets.usernameFor(token).isPresent());
        return "password-reset";
    }

    @PostMapping("/password/reset")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String newPassword,
                 @RequestParam(required = false) String confirmPassword, Model model) {
        try {
            resets.resetWithLink(token, newPassword, confirmPassword);
        } catch (TabienException e) {
            model.addAttribute("token", token);
            model.addAttribute("valid", resets.usernameFor(token).isPresent());
            model.addAttribute("problem", messages.resolve(e));
            return "password-reset";
        }
        return "redirect:/login?passwordChanged";
    }
}
