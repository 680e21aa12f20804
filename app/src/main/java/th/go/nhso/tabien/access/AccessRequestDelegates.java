package th.go.nhso.tabien.access;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thin beans {@code AccessRequestProcess.bpmn} binds to by name. */
@Configuration(proxyBeanMethods = false)
class AccessRequestDelegates {

    private static long requestId(DelegateExecution execution) {
        return ((Number) execution.getVariable(AccessRequestProcess.REQUEST_ID)).longValue();
    }

    /** Task_RemindProvince, Task_RemindRegion */
    @Bean
    JavaDelegate remindRequestApproversDelegate(AccessRequests requests) {
        return execution -> requests.remind(requestId(execution));
    }

    /** Task_EscalateProvinceDelay, Task_EscalateRegionDelay */
    @Bean
    JavaDelegate escalateOverdueRequestDelegate(AccessRequests requests) {
        return execution -> requests.escalate(requestId(execution));
    }

    /** Task_ProvisionAccounts (async: a directory outage retries and shows an incident) */
    @Bean
    JavaDelegate provisionAccountsDelegate(AccessProvisioning provisioning) {
        return execution -> provisioning.provision(requestId(execution));
    }
}
