package th.go.nhso.tabien.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every setting Tabien reads, under {@code tabien.*}; each has an environment override (see README). */
@ConfigurationProperties("tabien")
public record TabienProperties(@DefaultValue Accounts accounts, @DefaultValue Demo demo, @DefaultValue Birth birth,
                               @DefaultValue Visit visit, @DefaultValue Api api, @DefaultValue Entitlement entitlement,
                               @DefaultValue Access access, @DefaultValue Login login) {

    /**
     * Login throttling (form and HTTP Basic), per node, in memory.
     *
     * @param maxFailures           wrong passwords for one username before it is locked
     * @param maxFailuresPerAddress wrong passwords from one client address before it is locked
     * @param failureWindow         how long failures count towards a lock
     * @param lockDuration          how long a lock lasts (a right password is refused too)
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("50") int maxFailuresPerAddress,
                        @DefaultValue("PT15M") Duration failureWindow, @DefaultValue("PT15M") Duration lockDuration) {
    }

    /**
     * The account lifecycle (seed 001): inactivity lock, its warning, the unlock review and
     * self-service password reset.
     *
     * @param inactivityLock     how long an account may go without a login before it is locked (ISO-8601)
     * @param inactivityWarning  how long before the lock the person is warned by e-mail
     * @param sweepCron          when the daily inactivity sweep runs (Bangkok time)
     * @param sweepCatchUp       how far back the sweep looks past a threshold, so missed sweeps are caught up
     * @param unlockDeadline     due date of the unlock review, as Camunda reads it ("3 working days")
     * @param unlockReminder     how often approvers are reminded of an open unlock review
     * @param resetLinkValidity  how long a password reset link may be used
     * @param publicUrl          the address people open Tabien at, for links in e-mails (never taken from a request)
     */
    public record Accounts(@DefaultValue("P180D") Duration inactivityLock,
                           @DefaultValue("P14D") Duration inactivityWarning,
                           @DefaultValue("0 15 2 * * *") String sweepCron,
                           @DefaultValue("P7D") Duration sweepCatchUp,
                           @DefaultValue("3 working days") String unlockDeadline,
                           @DefaultValue("P1D") Duration unlockReminder,
                           @DefaultValue("PT30M") Duration resetLinkValidity,
                           @DefaultValue("http://localhost:8080") String publicUrl) {
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
     * @param batchHeartbeat how often a node marks the files it holds (queued or running) as alive
     * @param batchStaleAfter a queued or running file nobody marked alive for this long was cut off by a
     *                       crash: it is reported as interrupted and the agency may send it again
     */
    public record Entitlement(@DefaultValue("5 working days") String reviewDue,
                              @DefaultValue("P2D") Duration reviewReminder,
                              @DefaultValue("1000") int chunkSize,
                              @DefaultValue("PT30S") Duration batchHeartbeat,
                              @DefaultValue("PT10M") Duration batchStaleAfter) {
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
