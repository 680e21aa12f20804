package th.go.nhso.tabien.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.AreaPolicy.Area;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;
import th.go.nhso.tabien.system.WorkingDays;

/**
 * The task list: "my tasks" (assigned to me), "my group's tasks" (unassigned, for the
 * candidate group my area makes me a member of, by {@link AreaPolicy}) and, for admins, the
 * "unattended" tasks nobody else can see. Reads {@code task_index} only; claims, unclaims
 * and hands tasks over through the engine, whose listener updates the index.
 */
@Service
public class TaskList {

    /** The due date is near when it falls within this many working days. */
    static final int SOON_WORKING_DAYS = 2;

    private static final String COLUMNS = """
            select task_id, process_instance_id, process_key, process_name, task_key, task_name, form_key, business_key,
                   facility_code, province_code, region, candidate_group, assignee, created, due
            from task_index
            """;

    private final JdbcClient jdbc;
    private final TaskService engineTasks;
    private final IdentityService identity;
    private final AreaPolicy areas;
    private final AccountDirectory directory;
    private final Registry registry;
    private final WorkingDays workingDays;
    private final CasePages casePages;
    private final Clock clock;
    private final int pageSize;

    public TaskList(JdbcClient jdbc, TaskService engineTasks, IdentityService identity, AreaPolicy areas,
                    AccountDirectory directory,
                    Registry registry, WorkingDays workingDays, CasePages casePages, Clock clock,
                    @Value("${tabien.tasks.page-size:25}") int pageSize) {
        this.jdbc = jdbc;
        this.engineTasks = engineTasks;
        this.identity = identity;
        this.areas = areas;
        this.directory = directory;
        this.registry = registry;
        this.workingDays = workingDays;
        this.casePages = casePages;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    public enum Tab { MINE, GROUP, UNATTENDED }

    /** Where a task stands against its due date. */
    public enum DueState { OVERDUE, SOON, LATER, NONE }

    /** What the user narrows the list to; null fields do not filter. */
    public record Filter(String process, String facility, String province, DueState due) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    public record Page(Tab tab, List<TaskRow> rows, long total, int number, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** One open task as the list shows it. */
    public record TaskRow(String taskId, String processInstanceId, String processKey, String processName, String taskKey,
                          String taskName, String formKey, String businessKey, String facilityCode, String facilityName,
                          String provinceCode, Integer region, String candidateGroup, String assignee,
                          OffsetDateTime created, OffsetDateTime due, LocalDate dueDate, Integer workingDaysLeft,
                          DueState dueState, String caseUrl, String documentUrl) {
    }

    public int pageSize() {
        return pageSize;
    }

    /** One page of a tab, sorted by due date (tasks without one last), then by age. */
    @Transactional(readOnly = true)
    public Page page(StaffUser user, Tab tab, Filter filter, int number) {
        int page = Math.max(1, number);
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        switch (tab) {
            case MINE -> {
                where.add("assignee = :me");
                params.put("me", user.username());
            }
            case GROUP -> {
                where.add("assignee is null");
                where.add(groupCondition(areas.areaOf(user), params));
            }
            case UNATTENDED -> {
                if (!user.isAdmin()) {
                    throw TabienException.forbidden("tasks.unattended.adminOnly");
                }
                where.add(unattendedCondition(params));
            }
        }
        Now now = now();
        if (filter.process() != null && !filter.process().isBlank()) {
            where.add("process_key = :process");
            params.put("process", filter.process());
        }
        if (filter.facility() != null && !filter.facility().isBlank()) {
            where.add("facility_code = :facility");
            params.put("facility", filter.facility());
        }
        if (filter.province() != null && !filter.province().isBlank()) {
            where.add("province_code = :province");
            params.put("province", filter.province());
        }
        if (filter.due() != null) {
            where.add(switch (filter.due()) {
                case OVERDUE -> "due < :now";
                case SOON -> "due >= :now and due < :soon";
                case LATER -> "due >= :soon";
                case NONE -> "due is null";
            });
            params.put("now", now.instant());
            params.put("soon", now.soonLimit());
        }
        String condition = " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) from task_index" + condition).params(params).query(Long.class).single();
        List<TaskRow> rows = total == 0 ? List.of() : jdbc.sql(COLUMNS + condition
                        + " order by due asc nulls last, created asc, task_id asc limit :limit offset :offset")
                .params(params).param("limit", pageSize).param("offset", (long) (page - 1) * pageSize)
                .query((rs, n) -> row(rs, now)).list();
        return new Page(tab, rows, total, page, pageSize);
    }

    public Optional<TaskRow> find(String taskId) {
        return jdbc.sql(COLUMNS + " where task_id = :id").param("id", taskId).query((rs, n) -> row(rs, now())).optional();
    }

    /** The user takes an unassigned task of their group (an admin any task). */
    public void claim(StaffUser user, String taskId) {
        TaskRow task = require(taskId);
        if (!user.isAdmin() && !isMember(user, task)) {
            throw TabienException.forbidden("tasks.notYourArea", task.businessKey());
        }
        if (task.assignee() != null && !task.assignee().equals(user.username())) {
            throw TabienException.conflict("tasks.alreadyClaimed", task.businessKey());
        }
        try {
            // the engine decides a race between two claims: one wins, the other gets the conflict
            engineTasks.claim(taskId, user.username());
        } catch (TaskAlreadyClaimedException e) {
            throw TabienException.conflict("tasks.alreadyClaimed", task.businessKey());
        } catch (NullValueException e) {
            throw TabienException.notFound("tasks.notFound", taskId);
        }
    }

    /** The assignee (or an admin) gives the task back to the group. */
    public void unclaim(StaffUser user, String taskId) {
        TaskRow task = require(taskId);
        if (!user.isAdmin() && !user.username().equals(task.assignee())) {
            throw TabienException.forbidden("tasks.notYours", task.businessKey());
        }
        engineTasks.setAssignee(taskId, null);
    }

    /**
     * Hands the task to another member of its candidate group: the other user must be active
     * and their area, by {@link AreaPolicy}, must be the task's. The one who handed it over
     * stays on the task as its owner.
     */
    public void delegate(StaffUser user, String taskId, String toUsername) {
        TaskRow task = require(taskId);
        boolean mayHandOver = user.isAdmin() || user.username().equals(task.assignee())
                || task.assignee() == null && isMember(user, task);
        if (!mayHandOver) {
            throw TabienException.forbidden("tasks.notYours", task.businessKey());
        }
        StaffUser target = directory.find(toUsername == null ? "" : toUsername.trim())
                .filter(TaskList::active).map(StaffAccount::asStaffUser)
                .orElseThrow(() -> TabienException.unprocessable("tasks.unknownUser", toUsername));
        if (!target.isAdmin() && !isMember(target, task)) {
            throw TabienException.forbidden("tasks.delegateOutsideArea", target.username(), task.businessKey());
        }
        engineTasks.setOwner(taskId, user.username());
        engineTasks.setAssignee(taskId, target.username());
    }

    /**
     * A note on the task for the colleagues who work it (Camunda keeps it with the task and
     * the process instance, so it stays in the history after the task is done).
     */
    public void comment(StaffUser user, String taskId, String text) {
        TaskRow task = require(taskId);
        if (!user.isAdmin() && !user.username().equals(task.assignee()) && !isMember(user, task)) {
            throw TabienException.forbidden("tasks.notYourArea", task.businessKey());
        }
        if (text == null || text.isBlank()) {
            throw TabienException.invalid("tasks.commentRequired");
        }
        String note = text.strip();
        if (note.length() > 1000) {
            throw TabienException.invalid("tasks.commentTooLong", 1000);
        }
        identity.setAuthenticatedUserId(user.username());
        try {
            engineTasks.createComment(taskId, task.processInstanceId(), note);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The notes of the tasks on a page, oldest first, by task id. */
    public Map<String, List<Note>> notesOf(List<TaskRow> rows) {
        Map<String, List<Note>> notes = new java.util.HashMap<>();
        for (TaskRow row : rows) {
            List<Note> list = engineTasks.getTaskComments(row.taskId()).stream()
                    .sorted(java.util.Comparator.comparing(org.camunda.bpm.engine.task.Comment::getTime))
                    .map(c -> new Note(c.getUserId(), OffsetDateTime.ofInstant(c.getTime().toInstant(), java.time.ZoneOffset.UTC),
                            c.getFullMessage()))
                    .toList();
            if (!list.isEmpty()) {
                notes.put(row.taskId(), list);
            }
        }
        return notes;
    }

    public record Note(String author, OffsetDateTime at, String text) {
    }

    /** The active members of a task's candidate group, whom it may be handed to. */
    public List<String> membersOf(TaskRow task) {
        return CandidateGroup.parse(task.candidateGroup()).map(this::activeMembers).orElse(List.of()).stream()
                .map(StaffAccount::username).sorted().toList();
    }

    /**
     * A user is a member of a task's group when their area is the group's (facility staff of
     * the facility, the province's or the region's approvers) and, for a task about a
     * facility, {@link AreaPolicy} lets them see that facility.
     */
    boolean isMember(StaffUser user, TaskRow task) {
        Optional<CandidateGroup> group = CandidateGroup.parse(task.candidateGroup());
        if (group.isEmpty() || !group.get().hasMember(areas.areaOf(user))) {
            return false;
        }
        if (task.facilityCode() != null) {
            Optional<Facility> facility = registry.findFacility(task.facilityCode());
            return facility.isPresent() && areas.mayAccess(user, facility.get());
        }
        return true;
    }

    private TaskRow require(String taskId) {
        return find(taskId).orElseThrow(() -> TabienException.notFound("tasks.notFound", taskId));
    }

    private static String groupCondition(Area area, Map<String, Object> params) {
        switch (area.level()) {
            case NATION:
                return "1 = 1";
            case REGION:
                if (area.code() == null || !area.code().matches("\\d{1,2}")) {
                    return "1 = 0";
                }
                params.put("region", Integer.valueOf(area.code()));
                return "region = :region and candidate_level = 'REGION'";
            case PROVINCE:
                params.put("province", area.code());
                return "province_code = :province and candidate_level = 'PROVINCE'";
            case FACILITY:
                params.put("hcode", area.code());
                return "facility_code = :hcode and candidate_level = 'FACILITY'";
            default:
                return "1 = 0";
        }
    }

    /**
     * Tasks nobody but an admin would see: unassigned with no candidate group Tabien
     * understands or with a group that has no active member, and tasks assigned to someone
     * who is no longer an active account.
     */
    private String unattendedCondition(Map<String, Object> params) {
        List<String> orphanGroups = jdbc.sql("""
                        select distinct candidate_group from task_index where assignee is null and candidate_level is not null
                        """)
                .query(String.class).list().stream()
                .filter(g -> CandidateGroup.parse(g).map(this::activeMembers).map(List::isEmpty).orElse(true))
                .toList();
        List<String> goneAssignees = jdbc.sql("select distinct assignee from task_index where assignee is not null")
                .query(String.class).list().stream()
                .filter(a -> directory.find(a).filter(TaskList::active).isEmpty())
                .toList();
        params.put("orphans", orphanGroups.isEmpty() ? List.of("") : orphanGroups);
        params.put("gone", goneAssignees.isEmpty() ? List.of("") : goneAssignees);
        return "((assignee is null and (candidate_level is null or candidate_group in (:orphans))) or assignee in (:gone))";
    }

    private List<StaffAccount> activeMembers(CandidateGroup group) {
        List<StaffAccount> candidates = switch (group.level()) {
            case FACILITY -> directory.accountsOfFacility(group.code());
            case PROVINCE -> directory.accountsInRole(Role.PROVINCIAL_APPROVER);
            case REGION -> directory.accountsInRole(Role.REGIONAL_APPROVER);
            default -> List.of();
        };
        return candidates.stream().filter(TaskList::active)
                .filter(a -> group.hasMember(areas.areaOf(a.asStaffUser()))).toList();
    }

    private static boolean active(StaffAccount account) {
        return !account.suspended() && !account.inactivityLocked();
    }

    private TaskRow row(ResultSet rs, Now now) throws SQLException {
        String facilityCode = rs.getString("facility_code");
        OffsetDateTime due = rs.getObject("due", OffsetDateTime.class);
        LocalDate dueDate = due == null ? null : due.atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate();
        Integer left = dueDate == null ? null : workingDays.workingDaysBetween(now.today(), dueDate);
        DueState state = due == null ? DueState.NONE
                : due.isBefore(now.instant()) ? DueState.OVERDUE
                : due.isBefore(now.soonLimit()) ? DueState.SOON : DueState.LATER;
        String formKey = rs.getString("form_key");
        String businessKey = rs.getString("business_key");
        Number region = (Number) rs.getObject("region");
        return new TaskRow(rs.getString("task_id"), rs.getString("process_instance_id"), rs.getString("process_key"),
                rs.getString("process_name"), rs.getString("task_key"), rs.getString("task_name"), formKey, businessKey,
                facilityCode, facilityCode == null ? null : registry.findFacility(facilityCode).map(Facility::nameTh).orElse(null),
                rs.getString("province_code"), region == null ? null : region.intValue(), rs.getString("candidate_group"),
                rs.getString("assignee"), rs.getObject("created", OffsetDateTime.class), due, dueDate, left, state,
                casePages.urlFor(formKey, businessKey).orElse(null), casePages.documentFor(formKey, businessKey).orElse(null));
    }

    private Now now() {
        OffsetDateTime instant = OffsetDateTime.now(clock);
        LocalDate today = instant.atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate();
        OffsetDateTime soon = workingDays.plusWorkingDays(today, SOON_WORKING_DAYS).plusDays(1)
                .atStartOfDay(ThaiDates.BANGKOK).toOffsetDateTime();
        return new Now(instant, today, soon);
    }

    /** "Now" once per request: the instant, Bangkok's date and the end of the "due soon" window. */
    private record Now(OffsetDateTime instant, LocalDate today, OffsetDateTime soonLimit) {
    }
}
