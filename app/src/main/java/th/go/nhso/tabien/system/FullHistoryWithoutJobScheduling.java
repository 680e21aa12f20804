package th.go.nhso.tabien.system;

import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * Camunda's FULL history without the job log's "created" and "deleted" entries. Every birth
 * schedules a registration deadline that the registration then cancels: those two entries,
 * with the three lookups each one makes, were 8 of a case's 82 statements and said nothing
 * anyone reads. What jobs did (succeeded, failed with their error) is still logged.
 * <p>
 * Its id is FULL's, so the level a database already records (3) stays valid and the switch
 * back to {@code full} needs nothing: every row this level writes is a row FULL writes.
 */
public final class FullHistoryWithoutJobScheduling extends AbstractHistoryLevel {

    public static final String NAME = "full-without-job-scheduling";

    @Override
    public int getId() {
        return HistoryLevel.HISTORY_LEVEL_FULL.getId();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return eventType != HistoryEventTypes.JOB_CREATE && eventType != HistoryEventTypes.JOB_DELETE;
    }
}
