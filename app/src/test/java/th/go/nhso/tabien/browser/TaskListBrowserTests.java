package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.access.AccessRequests;
import th.go.nhso.tabien.access.RequestedPerson;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/** A provincial approver works the task list in a real Chromium: filters, claims, follows the task to its form, completes it. */
@TabienTest
class TaskListBrowserTests extends BrowserTestSupport {

    @Autowired AccessRequests requests;
    @Autowired AccountDirectory accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void provincialApproverFiltersClaimsAndCompletesATaskThroughItsForm() {
        StaffUser clerk = accounts.createOrUpdate(new NewAccount("tasks-clerk-10997", "1100000000024", "ธุรการ หนองเรือ", null,
                Role.FACILITY_STAFF, "10997", null, null), "password-123").asStaffUser();
        long id = requests.createDraft(clerk, "10997");
        String pid = TestIds.nextThai().value();
        requests.replacePeople(clerk, id, List.of(new RequestedPerson(pid, "นาง", "สมพร", "ทดสอบงาน", "พยาบาลวิชาชีพ",
                pid + "@rpst.example", "0891234567", EnumSet.of(DataCenterRole.E_CLAIM))));
        requests.storeFile(clerk, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4".getBytes());
        requests.submit(clerk, id);

        browser.logIn("province", "province");
        browser.clickThrough("nav-tasks");
        browser.clickThrough("tab-group");
        new Select(browser.driver().findElement(By.id("filter-process"))).selectByValue("AccessRequestProcess");
        new Select(browser.driver().findElement(By.id("filter-facility"))).selectByValue("10997");
        browser.clickThrough("apply-filters");

        String rowId = browser.waitFor(By.cssSelector("tr[data-business-key='" + id + "']")).getAttribute("id");
        String taskId = rowId.substring("task-".length());
        assertThat(browser.pageText()).contains("คำขอบัญชี Data Center").contains("ตรวจสอบคำขอ (จังหวัด)").contains("โรงพยาบาลหนองเรือ");
        browser.screenshot("task-list-group");
        browser.clickThrough("claim-" + taskId);

        assertThat(browser.text("done")).contains("รับงานแล้ว");
        assertThat(browser.text("task-" + taskId)).contains("province");
        browser.screenshot("task-list-mine");
        browser.clickThrough("case-" + taskId);
        assertThat(browser.currentPath()).isEqualTo("/access-requests/" + id);
        browser.waitFor(By.id("verify-form"));
        browser.click("forward");

        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> openTasks(id, "Task_VerifyRequest") == 0);
        assertThat(openTasks(id, "Task_ApproveAccounts")).as("the region's task is listed next").isEqualTo(1);
        browser.open("/tasks?tab=mine");
        assertThat(browser.driver().findElements(By.id("task-" + taskId))).isEmpty();
    }

    private long openTasks(long requestId, String taskKey) {
        return jdbc.sql("select count(*) from task_index where business_key = :key and task_key = :task")
                .param("key", String.valueOf(requestId)).param("task", taskKey).query(Long.class).single();
    }
}
