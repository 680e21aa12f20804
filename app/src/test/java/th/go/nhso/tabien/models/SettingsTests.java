package th.go.nhso.tabien.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.support.TabienTest;

/** /admin/settings: what is a duration, who may change it, and that each change is on record. */
@TabienTest
class SettingsTests {

    @Autowired MockMvc mvc;
    @Autowired Settings settings;
    @Autowired AuditTrail audit;
    @Autowired AccountDirectory accounts;

    @AfterEach
    void backToDefaults() {
        for (DurationSetting s : DurationSetting.values()) {
            settings.reset(s);
        }
    }

    UserDetails as(String username) {
        return Principals.of(accounts.find(username).orElseThrow());
    }

    @Test
    void workingDaysAreAllowedOnlyWhereTheProcessReadsThemThroughTheBusinessCalendar() {
        assertThat(Settings.validate(DurationSetting.ACCESS_PROVINCE_DEADLINE, " 2 วันทำการ ")).isEqualTo("2 working days");
        assertThat(Settings.validate(DurationSetting.ACCESS_PROVINCE_DEADLINE, "1 working day")).isEqualTo("1 working day");
        assertThat(Settings.validate(DurationSetting.BIRTH_REGISTRATION_DEADLINE, "p20d")).isEqualTo("P20D");
        assertThat(Settings.validate(DurationSetting.ACCOUNTS_INACTIVITY_LOCK, "P90D")).isEqualTo("P90D");
        assertThatThrownBy(() -> Settings.validate(DurationSetting.ACCOUNTS_INACTIVITY_LOCK, "90 working days"))
                .isInstanceOf(TabienException.class).extracting(e -> ((TabienException) e).code()).isEqualTo("settings.invalidIso");
    }

    @Test
    void nonsenseDurationsAreRefused() {
        for (String nonsense : new String[] {"", "abc", "30", "P-1D", "PT0S", "P5000D", "0 working days", "999 working days", "P1Y"}) {
            assertThatThrownBy(() -> Settings.validate(DurationSetting.ACCESS_REGION_SLA, nonsense)).as(nonsense)
                    .isInstanceOf(TabienException.class);
        }
    }

    @Test
    void aRefusalIsShownInThaiAndEnglishAndNothingChanges() throws Exception {
        mvc.perform(post("/admin/settings").with(csrf()).with(user(as("admin")))
                        .param("name", "tabien.access.region-sla").param("value", "สิบห้าวัน"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ไม่ใช่ระยะเวลาที่ใช้ได้สำหรับ tabien.access.region-sla")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("is not a valid duration for tabien.access.region-sla")));
        assertThat(settings.text(DurationSetting.ACCESS_REGION_SLA)).isEqualTo("15 working days");
    }

    @Test
    void anAdminChangesASettingAndTheChangeIsAudited() throws Exception {
        mvc.perform(post("/admin/settings").with(csrf()).with(user(as("admin")))
                        .param("name", "tabien.birth.follow-up-due").param("value", "10 วันทำการ"))
                .andExpect(redirectedUrl("/admin/settings?changed=tabien.birth.follow-up-due"));

        assertThat(settings.text(DurationSetting.BIRTH_FOLLOW_UP_DUE)).isEqualTo("10 working days");
        Settings.Current current = settings.all().stream()
                .filter(c -> c.setting() == DurationSetting.BIRTH_FOLLOW_UP_DUE).findFirst().orElseThrow();
        assertThat(current.changedBy()).isEqualTo("admin");
        assertThat(current.changedAt()).isNotNull();
        assertThat(current.configuredDefault()).isEqualTo("15 working days");
        assertThat(settings.text(DurationSetting.BIRTH_REGISTRATION_DEADLINE)).isEqualTo("P30D");
        assertThat(audit.latest(5, "tabien.birth.follow-up-due")).first()
                .satisfies(e -> {
                    assertThat(e.username()).isEqualTo("admin");
                    assertThat(e.action()).isEqualTo("CHANGE_SETTING");
                    assertThat(e.detail()).isEqualTo("15 working days -> 10 working days");
                });
        mvc.perform(get("/admin/settings").with(user(as("admin"))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("กำหนดส่งงานติดตามเด็กที่ยังไม่ได้จดทะเบียนเกิด")));
    }

    @Test
    void onlyAnAdminMayChangeSettings() throws Exception {
        mvc.perform(post("/admin/settings").with(csrf()).with(user(as("region")))
                        .param("name", "tabien.access.region-sla").param("value", "P1D"))
                .andExpect(status().isForbidden());
        assertThat(settings.text(DurationSetting.ACCESS_REGION_SLA)).isEqualTo("15 working days");
    }
}
