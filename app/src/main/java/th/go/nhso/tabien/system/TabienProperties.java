package th.go.nhso.tabien.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every setting Tabien reads, under {@code tabien.*}; each has an environment override (see README). */
@ConfigurationProperties("tabien")
public record TabienProperties(@DefaultValue Authen authen, @DefaultValue Demo demo, @DefaultValue Birth birth,
                               @DefaultValue Visit visit, @DefaultValue Api api, @DefaultValue Entitlement entitlement,
                               @DefaultValue Access access) {

    /** @param inactivityLock how long an account may go without a login before it is locked */
    public record Authen(@DefaultValue("P180D") Duration inactivityLock) {
    }

    /**
     * @param registrationDeadline how long a birth may wait for the registrar before follow-up starts
     * @param followUpDue          the follow-up task's due date, as Camunda reads it ("15 working days", "P30D")
     * @param followUpReminder     how often the facility is reminded of an open follow-up
     */
    public record Birth(@DefaultValue("P30D") Duration registrationDeadline,
                        @DefaultValue("15 working days") String followUpDue,
                        @DefaultValue("P7D") Duration followUpReminder) {
    }

    /**
     * @param reviewDue      due date of a conflict review, as Camunda reads it ("5 working days")
     * @param reviewReminder how often reviewers are reminded of an open review
     * @param chunkSize      rows applied per transaction
     */
    public record Entitlement(@DefaultValue("5 working days") String reviewDue,
                              @DefaultValue("P2D") Duration reviewReminder,
                              @DefaultValue("1000") int chunkSize) {
    }

    /**
     * Deadlines of the Data Center account request, as Camunda reads them ("6 working days").
     *
     * @param provinceDeadline the province's verification deadline (seed 001: 24 March → 3 April 2566)
     * @param provinceReminder when the province is reminded, before the deadline
     * @param regionSla        the region's provisioning SLA from receipt of a complete request
     * @param regionReminder   when the region is reminded, before the SLA
     * @param initialPasswordLength length of the temporary password e-mailed to each new account
     */
    public record Access(@DefaultValue("6 working days") String provinceDeadline,
                         @DefaultValue("5 working days") String provinceReminder,
                         @DefaultValue("15 working days") String regionSla,
                         @DefaultValue("13 working days") String regionReminder,
                         @DefaultValue("12") int initialPasswordLength) {
    }

    /** @param schemes the schemes whose visits are authenticated with NHSO (UC; LGO is administered by NHSO too) */
    public record Visit(@DefaultValue({"UC", "LGO"}) java.util.List<String> schemes) {
    }

    /**
     * @param requestsPerSecond sustained calls per second one API client (or user) may make
     * @param burst             how many calls it may make at once before the limit bites
     */
    public record Api(@DefaultValue("50") int requestsPerSecond, @DefaultValue("100") int burst) {
    }

    /** @param enabled load demo persons and the demo logins; only ever true in the embedded default */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }
}
