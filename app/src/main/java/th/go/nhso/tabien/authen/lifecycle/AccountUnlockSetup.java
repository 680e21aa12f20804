package th.go.nhso.tabien.authen.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans {@code AccountUnlockProcess.bpmn} binds to; each reads the request id and calls {@link UnlockRequests}. */
@Configuration(proxyBeanMethods = false)
class AccountUnlockSetup {

    /** Task_UnlockAccount */
    @Bean
    JavaDelegate unlockAccountDelegate(UnlockRequests requests) {
        return execution -> requests.unlock(requestId(execution));
    }

    /** Task_NotifyUnlockRejected */
    @Bean
    JavaDelegate notifyUnlockRejectedDelegate(UnlockRequests requests) {
        return execution -> requests.notifyRejected(requestId(execution));
    }

    /** Task_RemindUnlockApprovers */
    @Bean
    JavaDelegate remindUnlockApproversDelegate(UnlockRequests requests) {
        return execution -> requests.remindApprovers(requestId(execution));
    }

    private static long requestId(DelegateExecution execution) {
        return ((Number) execution.getVariable(UnlockRequests.REQUEST_ID)).longValue();
    }
}
