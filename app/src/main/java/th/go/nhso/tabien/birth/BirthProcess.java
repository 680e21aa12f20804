package th.go.nhso.tabien.birth;

/** Names the birth process and its Java code share: the model's IDs, messages and variables. */
final class BirthProcess {

    static final String ID = "BirthNotificationProcess";
    static final String ROUTE_DECISION = "birth-nationality";

    static final String MSG_REGISTERED = "Msg_BirthRegistered";
    static final String MSG_REPORTED_UNREGISTERED = "Msg_BirthReportedUnregistered";
    static final String MSG_CANCELLED = "Msg_BirthNotificationCancelled";

    static final String TASK_FOLLOW_UP = "Task_FollowUpUnregisteredBirth";

    /**
     * Variables the engine keeps: the facility's group and the route; a follow-up adds its due
     * date and reminder cycle when it opens. The record lives in birth_case, found by the
     * instance's business key (the certificate number). The inputs a step reads in the
     * transaction that sets them (the case id and the parents' nationalities, the defects flag
     * and the registration deadline while filing, the registrar's answer) are transient: the
     * engine's tables never hold a copy.
     */
    static final String CASE_ID = "caseId";
    static final String FACILITY_GROUP = "facilityGroup";
    static final String MOTHER_NATIONALITY = "motherNationality";
    static final String FATHER_NATIONALITY = "fatherNationality";
    static final String ROUTE = "route";
    static final String HAS_BIRTH_DEFECTS = "hasBirthDefects";
    static final String REGISTRATION_DEADLINE = "registrationDeadline";
    static final String FOLLOW_UP_DUE = "followUpDue";
    static final String FOLLOW_UP_REMINDER = "followUpReminder";
    static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
    static final String CHILD_NATIONAL_ID = "childNationalId";
    static final String REGISTERED_ON = "registeredOn";
    static final String REGISTRAR_OFFICE = "registrarOffice";

    static final String ROUTE_THAI = "THAI";
    static final String ROUTE_FOREIGN = "FOREIGN";

    private BirthProcess() {
    }

    /** The candidate group of a facility's staff in the task list. */
    static String facilityGroup(String hcode) {
        return "facility:" + hcode;
    }
}
