package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.support.TabienTest;

/** A settings change reaches the next access request without a redeploy; a running one keeps its deadline. */
@TabienTest
class ProvinceDeadlineSettingTests {

    @Autowired AccessRequests requests;
    @Autowired TaskService tasks;
    @Autowired Settings settings;

    @AfterEach
    void restore() {
        settings.reset(DurationSetting.ACCESS_PROVINCE_DEADLINE);
        ClockUtil.reset();
    }

    long submitted(String first) {
        long id = requests.createDraft(AccessRequestProcessTests.CLERK, "10670");
        requests.replacePeople(AccessRequestProcessTests.CLERK, id,
                List.of(AccessRequestProcessTests.person(first, EnumSet.of(DataCenterRole.E_CLAIM))));
        requests.storeFile(AccessRequestProcessTests.CLERK, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4 test".getBytes());
        requests.submit(AccessRequestProcessTests.CLERK, id);
        return id;
    }

    Task task(long id) {
        return tasks.createTaskQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(String.valueOf(id)).singleResult();
    }

    @Test
    void aSettingsChangeShortensTheProvinceDeadlineOfTheNextRequestOnly() {
        // Thursday 9 April 2569; Songkran 13–15 April.
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.of(2026, 4, 9, 10, 0, 0, 0, ZoneOffset.ofHours(7)).toInstant()));
        long before = submitted("ก่อน");
        assertThat(task(before).getDueDate().toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 4, 22, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant());

        settings.change(DurationSetting.ACCESS_PROVINCE_DEADLINE, "2 วันทำการ", "admin");
        long after = submitted("หลัง");

        // Friday 10 April, then Thursday 16 April after the Songkran holidays
        assertThat(task(after).getDueDate().toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 4, 16, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant());
        assertThat(task(before).getDueDate().toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 4, 22, 16, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant());
    }
}
