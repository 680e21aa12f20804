package th.go.nhso.tabien.authen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/**
 * Every page and API endpoint × every role (and nobody) × four places: own facility, another
 * facility of the province, a facility of another province of the region, a facility of
 * another region. Each place holds its own birth case, access request, entitlement conflict,
 * task, authen code and staff account. An endpoint the app has and {@link #TABLE} does not
 * name fails the test, so no new endpoint goes unreviewed.
 *
 * <p>What counts as refused: 401, 403 or 404, a redirect to the login page, or a page redirect
 * that carries a refusal ({@code problem}) instead of doing the change; a refused answer must
 * also not carry any of the other place's data. Changes are sent only where they must be
 * refused (an allowed change would use up the fixture); the features' own tests do the
 * allowed changes.
 */
@TabienTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointMatrixTests {

    @Autowired MockMvc mvc;
    @Autowired Registry registry;
    @Autowired AccountDirectory accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired ObjectMapper json;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    enum Place { OWN_FACILITY, SAME_PROVINCE, SAME_REGION_OTHER_PROVINCE, OTHER_REGION }

    /** The actors: the demo accounts (all of them in Khon Kaen, region 7), and nobody. */
    static final List<String> ROLES = List.of("facility", "province", "region", "admin", "registrar", "anonymous");

    /** Who may do what on an endpoint. */
    enum Rule {
        /** Everybody, logged in or not. */
        PUBLIC,
        /** Any logged-in role; nothing area-bound in the answer. */
        STAFF,
        ADMIN,
        /** The counter and kiosk: facility staff (their own facility only) and ADMIN. */
        COUNTER,
        /** The registrar's API: REGISTRAR and ADMIN. */
        REGISTRAR,
        /** Agency files: regional approvers and ADMIN. */
        REGION_OR_ADMIN,
        /** One place's record: the area rule of {@link AreaPolicy} decides. */
        AREA,
        /** A list: each role sees exactly the records of its area. */
        AREA_LIST,
        /** An account's record for those who manage accounts (regional approvers, ADMIN), in their area. */
        AREA_MANAGED
    }

    /** What a path variable of an AREA endpoint points at. */
    enum Kind { BIRTH, ACCESS, CONFLICT, TASK, AUTHEN, ACCOUNT, FACILITY, NONE }

    /**
     * One reviewed endpoint: the rule, the record kind it is bound to, the URL with its
     * placeholders ({birth}, {access}, {conflict}, {task}, {hcode}, {account}, {pid}, {today},
     * {taskProcess}, {taskKey}), and the form or JSON body a refused caller sends.
     */
    record Entry(Rule rule, Kind kind, String url, String body) {
        static Entry of(Rule rule, String url) {
            return new Entry(rule, Kind.NONE, url, null);
        }

        static Entry area(Kind kind, String url) {
            return new Entry(Rule.AREA, kind, url, null);
        }

        static Entry area(Kind kind, String url, String body) {
            return new Entry(Rule.AREA, kind, url, body);
        }

        static Entry list(Kind kind, String url) {
            return new Entry(Rule.AREA_LIST, kind, url, null);
        }
    }

    /** Every endpoint of the app, keyed "METHOD pattern" (plus "[params]" when a mapping needs one). */
    static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        // login, password, home, public
        put("GET /login", Entry.of(Rule.PUBLIC, "/login"));
        put("GET /password/change", Entry.of(Rule.PUBLIC, null)); // only after a refused login, by session
        put("POST /password/change", Entry.of(Rule.PUBLIC, null));
        put("GET /password/forgot", Entry.of(Rule.PUBLIC, "/password/forgot"));
        put("POST /password/forgot", Entry.of(Rule.PUBLIC, null));
        put("GET /password/reset", Entry.of(Rule.PUBLIC, "/password/reset"));
        put("POST /password/reset", Entry.of(Rule.PUBLIC, null));
        put("GET /public/dashboard", Entry.of(Rule.PUBLIC, "/public/dashboard"));
        put("GET /public/dashboard.xlsx", Entry.of(Rule.PUBLIC, "/public/dashboard.xlsx"));
        // the framework's own: the error page and the OpenAPI description (no data, only the API's shape)
        put("ANY /error", Entry.of(Rule.PUBLIC, null));
        put("GET /swagger-ui.html", Entry.of(Rule.PUBLIC, null));
        put("GET /v3/api-docs", Entry.of(Rule.PUBLIC, "/v3/api-docs"));
        put("GET /v3/api-docs.yaml", Entry.of(Rule.PUBLIC, null));
        put("GET /v3/api-docs/swagger-config", Entry.of(Rule.PUBLIC, null));
        put("GET /", Entry.of(Rule.STAFF, "/"));
        put("GET /api/v1/me", Entry.of(Rule.STAFF, "/api/v1/me"));
        put("GET /dashboard", Entry.of(Rule.STAFF, null));
        put("GET /dashboard.xlsx", Entry.of(Rule.STAFF, null));
        // persons: any staff may look a person up (a patient walks into any hospital); every read is audited
        put("GET /persons", Entry.of(Rule.STAFF, "/persons"));
        put("GET /persons/{nationalId}", Entry.of(Rule.STAFF, "/persons/{pid}"));
        put("GET /api/v1/persons/{nationalId}", Entry.of(Rule.STAFF, "/api/v1/persons/{pid}"));
        put("GET /api/v1/persons/{nationalId}/entitlements", Entry.of(Rule.STAFF, "/api/v1/persons/{pid}/entitlements"));
        put("GET /api/v1/persons/{nationalId}/eligibility", Entry.of(Rule.STAFF, "/api/v1/persons/{pid}/eligibility"));
        // births
        put("GET /births", Entry.area(Kind.FACILITY, "/births?facility={hcode}"));
        put("GET /births/new", Entry.of(Rule.STAFF, null));
        put("POST /births", Entry.of(Rule.STAFF, null));
        put("POST /births [saveDraft]", Entry.of(Rule.STAFF, null));
        put("GET /births/{certificateNumber}", Entry.area(Kind.BIRTH, "/births/{birth}"));
        put("GET /births/{certificateNumber}/correction", Entry.area(Kind.BIRTH, "/births/{birth}/correction"));
        put("POST /births/{certificateNumber}/correction", Entry.area(Kind.BIRTH, "/births/{birth}/correction", "reason=x"));
        put("GET /births/{certificateNumber}/certificate.pdf", Entry.area(Kind.BIRTH, "/births/{birth}/certificate.pdf"));
        put("POST /births/{certificateNumber}/follow-up", Entry.area(Kind.BIRTH, "/births/{birth}/follow-up", "outcome=MOVED_AWAY&note=x"));
        put("POST /births/{certificateNumber}/cancellation", Entry.area(Kind.BIRTH, "/births/{birth}/cancellation", "reason=x"));
        put("POST /api/v1/births", Entry.of(Rule.STAFF, null));
        put("GET /api/v1/births/{certificateNumber}", Entry.area(Kind.BIRTH, "/api/v1/births/{birth}"));
        put("GET /api/v1/births/{certificateNumber}/certificate.pdf", Entry.area(Kind.BIRTH, "/api/v1/births/{birth}/certificate.pdf"));
        put("POST /api/v1/births/{certificateNumber}/correction", Entry.area(Kind.BIRTH, "/api/v1/births/{birth}/correction", "{\"reason\":\"x\"}"));
        put("POST /api/v1/births/{certificateNumber}/cancellation", Entry.area(Kind.BIRTH, "/api/v1/births/{birth}/cancellation", "{\"reason\":\"x\"}"));
        put("POST /api/v1/registrar/births/{certificateNumber}/registration", new Entry(Rule.REGISTRAR, Kind.BIRTH, null, null));
        put("POST /api/v1/registrar/births/unregistered", Entry.of(Rule.REGISTRAR, null));
        put("POST /api/v1/persons/{nationalId}/birth-defects", Entry.of(Rule.STAFF, null));
        put("GET /api/v1/births/codes/defects", Entry.of(Rule.STAFF, "/api/v1/births/codes/defects?q=Q00"));
        // access requests
        put("GET /access-requests", Entry.list(Kind.ACCESS, "/access-requests"));
        put("GET /api/v1/access-requests", Entry.list(Kind.ACCESS, "/api/v1/access-requests"));
        put("POST /access-requests", Entry.of(Rule.STAFF, null));
        put("POST /access-requests/bulk-forward", Entry.area(Kind.ACCESS, "/access-requests/bulk-forward", "request={access}"));
        put("GET /access-requests/attachment-1.xlsx", Entry.area(Kind.FACILITY, "/access-requests/attachment-1.xlsx?hcode={hcode}"));
        put("GET /access-requests/{id}", Entry.area(Kind.ACCESS, "/access-requests/{access}"));
        put("GET /api/v1/access-requests/{id}", Entry.area(Kind.ACCESS, "/api/v1/access-requests/{access}"));
        put("GET /access-requests/{id}/letter.pdf", Entry.area(Kind.ACCESS, "/access-requests/{access}/letter.pdf"));
        put("GET /access-requests/{id}/package.zip", Entry.area(Kind.ACCESS, "/access-requests/{access}/package.zip"));
        put("POST /access-requests/{id}/attachment-1", Entry.area(Kind.ACCESS, "/access-requests/{access}/attachment-1", "file"));
        put("POST /access-requests/{id}/signed-scan", Entry.area(Kind.ACCESS, "/access-requests/{access}/signed-scan", "file"));
        put("POST /access-requests/{id}/people", Entry.area(Kind.ACCESS, "/access-requests/{access}/people", "nationalId={pid}&firstName=x&lastName=y"));
        put("POST /access-requests/{id}/people/{line}/removal", Entry.area(Kind.ACCESS, "/access-requests/{access}/people/1/removal", ""));
        put("POST /access-requests/{id}/letter-reference", Entry.area(Kind.ACCESS, "/access-requests/{access}/letter-reference", "reference=MX"));
        put("POST /access-requests/{id}/submission", Entry.area(Kind.ACCESS, "/access-requests/{access}/submission", ""));
        put("POST /access-requests/{id}/province-decision", Entry.area(Kind.ACCESS, "/access-requests/{access}/province-decision", "decision=REJECT&reason=x"));
        put("POST /access-requests/{id}/region-decision", Entry.area(Kind.ACCESS, "/access-requests/{access}/region-decision", "decision=REJECT&reason=x"));
        put("POST /api/v1/access-requests/{id}/province-decision", Entry.area(Kind.ACCESS, "/api/v1/access-requests/{access}/province-decision", "{\"decision\":\"REJECT\",\"reason\":\"x\"}"));
        put("POST /api/v1/access-requests/{id}/region-decision", Entry.area(Kind.ACCESS, "/api/v1/access-requests/{access}/region-decision", "{\"decision\":\"REJECT\",\"reason\":\"x\"}"));
        // entitlement changes
        put("GET /entitlement-changes", Entry.of(Rule.REGION_OR_ADMIN, "/entitlement-changes"));
        put("POST /entitlement-changes", Entry.of(Rule.REGION_OR_ADMIN, null));
        put("GET /entitlement-changes/examples/{agency}.csv", Entry.of(Rule.STAFF, "/entitlement-changes/examples/sss.csv"));
        put("GET /entitlement-changes/batches/{batchId}", Entry.of(Rule.REGION_OR_ADMIN, "/entitlement-changes/batches/{batch}"));
        put("GET /entitlement-changes/batches/{batchId}/progress", Entry.of(Rule.REGION_OR_ADMIN, "/entitlement-changes/batches/{batch}/progress"));
        put("GET /entitlement-changes/batches/{batchId}/rows.xlsx", Entry.of(Rule.REGION_OR_ADMIN, "/entitlement-changes/batches/{batch}/rows.xlsx"));
        put("GET /api/v1/entitlement-changes/batches/{batchId}", Entry.of(Rule.REGION_OR_ADMIN, "/api/v1/entitlement-changes/batches/{batch}"));
        put("GET /api/v1/entitlement-changes/batches/{batchId}/rows", Entry.of(Rule.REGION_OR_ADMIN, "/api/v1/entitlement-changes/batches/{batch}/rows"));
        put("GET /api/v1/entitlement-changes/batches/{batchId}/rows.xlsx", Entry.of(Rule.REGION_OR_ADMIN, "/api/v1/entitlement-changes/batches/{batch}/rows.xlsx"));
        put("POST /api/v1/entitlement-changes/batches", Entry.of(Rule.REGION_OR_ADMIN, null));
        put("GET /entitlement-changes/conflicts", Entry.list(Kind.CONFLICT, "/entitlement-changes/conflicts"));
        put("GET /api/v1/entitlement-changes/conflicts", Entry.list(Kind.CONFLICT, "/api/v1/entitlement-changes/conflicts"));
        put("POST /entitlement-changes/conflicts/{conflictId}", Entry.area(Kind.CONFLICT, "/entitlement-changes/conflicts/{conflict}", "decision=REJECT&reason=x"));
        put("POST /api/v1/entitlement-changes/conflicts/{conflictId}/decision", Entry.area(Kind.CONFLICT, "/api/v1/entitlement-changes/conflicts/{conflict}/decision", "{\"decision\":\"REJECT\",\"reason\":\"x\"}"));
        put("GET /entitlement-changes/report", Entry.of(Rule.STAFF, "/entitlement-changes/report"));
        put("GET /entitlement-changes/report.xlsx", Entry.of(Rule.STAFF, "/entitlement-changes/report.xlsx"));
        // tasks and diagrams
        put("GET /tasks", Entry.list(Kind.TASK, "/tasks?tab=group"));
        put("POST /tasks/{taskId}/claim", Entry.area(Kind.TASK, "/tasks/{task}/claim", ""));
        put("POST /tasks/{taskId}/unclaim", Entry.area(Kind.TASK, "/tasks/{task}/unclaim", ""));
        put("POST /tasks/{taskId}/delegation", Entry.area(Kind.TASK, "/tasks/{task}/delegation", "assignee=admin"));
        put("POST /tasks/{taskId}/comments", Entry.area(Kind.TASK, "/tasks/{task}/comments", "text=x"));
        put("GET /processes/{processKey}/{businessKey}/diagram", Entry.area(Kind.TASK, "/processes/{taskProcess}/{taskKey}/diagram"));
        // visit authentication
        put("GET /counter", Entry.of(Rule.COUNTER, "/counter"));
        put("POST /counter", Entry.of(Rule.COUNTER, null));
        put("GET /counter/codes.csv", Entry.of(Rule.COUNTER, "/counter/codes.csv"));
        put("GET /counter/card", Entry.of(Rule.COUNTER, null));
        put("GET /kiosk", Entry.of(Rule.COUNTER, "/kiosk"));
        put("POST /kiosk", Entry.of(Rule.COUNTER, null));
        put("POST /api/v1/authen", Entry.of(Rule.STAFF, null));
        put("POST /api/v1/claims/check", Entry.of(Rule.STAFF, null));
        put("GET /api/v1/authen", Entry.area(Kind.AUTHEN, "/api/v1/authen?facilityCode={hcode}&date={today}"));
        // facilities and accounts
        put("GET /facilities", Entry.list(Kind.FACILITY, "/facilities"));
        put("GET /facilities/{hcode}", Entry.area(Kind.FACILITY, "/facilities/{hcode}"));
        put("GET /api/v1/facilities/{hcode}/accounts", Entry.area(Kind.FACILITY, "/api/v1/facilities/{hcode}/accounts"));
        put("GET /accounts/{username}", Entry.area(Kind.ACCOUNT, "/accounts/{account}"));
        put("POST /accounts/{username}/suspension", Entry.area(Kind.ACCOUNT, "/accounts/{account}/suspension", "reason=ABNORMAL_USE&note=x"));
        put("POST /accounts/{username}/reinstatement", Entry.area(Kind.ACCOUNT, "/accounts/{account}/reinstatement", "reason=x"));
        put("POST /accounts/{username}/password-reset", Entry.area(Kind.ACCOUNT, "/accounts/{account}/password-reset", "reason=x"));
        put("POST /accounts/{username}/unlock-request", Entry.area(Kind.ACCOUNT, "/accounts/{account}/unlock-request", "reason=x"));
        put("GET /accounts/unlock-requests", Entry.of(Rule.REGION_OR_ADMIN, "/accounts/unlock-requests"));
        put("POST /accounts/unlock-requests/{requestId}", Entry.of(Rule.STAFF, null));
        put("POST /api/v1/accounts/{username}/suspension", Entry.area(Kind.ACCOUNT, "/api/v1/accounts/{account}/suspension", "{\"reason\":\"ABNORMAL_USE\",\"note\":\"x\"}"));
        put("POST /api/v1/accounts/{username}/reinstatement", Entry.area(Kind.ACCOUNT, "/api/v1/accounts/{account}/reinstatement", "{\"reason\":\"x\"}"));
        put("DELETE /api/v1/accounts/{username}/suspension", Entry.area(Kind.ACCOUNT, "/api/v1/accounts/{account}/suspension?reason=x", ""));
        put("GET /api/v1/accounts/{username}/suspensions", new Entry(Rule.AREA_MANAGED, Kind.ACCOUNT, "/api/v1/accounts/{account}/suspensions", null));
        put("POST /api/v1/accounts/{username}/password-reset", Entry.area(Kind.ACCOUNT, "/api/v1/accounts/{account}/password-reset", "{\"reason\":\"x\"}"));
        put("POST /api/v1/accounts/{username}/unlock-requests", Entry.area(Kind.ACCOUNT, "/api/v1/accounts/{account}/unlock-requests", "{\"reason\":\"x\"}"));
        // administration
        put("GET /admin/audit", Entry.of(Rule.ADMIN, "/admin/audit"));
        put("GET /admin/outbox", Entry.of(Rule.ADMIN, "/admin/outbox"));
        put("GET /admin/api-clients", Entry.of(Rule.ADMIN, "/admin/api-clients"));
        put("POST /admin/api-clients", Entry.of(Rule.ADMIN, "/admin/api-clients"));
        put("POST /admin/api-clients/{clientId}/revocation", Entry.of(Rule.ADMIN, "/admin/api-clients/nobody/revocation"));
        put("GET /admin/maintenance", Entry.of(Rule.ADMIN, "/admin/maintenance"));
        put("POST /admin/maintenance", Entry.of(Rule.ADMIN, "/admin/maintenance"));
        put("POST /admin/maintenance/{windowId}/removal", Entry.of(Rule.ADMIN, "/admin/maintenance/0/removal"));
        put("GET /admin/settings", Entry.of(Rule.ADMIN, "/admin/settings"));
        put("POST /admin/settings", Entry.of(Rule.ADMIN, "/admin/settings"));
        put("POST /admin/settings/reset", Entry.of(Rule.ADMIN, "/admin/settings/reset"));
        put("GET /admin/models", Entry.of(Rule.ADMIN, "/admin/models"));
        put("POST /admin/models", Entry.of(Rule.ADMIN, "/admin/models"));
        put("POST /admin/models/migration", Entry.of(Rule.ADMIN, "/admin/models/migration"));
        put("GET /admin/models/{kind}/{definitionId}/xml", Entry.of(Rule.ADMIN, "/admin/models/BPMN/none/xml"));
    }

    private static void put(String key, Entry entry) {
        if (TABLE.put(key, entry) != null) {
            throw new IllegalStateException("twice in the table: " + key);
        }
    }

    /** One place's records, and the strings that must never reach anyone outside its area. */
    record Fixture(Place place, Facility facility, String staff, String birth, String motherPid, long access,
                   long conflict, String conflictPid, String task, String taskKey) {
        Map<String, String> values(String batch, String pid, String today) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("hcode", facility.hcode());
            v.put("birth", birth);
            v.put("access", String.valueOf(access));
            v.put("conflict", String.valueOf(conflict));
            v.put("task", task);
            v.put("taskKey", taskKey);
            v.put("taskProcess", TASK_PROCESS);
            v.put("account", staff);
            v.put("batch", batch);
            v.put("pid", pid);
            v.put("today", today);
            return v;
        }

        /** What identifies this place's records in an answer, by kind. */
        List<String> markers(Kind kind) {
            return switch (kind) {
                case BIRTH -> List.of(birth, motherPid);
                case ACCESS -> List.of("/access-requests/" + access + "\"", "\"requestId\":" + access + ",");
                case CONFLICT -> List.of(conflictPid);
                case TASK -> List.of(taskKey);
                case FACILITY -> List.of("/facilities/" + facility.hcode() + "\"");
                case ACCOUNT -> List.of(staff);
                case AUTHEN -> List.of("\"" + facility.hcode() + "\"");
                case NONE -> List.of();
            };
        }

        /**
         * Everything of this place that must not appear in a refusal, unless the caller sent it
         * (a refusal may name the certificate number it was asked about). A task's business
         * key (a case number) may be named in a refusal; a person's PID never.
         */
        List<String> secrets(String asked) {
            return java.util.stream.Stream.of(birth, motherPid, conflictPid, staff).filter(s -> !asked.contains(s)).toList();
        }
    }

    static final String TASK_PROCESS = "EndpointMatrixTestProcess";
    private final Map<Place, Fixture> fixtures = new EnumMap<>(Place.class);
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private String batch;
    private String authenPid;
    private String today;

    @BeforeAll
    void placeTheRecords() throws Exception {
        engine.getRepositoryService().createDeployment().name("endpoint-matrix-test").enableDuplicateFiltering(true)
                .addModelInstance(TASK_PROCESS + ".bpmn", Bpmn.createExecutableProcess(TASK_PROCESS).camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_CheckSomething").camundaFormKey("access/verify")
                        .camundaCandidateGroups("${group}").camundaDueDate("${due}").endEvent().done())
                .deploy();
        batch = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into entitlement_batch (batch_id, agency, file_name, file_sha256, status, uploaded_by, uploaded_at)
                        values (:id, 'SSS', 'matrix.csv', :sha, 'DONE', 'admin', current_timestamp)
                        """).param("id", batch).param("sha", batch.replace("-", "")).update();
        authenPid = jdbc.sql("""
                        select p.national_id from person p join entitlement e on e.person_id = p.person_id
                        where p.death_date is null and e.valid_to is null and e.scheme = 'UC' order by p.person_id fetch first 1 rows only
                        """).query(String.class).single();
        today = LocalDate.now(java.time.ZoneId.of("Asia/Bangkok")).toString();
        for (Place place : Place.values()) {
            fixtures.put(place, place(place));
        }
    }

    private Fixture place(Place place) throws Exception {
        Facility f = at(place);
        String staff = "mx" + run + place.ordinal();
        StaffUser clerk = accounts.createOrUpdate(new AccountDirectory.NewAccount(staff, TestIds.nextThai().value(), "Mx", "Clerk",
                null, Role.FACILITY_STAFF, f.hcode(), f.provinceCode(), f.region(), Set.of()), "password-123").asStaffUser();
        var as = user(new StaffPrincipal(clerk, "n/a"));

        String motherPid = TestIds.nextThai().value();
        BirthRecord record = new BirthRecord(f.hcode(),
                new BirthRecord.Child("", "ใจดี", "F", OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(3).withHour(8),
                        "FACILITY", 1, 1, 3100, 39),
                new BirthRecord.Parent(motherPid, null, "สมศรี", "ใจดี", "THA", LocalDate.of(1995, 4, 2), f.provinceCode()),
                new BirthRecord.Parent(null, "MA1234567", "Aung", "Min", "MMR", null, null), "MARRIED",
                new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"), List.of(), List.of(), null,
                new BirthRecord.Other("", "สมศรี ใจดี (มารดา)"));
        JsonNode filed = json.readTree(mvc.perform(post("/api/v1/births").with(as).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(record))).andReturn().getResponse().getContentAsString());
        String birth = filed.path("certificateNumber").asText();
        assertThat(birth).as("birth filed at %s: %s", place, filed).isNotBlank();

        String location = mvc.perform(post("/access-requests").with(as).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        long access = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        String conflictPid = TestIds.nextThai().value();
        jdbc.sql("""
                        insert into entitlement_conflict (batch_id, row_number, national_id, region, scheme, event, effective_date,
                                                          facility_code, kind, status)
                        values (:batch, :row, :pid, :region, 'UC', 'START', current_date, :hcode, 'OVERLAP', 'OPEN')
                        """).param("batch", batch).param("row", place.ordinal() + 1).param("pid", conflictPid)
                .param("region", f.region()).param("hcode", f.hcode()).update();
        long conflict = jdbc.sql("select conflict_id from entitlement_conflict where national_id = :pid").param("pid", conflictPid)
                .query(Long.class).single();

        String taskKey = "MX" + run + "-" + place.ordinal();
        String instance = engine.getRuntimeService().startProcessInstanceByKey(TASK_PROCESS, taskKey, Map.of(
                "group", "facility:" + f.hcode(), "due", Date.from(Instant.now().plusSeconds(86_400)),
                "facilityCode", f.hcode())).getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();

        int authen = mvc.perform(post("/api/v1/authen").with(as).contentType(MediaType.APPLICATION_JSON)
                .content("{\"nationalId\":\"" + authenPid + "\",\"phone\":\"0812345678\",\"serviceType\":\"OPD\",\"facilityCode\":\""
                        + f.hcode() + "\"}")).andReturn().getResponse().getStatus();
        assertThat(authen).as("authen code at %s", place).isBetween(200, 201);
        return new Fixture(place, f, staff, birth, motherPid, access, conflict, conflictPid, task, taskKey);
    }

    private Facility at(Place place) {
        List<Facility> all = registry.facilities();
        return switch (place) {
            case OWN_FACILITY -> registry.findFacility("10670").orElseThrow();
            case SAME_PROVINCE -> all.stream().filter(f -> f.provinceCode().equals("40") && !f.hcode().equals("10670")).findFirst().orElseThrow();
            case SAME_REGION_OTHER_PROVINCE -> all.stream().filter(f -> f.region() == 7 && !f.provinceCode().equals("40")).findFirst().orElseThrow();
            case OTHER_REGION -> all.stream().filter(f -> f.region() != 7).findFirst().orElseThrow();
        };
    }

    /** The area rule: which places each demo role covers (the registrar covers none). */
    static boolean inArea(String role, Place place, Kind kind) {
        if (kind == Kind.CONFLICT) {
            // conflicts are reviewed by the person's regional office only
            return role.equals("admin") || role.equals("region") && place != Place.OTHER_REGION;
        }
        return switch (role) {
            case "admin" -> true;
            case "region" -> place != Place.OTHER_REGION;
            case "province" -> place == Place.OWN_FACILITY || place == Place.SAME_PROVINCE;
            case "facility" -> place == Place.OWN_FACILITY;
            default -> false;
        };
    }

    /**
     * What a list must show: the area's records; for tasks, those of the candidate groups the
     * user is in (the fixtures' tasks are for the facility's group, so its staff and ADMIN).
     */
    static boolean mustList(String role, Place place, Kind kind) {
        if (kind == Kind.TASK) {
            return role.equals("admin") || role.equals("facility") && place == Place.OWN_FACILITY;
        }
        return inArea(role, place, kind);
    }

    static boolean roleAllowed(String role, Rule rule) {
        return switch (rule) {
            case PUBLIC -> true;
            case STAFF, AREA, AREA_LIST -> !role.equals("anonymous");
            case ADMIN -> role.equals("admin");
            case COUNTER -> role.equals("facility") || role.equals("admin");
            case REGISTRAR -> role.equals("registrar") || role.equals("admin");
            case REGION_OR_ADMIN, AREA_MANAGED -> role.equals("region") || role.equals("admin");
        };
    }

    @Test
    void everyEndpointIsInTheMatrix() {
        Set<String> present = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            String params = info.getParamsCondition().getExpressions().isEmpty() ? ""
                    : " " + info.getParamsCondition().getExpressions().toString();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    present.add("ANY " + pattern + params);
                }
                methods.forEach(m -> present.add(m + " " + pattern + params));
            }
        }
        Set<String> missing = new TreeSet<>(present);
        missing.removeAll(TABLE.keySet());
        assertThat(missing).as("endpoints without a row in the matrix: review them and add a row").isEmpty();
        Set<String> gone = new TreeSet<>(TABLE.keySet());
        gone.removeAll(present);
        assertThat(gone).as("rows of the matrix for endpoints that no longer exist").isEmpty();
    }

    @Test
    void noRoleReachesWhatTheAreaRuleRefuses() throws Exception {
        List<String> leaks = new ArrayList<>();
        int cells = 0;
        int requests = 0;
        for (Map.Entry<String, Entry> row : TABLE.entrySet()) {
            String verb = row.getKey().substring(0, row.getKey().indexOf(' '));
            HttpMethod method = HttpMethod.valueOf(verb.equals("ANY") ? "GET" : verb);
            Entry entry = row.getValue();
            boolean change = method != HttpMethod.GET;
            for (String role : ROLES) {
                for (Place place : Place.values()) {
                    cells++;
                    boolean placeBound = entry.rule() == Rule.AREA || entry.rule() == Rule.AREA_LIST || entry.rule() == Rule.AREA_MANAGED
                            || entry.url() != null && entry.url().contains("{batch}");
                    if (!placeBound && place != Place.OWN_FACILITY) {
                        continue; // the place does not change the answer: asked once
                    }
                    boolean allowed = roleAllowed(role, entry.rule())
                            && (entry.rule() != Rule.AREA && entry.rule() != Rule.AREA_MANAGED || inArea(role, place, entry.kind()));
                    if (entry.url() == null || change && allowed) {
                        continue; // an allowed change is left to the feature's tests (see the class comment)
                    }
                    requests++;
                    check(row.getKey(), method, entry, role, place, allowed, leaks);
                }
            }
        }
        System.out.printf("Endpoint matrix: %d endpoints × %d roles × %d places = %d cells, %d requests sent%n",
                TABLE.size(), ROLES.size(), Place.values().length, cells, requests);
        slowest.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.println("  slowest: " + e.getKey() + " " + e.getValue() + " ms"));
        assertThat(leaks).as("leaks").isEmpty();
    }

    private void check(String key, HttpMethod method, Entry entry, String role, Place place, boolean allowed,
                       List<String> leaks) throws Exception {
        Fixture fixture = fixtures.get(place);
        String url = fill(entry.url(), fixture.values(batch, authenPid, today));
        String asked = url + " " + (entry.body() == null ? "" : fill(entry.body(), fixture.values(batch, authenPid, today)));
        MockHttpServletRequestBuilder request;
        if ("file".equals(entry.body())) {
            request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(url)
                    .file("file", new byte[] {1, 2, 3});
        } else {
            request = request(method, url);
            if (entry.body() != null && entry.body().startsWith("{")) {
                request.contentType(MediaType.APPLICATION_JSON).content(fill(entry.body(), fixture.values(batch, authenPid, today)));
            } else if (entry.body() != null) {
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(fill(entry.body(), fixture.values(batch, authenPid, today)));
            }
        }
        if (method != HttpMethod.GET) {
            request.with(csrf());
        }
        if (!role.equals("anonymous")) {
            StaffAccount account = accounts.find(role).orElseThrow();
            request.with(user(new StaffPrincipal(account.asStaffUser(), "n/a")));
        }
        long started = System.nanoTime();
        MvcResult result;
        try {
            result = mvc.perform(request).andReturn();
        } catch (jakarta.servlet.ServletException e) {
            // an unhandled failure inside the handler: it ran, so it was not refused
            if (!allowed) {
                leaks.add(key + " as " + role + " at " + place + ": reached the handler (" + e.getMessage() + ")");
            }
            return;
        } finally {
            slowest.merge(key, (System.nanoTime() - started) / 1_000_000, Long::sum);
        }
        MockHttpServletResponse response = result.getResponse();
        int status = response.getStatus();
        String body = response.getContentType() != null && (response.getContentType().contains("json")
                || response.getContentType().contains("html") || response.getContentType().contains("csv"))
                ? response.getContentAsString() : "";
        String where = key + " as " + role + " at " + place + " → " + status;
        boolean toLogin = status == 302 && response.getRedirectedUrl() != null && response.getRedirectedUrl().endsWith("/login");
        boolean refusedOnPage = result.getFlashMap() != null
                && (result.getFlashMap().containsKey("problem") || result.getFlashMap().containsKey("rowProblems"));
        boolean refused = status == 401 || status == 403 || status == 404 || toLogin || refusedOnPage;
        if (!allowed) {
            if (!refused) {
                leaks.add(where + ": should be refused");
            }
            List<String> shown = fixture.secrets(asked).stream().filter(body::contains).toList();
            if (!shown.isEmpty()) {
                leaks.add(where + ": the answer carries the other area's data " + shown);
            }
            return;
        }
        // a role with nothing to review there may be refused a list: the registrar everywhere,
        // facility and province staff the conflicts (reviewed by the regional office)
        boolean hasNoArea = entry.rule() == Rule.AREA_LIST && (role.equals("registrar")
                || entry.kind() == Kind.CONFLICT && !role.equals("region") && !role.equals("admin"));
        if ((status == 401 || status == 403 || toLogin) && !hasNoArea) {
            leaks.add(where + ": should be allowed");
            return;
        }
        if (entry.rule() == Rule.AREA_LIST) {
            for (Fixture other : fixtures.values()) {
                boolean mayShow = inArea(role, other.place(), entry.kind());
                for (String marker : other.markers(entry.kind())) {
                    if (!mayShow && body.contains(marker)) {
                        leaks.add(where + ": lists " + other.place() + "'s " + entry.kind());
                    }
                }
                if (mustList(role, other.place(), entry.kind()) && status == 200 && other.markers(entry.kind()).stream().noneMatch(body::contains)) {
                    leaks.add(where + ": does not list " + other.place() + "'s " + entry.kind() + " it should");
                }
            }
        }
    }

    private final Map<String, Long> slowest = new java.util.concurrent.ConcurrentHashMap<>();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
