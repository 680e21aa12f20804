package th.go.nhso.tabien.authen.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/** Seed 001, case 2: NHSO suspends an account with a reason and reinstates it with one; history kept. */
@TabienTest
class SuspensionTests extends LifecycleTestSupport {

    @Autowired MockMvc mvc;
    @Autowired AccountSuspensions suspensions;

    @Test
    void regionalApproverSuspendsThroughTheApiAndTheLoginIsRefusedUntilReinstated() throws Exception {
        String staff = staffAccount("suspend-api");
        mvc.perform(post("/api/v1/accounts/{u}/suspension", staff).with(user(principal("region")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"SHARED_PASSWORD\", \"note\": \"พบการเข้าใช้งานจากสองจังหวัดพร้อมกัน\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.suspended").value(true));

        mvc.perform(formLogin().user(staff).password(PASSWORD)).andExpect(redirectedUrl("/login?refused=SUSPENDED"));
        mvc.perform(get("/login").param("refused", "SUSPENDED"))
                .andExpect(content().string(containsString("บัญชีถูกระงับการใช้งานโดย สปสช.")));
        mvc.perform(get("/api/v1/me").with(httpBasic(staff, PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detailTh").value("บัญชีถูกระงับการใช้งานโดย สปสช. เนื่องจากพบการใช้งานผิดปกติ"))
                .andExpect(jsonPath("$.code").value("login.refused.SUSPENDED"));

        mvc.perform(post("/api/v1/accounts/{u}/reinstatement", staff).with(user(principal("region")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detailTh").value("กรุณาระบุเหตุผลที่คืนสิทธิ์การใช้งาน"));
        mvc.perform(post("/api/v1/accounts/{u}/reinstatement", staff).with(user(principal("region")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"ตรวจสอบแล้ว เปลี่ยนรหัสผ่านแล้ว\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.suspended").value(false));
        mvc.perform(formLogin().user(staff).password(PASSWORD)).andExpect(redirectedUrl("/"));

        List<AccountSuspensions.Suspension> history = suspensions.history(staff);
        assertThat(history).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SuspensionReason.SHARED_PASSWORD);
            assertThat(s.note()).isEqualTo("พบการเข้าใช้งานจากสองจังหวัดพร้อมกัน");
            assertThat(s.suspendedBy()).isEqualTo("region");
            assertThat(s.reinstatedBy()).isEqualTo("region");
            assertThat(s.reinstatementReason()).isEqualTo("ตรวจสอบแล้ว เปลี่ยนรหัสผ่านแล้ว");
        });
        assertThat(audits("SUSPEND_ACCOUNT", staff)).isOne();
        assertThat(audits("REINSTATE_ACCOUNT", staff)).isOne();
    }

    @Test
    void onlyNhsoOfTheFacilitysRegionMaySuspend() throws Exception {
        String staff = staffAccount("suspend-who");
        String colleague = staffAccount("suspend-colleague");
        assertThatThrownBy(() -> suspensions.suspend(REGION_8, staff, SuspensionReason.ABNORMAL_USE, null))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("area.forbidden");
        mvc.perform(post("/api/v1/accounts/{u}/suspension", staff).with(user(principal(colleague)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"ABNORMAL_USE\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("accounts.onlyNhso"));
        assertThatThrownBy(() -> suspensions.suspend(ADMIN, staff, SuspensionReason.OTHER, " "))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("suspension.noteRequired");

        suspensions.suspend(ADMIN, staff, SuspensionReason.LEFT_FACILITY, null);
        assertThatThrownBy(() -> suspensions.suspend(REGION_7, staff, SuspensionReason.ABNORMAL_USE, null))
                .extracting(e -> ((TabienException) e).status().value()).isEqualTo(409);
        mvc.perform(delete("/api/v1/accounts/{u}/suspension", staff).param("reason", "กลับมาปฏิบัติงาน")
                        .with(user(principal("admin"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.suspended").value(false));
        assertThatThrownBy(() -> suspensions.reinstate(ADMIN, staff, "อีกครั้ง"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("suspension.notSuspended");
    }

    @Test
    void theAccountPageShowsTheHistoryInThaiWithBuddhistEraDates() throws Exception {
        String staff = staffAccount("suspend-page");
        mvc.perform(post("/accounts/{u}/suspension", staff).with(user(principal("region"))).with(csrf())
                        .param("reason", "ABNORMAL_USE").param("note", "เข้าระบบนอกเวลาราชการผิดปกติ"))
                .andExpect(redirectedUrl("/accounts/" + staff + "?suspended"));
        String beYear = String.valueOf(LocalDate.now(ThaiDates.BANGKOK).getYear() + ThaiDates.BE_OFFSET);
        mvc.perform(get("/accounts/{u}", staff).with(user(principal("region"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("พบความผิดปกติในการเข้าใช้งาน")))
                .andExpect(content().string(containsString("เข้าระบบนอกเวลาราชการผิดปกติ")))
                .andExpect(content().string(containsString(beYear)))
                .andExpect(content().string(containsString("คืนสิทธิ์การใช้งาน")));
        mvc.perform(post("/accounts/{u}/reinstatement", staff).with(user(principal("region"))).with(csrf())
                        .param("reason", "ชี้แจงแล้ว"))
                .andExpect(redirectedUrl("/accounts/" + staff + "?reinstated"));
        mvc.perform(get("/accounts/{u}", staff).with(user(principal("region"))))
                .andExpect(content().string(containsString("ชี้แจงแล้ว")));
    }
}
