package th.go.nhso.tabien.entitlement;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import th.go.nhso.tabien.system.MailOutbox;

/**
 * The batch worker and the beans {@code EntitlementChangeProcess.bpmn} binds to. One worker
 * thread: files are applied one after the other, so two files never race on one person.
 */
@Configuration(proxyBeanMethods = false)
class EntitlementSetup {

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor entitlementBatchExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("entitlement-batch-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        executor.initialize();
        return executor;
    }

    /** Task_ApplyDecision */
    @Bean
    JavaDelegate applyReviewDecisionDelegate(ConflictReviews reviews) {
        return execution -> reviews.applyDecision(((Number) execution.getVariable(ConflictReviews.CONFLICT_ID)).longValue(),
                ConflictReviews.Decision.valueOf((String) execution.getVariable(ConflictReviews.DECISION)));
    }

    /** Task_RemindReviewers: every regional approver of the conflict's region with an e-mail. */
    @Bean
    JavaDelegate remindReviewersDelegate(ConflictReviews reviews, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                                         MailOutbox mail) {
        return execution -> {
            ConflictReviews.Conflict c = reviews.find(((Number) execution.getVariable(ConflictReviews.CONFLICT_ID)).longValue());
            jdbc.sql("select email, display_name from staff_account where role = 'REGIONAL_APPROVER' and region = :r and email is not null and suspended = false")
                    .param("r", c.region())
                    .query((rs, n) -> new String[] {rs.getString("email"), rs.getString("display_name")}).list()
                    .forEach(to -> mail.enqueue(to[0], "สิทธิซ้ำซ้อนรอการตรวจสอบ: " + c.nationalId(),
                            "เรียน " + to[1] + "\n\nมีกรณีสิทธิซ้ำซ้อน (" + c.scheme() + " " + c.event() + " " + c.effectiveDate()
                                    + ") รอการตรวจสอบในระบบทะเบียน\n\nระบบทะเบียน สปสช."));
        };
    }
}
