package th.go.nhso.tabien.birth;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin beans {@code BirthNotificationProcess.bpmn} binds to by name: each reads ids from
 * the execution and calls one {@link BirthSteps} method.
 */
@Configuration(proxyBeanMethods = false)
class BirthDelegates {

    private static long caseId(DelegateExecution execution) {
        return ((Number) execution.getVariable(BirthProcess.CASE_ID)).longValue();
    }

    private static LocalDate registeredOn(DelegateExecution execution) {
        return LocalDate.parse((String) execution.getVariable(BirthProcess.REGISTERED_ON));
    }

    /** End listener of Task_DecideRoute: the DMN's answer goes on the case. */
    @Bean
    ExecutionListener recordBirthRouteListener(BirthSteps steps) {
        return execution -> steps.recordRoute(caseId(execution), (String) execution.getVariable(BirthProcess.ROUTE));
    }

    /** Task_ReportBirthDefects */
    @Bean
    JavaDelegate reportBirthDefectsDelegate(BirthSteps steps) {
        return execution -> steps.reportDefects(caseId(execution));
    }

    /** Task_OpenFollowUp */
    @Bean
    JavaDelegate openFollowUpDelegate(BirthSteps steps) {
        return execution -> steps.openFollowUp(caseId(execution));
    }

    /** Task_RemindFacility */
    @Bean
    JavaDelegate remindFacilityDelegate(BirthSteps steps) {
        return execution -> steps.remindFollowUp(caseId(execution));
    }

    /** Task_RegisterThaiChild */
    @Bean
    JavaDelegate registerThaiChildDelegate(BirthSteps steps) {
        return execution -> steps.registerThaiChild(caseId(execution),
                (String) execution.getVariable(BirthProcess.CHILD_NATIONAL_ID), registeredOn(execution),
                (String) execution.getVariable(BirthProcess.REGISTRAR_OFFICE));
    }

    /** Task_RegisterForeignChild */
    @Bean
    JavaDelegate registerForeignChildDelegate(BirthSteps steps) {
        return execution -> steps.registerForeignChild(caseId(execution),
                (String) execution.getVariable(BirthProcess.CHILD_NATIONAL_ID), registeredOn(execution),
                (String) execution.getVariable(BirthProcess.REGISTRAR_OFFICE));
    }

    /** Task_CloseFollowUp */
    @Bean
    JavaDelegate closeFollowUpDelegate(BirthSteps steps) {
        return execution -> steps.closeFollowUp(caseId(execution));
    }

    /** Task_CancelBirthCase */
    @Bean
    JavaDelegate cancelBirthCaseDelegate(BirthSteps steps) {
        return execution -> steps.cancel(caseId(execution), (String) execution.getVariable("cancelReason"));
    }
}
