package th.go.nhso.tabien.models;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;

/**
 * {@code /admin/settings} (ADMIN, by the /admin/** rule): the durations the processes use,
 * changed for the cases that start from now on. Every change is in the audit trail.
 */
@Controller
class SettingsController {

    private final Settings settings;
    private final AuditTrail audit;
    private final BilingualMessages messages;

    SettingsController(Settings settings, AuditTrail audit, BilingualMessages messages) {
        this.settings = settings;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/admin/settings")
    String list(Model model) {
        model.addAttribute("settings", settings.all());
        return "admin/settings";
    }

    @PostMapping("/admin/settings")
    String change(StaffUser user, @RequestParam String name, @RequestParam String value, Model model) {
        DurationSetting setting = DurationSetting.byKey(name)
                .orElseThrow(() -> TabienException.notFound("settings.unknown", name));
        String before = settings.text(setting);
        String stored;
        try {
            stored = settings.change(setting, value, user.username());
        } catch (TabienException e) {
            if (e.status().is4xxClientError()) {
                model.addAttribute("problem", messages.resolve(e));
                model.addAttribute("failedName", name);
                model.addAttribute("failedValue", value);
                return list(model);
            }
            throw e;
        }
        audit.record(user.username(), "CHANGE_SETTING", "SETTING", setting.key(), before + " -> " + stored);
        return "redirect:/admin/settings?changed=" + setting.key();
    }

    @PostMapping("/admin/settings/reset")
    String reset(StaffUser user, @RequestParam String name) {
        DurationSetting setting = DurationSetting.byKey(name)
                .orElseThrow(() -> TabienException.notFound("settings.unknown", name));
        String before = settings.text(setting);
        settings.reset(setting);
        audit.record(user.username(), "RESET_SETTING", "SETTING", setting.key(), before + " -> " + settings.text(setting));
        return "redirect:/admin/settings?changed=" + setting.key();
    }
}
