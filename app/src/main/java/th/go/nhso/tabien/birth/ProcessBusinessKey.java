package th.go.nhso.tabien.birth;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.stereotype.Component;

/**
 * Gives a started process instance its business key, in the caller's transaction. Camunda's
 * API takes one only at the start or from inside a delegate; a filing knows its certificate
 * number only after the start (see {@link BirthCases#file}), so this runs the engine's own
 * setter as an engine command, which also updates the instance's history.
 */
@Component
class ProcessBusinessKey {

    private final CommandExecutor commands;

    ProcessBusinessKey(ProcessEngineConfigurationImpl engine) {
        this.commands = engine.getCommandExecutorTxRequired();
    }

    void set(String processInstanceId, String businessKey) {
        commands.execute(context -> {
            context.getExecutionManager().findExecutionById(processInstanceId).setProcessBusinessKey(businessKey);
            return null;
        });
    }
}
