package th.go.nhso.tabien.birth;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import th.go.nhso.tabien.birth.BirthCaseRepository.FollowUpTerms;

/**
 * The thin beans {@code BirthNotificationProcess.bpmn} binds to by name: each finds its case
 * and calls one {@link BirthSteps} method.
 */
@Configuration(proxyBeanMethods = false)
class BirthDelegates {

    /** A step of the filing transaction: the instance gets its business key only at its end. */
    private static long filedCaseId(DelegateExecution execution) {
        return ((Number) execution.getVariable(BirthProcess.CASE_ID)).longValue();
    }

    /** Any later step: the business key is the certificate number. */
    private static String certificateNumber(DelegateExecution execution) {
        return execution.getProcessBusinessKey();
    }

    private static LocalDate registeredOn(DelegateExecution execution) {
        return LocalDate.parse((String) execution.getVariable(BirthProcess.REGISTERED_ON));
    }

    /** Task_ReportBirthDefects */
    @Bean
    JavaDelegate reportBirthDefectsDelegate(BirthSteps steps) {
        return execution -> steps.reportDefects(filedCaseId(execution));
    }

    /** Task_OpenFollowUp: the task that follows reads its due date and reminder cycle from variables. */
    @Bean
    JavaDelegate openFollowUpDelegate(BirthSteps steps) {
        return execution -> {
            FollowUpTerms terms = steps.openFollowUp(certificateNumber(execution));
            // instances started before V17 carry the terms as variables from their start
            if (!execution.hasVariable(BirthProcess.FOLLOW_UP_DUE)) {
                execution.setVariable(BirthProcess.FOLLOW_UP_DUE, terms.due());
                execution.setVariable(BirthProcess.FOLLOW_UP_REMINDER, terms.reminderCycle());
            }
        };
    }

    /** Task_RemindFacility */
    @Bean
    JavaDelegate remindFacilityDelegate(BirthSteps steps) {
        return execution -> steps.remindFollowUp(certificateNumber(execution));
    }

    /** Task_RegisterThaiChild */
    @Bean
    JavaDelegate registerThaiChildDelegate(BirthSteps steps) {
        return execution -> steps.registerThaiChild(certificateNumber(execution),
                (String) execution.getVariable(BirthProcess.CHILD_NATIONAL_ID), registeredOn(execution),
                (String) execution.getVariable(BirthProcess.REGISTRAR_OFFICE));
    }

    /** Task_RegisterForeignChild */
    @Bean
    JavaDelegate registerForeignChildDelegate(BirthSteps steps) {
        return execution -> steps.registerForeignChild(certificateNumber(execution),
                (String) execution.getVariable(BirthProcess.CHILD_NATIONAL_ID), registeredOn(execution),
                (String) execution.getVariable(BirthProcess.REGISTRAR_OFFICE));
    }

    /** Task_CloseFollowUp */
    @Bean
    JavaDelegate closeFollowUpDelegate(BirthSteps steps) {
        return execution -> steps.closeFollowUp(certificateNumber(execution));
    }

    /** Task_CancelBirthCase */
    @Bean
    JavaDelegate cancelBirthCaseDelegate(BirthSteps steps) {
        return execution -> steps.cancel(certificateNumber(execution), (String) execution.getVariable("cancelReason"));
    }
}
