package th.go.nhso.tabien.access;

/** Names shared with {@code processes/AccessRequestProcess.bpmn}; the business key is the request id. */
final class AccessRequestProcess {

    static final String ID = "AccessRequestProcess";

    static final String TASK_VERIFY = "Task_VerifyRequest";
    static final String TASK_CORRECT = "Task_CorrectRequest";
    static final String TASK_APPROVE = "Task_ApproveAccounts";

    static final String REQUEST_ID = "requestId";
    /** The facility the request is for; the task list shows and filters by it. */
    static final String FACILITY_CODE = "facilityCode";
    static final String FACILITY_GROUP = "facilityGroup";
    static final String PROVINCE_GROUP = "provinceGroup";
    static final String REGION_GROUP = "regionGroup";
    static final String PROVINCE_DEADLINE = "provinceDeadline";
    static final String PROVINCE_REMINDER = "provinceReminder";
    static final String REGION_SLA = "regionSla";
    static final String REGION_REMINDER = "regionReminder";
    static final String PROVINCE_DECISION = "provinceDecision";
    static final String REGION_DECISION = "regionDecision";

    private AccessRequestProcess() {
    }
}
