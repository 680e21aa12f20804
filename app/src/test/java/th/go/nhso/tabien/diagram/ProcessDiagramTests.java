package th.go.nhso.tabien.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.support.TabienTest;

/**
 * The case pages' diagram data: the BPMN XML, the step the case is at, its history, and the
 * area rule (the facility's own staff, its province, its region; a region-wide case for that
 * region's approvers), on a small model deployed beside the real ones.
 */
@TabienTest
class ProcessDiagramTests {

    private static final String PROCESS = "DiagramTestProcess";

    @Autowired MockMvc mvc;
    @Autowired ProcessEngine engine;
    @Autowired AccountDirectory accounts;

    private final String key = "DG-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void deploy() {
        var model = Bpmn.createExecutableProcess(PROCESS).name("Diagram test").camundaHistoryTimeToLive(1)
                .startEvent("Event_CaseFiled").name("Case filed")
                .userTask("Task_CheckCase").name("Check the case").camundaCandidateGroups("${group}")
                .endEvent("Event_CaseDone").name("Case done").done();
        engine.getRepositoryService().createDeployment().name("diagram-test").enableDuplicateFiltering(true)
                .addModelInstance(PROCESS + ".bpmn", model).deploy();
    }

    @Test
    void theDiagramEndpointReturnsTheXmlTheCurrentStepAndTheHistory() throws Exception {
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, key,
                Map.of("group", "facility:10670", "facilityCode", "10670"));

        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("facility"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.xml").value(org.hamcrest.Matchers.containsString("Task_CheckCase")))
                .andExpect(jsonPath("$.currentActivityIds[0]").value("Task_CheckCase"))
                .andExpect(jsonPath("$.history[0].name").value("Case filed"))
                .andExpect(jsonPath("$.history[1].name").value("Check the case"))
                .andExpect(jsonPath("$.history[1].open").value(true))
                .andExpect(jsonPath("$.history[0].started").value(org.hamcrest.Matchers.matchesPattern(".* 25\\d\\d \\d\\d:\\d\\d")))
                .andExpect(jsonPath("$.ended").value(false));
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("province")))).andExpect(status().isOk());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("region")))).andExpect(status().isOk());
    }

    @Test
    void anotherAreaIsRefused() throws Exception {
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, key,
                Map.of("group", "facility:10670", "facilityCode", "10670"));
        UserDetails kalasin = Principals.of(accounts.createOrUpdate(new NewAccount("diagram-46", "1100000000032",
                "ผู้ตรวจจังหวัดกาฬสินธุ์", null, Role.PROVINCIAL_APPROVER, null, "46", null), "password-123"));
        UserDetails otherFacility = Principals.of(accounts.createOrUpdate(new NewAccount("diagram-10997", "1100000000024",
                "เจ้าหน้าที่ 10997", null, Role.FACILITY_STAFF, "10997", null, null), "password-123"));

        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(kalasin))).andExpect(status().isForbidden());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(otherFacility))).andExpect(status().isForbidden());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, "no-such-case").with(user(principal("admin"))))
                .andExpect(status().isNotFound());
    }

    @Test
    void aRegionWideCaseIsForThatRegionsApproversOnly() throws Exception {
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, key, Map.of("group", "region:7", "regionGroup", "region:7"));

        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("region")))).andExpect(status().isOk());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("admin")))).andExpect(status().isOk());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("province")))).andExpect(status().isForbidden());
        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("facility")))).andExpect(status().isForbidden());
    }

    @Test
    void anEndedCaseHasNoCurrentStepButKeepsItsHistory() throws Exception {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS, key,
                Map.of("group", "facility:10670", "facilityCode", "10670")).getId();
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        engine.getTaskService().setAssignee(task.getId(), "facility");
        engine.getTaskService().complete(task.getId());

        mvc.perform(get("/processes/{p}/{k}/diagram", PROCESS, key).with(user(principal("facility"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentActivityIds").isEmpty())
                .andExpect(jsonPath("$.ended").value(true))
                .andExpect(jsonPath("$.history[1].who").value("facility"))
                .andExpect(jsonPath("$.history[2].name").value("Case done"));
    }

    private UserDetails principal(String username) {
        return Principals.of(accounts.find(username).orElseThrow());
    }
}
