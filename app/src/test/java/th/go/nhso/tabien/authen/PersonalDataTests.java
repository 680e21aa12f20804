package th.go.nhso.tabien.authen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/**
 * Personal data and the two records of it: the log must never hold it, the audit trail must
 * hold every read and change of it (who, when, whose). The main flows run here: file a birth,
 * look a person up, authenticate a visit, fill an access request.
 */
@TabienTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataTests {

    @Autowired MockMvc mvc;
    @Autowired AccountDirectory accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    /** Thai letters only (the request's names must be Thai), different in every run. */
    private final String tagTh = new java.util.Random().ints(5, 0, 20).mapToObj(i -> String.valueOf((char) ('ก' + i)))
            .collect(java.util.stream.Collectors.joining());
    private final String motherPid = TestIds.nextThai().value();
    private final String requestedPid = TestIds.nextThai().value();
    private final String motherFirst = "ลำดวน" + tag;
    private final String motherLast = "ศรีสะเกษ" + tag;
    private final String requestedFirst = "พิมพ์ลดา" + tagTh;
    private final String requestedEmail = "pimlada." + tag + "@hospital.example";
    private final String requestedMobile = "0861234" + (int) (Math.random() * 900 + 100);
    private final String visitPhone = "0897654" + (int) (Math.random() * 900 + 100);

    private RequestPostProcessor as(String username) {
        return user(new StaffPrincipal(accounts.find(username).orElseThrow().asStaffUser(), "n/a"));
    }

    private String registeredPid() {
        return jdbc.sql("""
                        select p.national_id from person p join entitlement e on e.person_id = p.person_id
                        where p.death_date is null and e.valid_to is null and e.scheme = 'UC' order by p.person_id desc
                        fetch first 1 rows only
                        """).query(String.class).single();
    }

    private String fileBirth() throws Exception {
        BirthRecord record = new BirthRecord("10670",
                new BirthRecord.Child("", motherLast, "F", OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(2).withHour(9),
                        "FACILITY", 1, 1, 3000, 39),
                new BirthRecord.Parent(motherPid, null, motherFirst, motherLast, "THA", LocalDate.of(1994, 3, 1), "40"),
                new BirthRecord.Parent(null, "MA7654321", "Aung", "Min", "MMR", null, null), "MARRIED",
                new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"), List.of(), List.of(), null,
                new BirthRecord.Other("", motherFirst + " (มารดา)"));
        String body = mvc.perform(post("/api/v1/births").with(httpBasic("facility", "facility"))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(record)))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).path("certificateNumber").asText();
    }

    private long accessRequestWithOnePerson() throws Exception {
        String location = mvc.perform(post("/access-requests").with(as("facility")).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post("/access-requests/{id}/people", id).with(as("facility")).with(csrf())
                .param("nationalId", requestedPid).param("title", "นางสาว").param("firstName", requestedFirst)
                .param("lastName", "ใจงาม").param("position", "นักวิชาการ").param("email", requestedEmail)
                .param("mobile", requestedMobile).param("roles", "E_CLAIM"));
        return id;
    }

    @Test
    void theMainFlowsWriteNoPersonalDataToTheLog(CapturedOutput output) throws Exception {
        String registered = registeredPid();
        String name = jdbc.sql("select first_name_th from person where national_id = :p").param("p", registered)
                .query(String.class).single();
        String unknown = TestIds.nextThai().value();

        org.slf4j.LoggerFactory.getLogger(AuditTrail.class).info("personal-data-canary {}", tag);
        fileBirth();
        mvc.perform(get("/api/v1/persons/{pid}", registered).with(httpBasic("facility", "facility")));
        mvc.perform(get("/persons/{pid}", registered).with(as("province")));
        mvc.perform(get("/api/v1/persons/{pid}", unknown).with(httpBasic("facility", "facility")));
        mvc.perform(post("/api/v1/authen").with(httpBasic("facility", "facility")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"nationalId\":\"" + registered + "\",\"phone\":\"" + visitPhone + "\",\"serviceType\":\"OPD\",\"facilityCode\":\"10670\"}"));
        mvc.perform(get("/counter").param("nationalId", registered).with(as("facility")));
        accessRequestWithOnePerson();
        // a failed login with a PID as the username
        mvc.perform(post("/login").param("username", motherPid).param("password", "x").with(csrf()));

        // what the test's MockMvc prints of a request (Spring Boot's deferred print) is not the app's log
        String log = output.getAll().lines().filter(l -> !MOCK_MVC_PRINT.matcher(l).find())
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(log).as("the capture sees the app's logging").contains("personal-data-canary " + tag);
        List<String> personal = List.of(motherPid, registered, unknown, requestedPid, motherFirst, motherLast, name,
                requestedFirst, requestedEmail, requestedMobile, visitPhone);
        List<String> found = new ArrayList<>();
        for (String p : personal) {
            if (log.contains(p)) {
                int at = log.indexOf(p);
                found.add(p + " in: " + log.substring(Math.max(0, log.lastIndexOf('\n', at) + 1),
                        Math.min(log.length(), at + 120)));
            }
        }
        assertThat(found).as("personal data in the log").isEmpty();
    }

    private static final java.util.regex.Pattern MOCK_MVC_PRINT = java.util.regex.Pattern.compile(
            "^\\s*([A-Za-z][A-Za-z ]+ = |(MockHttpServletRequest|MockHttpServletResponse|Handler|Async|Resolved Exception|ModelAndView|FlashMap):$)");

    /** Rows for this subject since the mark, of this action by this user. */
    private long rows(long since, String username, String action, String subject) {
        return jdbc.sql("""
                        select count(*) from audit_event where event_id > :since and username = :u and action = :a
                        and subject_id = :s and occurred_at is not null
                        """).param("since", since).param("u", username).param("a", action).param("s", subject)
                .query(Long.class).single();
    }

    private long mark() {
        return jdbc.sql("select coalesce(max(event_id), 0) from audit_event").query(Long.class).single();
    }

    private void expectOneRow(String what, MockHttpServletRequestBuilder request, String username, String action,
                              String subject, List<String> missing) throws Exception {
        long since = mark();
        mvc.perform(request);
        long n = rows(since, username, action, subject);
        if (n != 1) {
            missing.add(what + ": " + n + " rows of " + action + " for " + subject);
        }
    }

    @Test
    void everyReadAndChangeOfPersonalDataIsOnTheAuditTrail() throws Exception {
        List<String> missing = new ArrayList<>();
        String registered = registeredPid();
        String today = LocalDate.now(ZoneId.of("Asia/Bangkok")).toString();

        long since = mark();
        String birth = fileBirth();
        if (rows(since, "facility", "FILE_BIRTH", birth) != 1) {
            missing.add("file a birth");
        }
        since = mark();
        long request = accessRequestWithOnePerson();
        if (rows(since, "facility", "ACCESS_REQUEST_PEOPLE", String.valueOf(request)) != 1) {
            missing.add("people of an access request");
        }

        expectOneRow("person page", get("/persons/{p}", registered).with(as("province")), "province", "READ_PERSON", registered, missing);
        expectOneRow("person API", get("/api/v1/persons/{p}", registered).with(httpBasic("facility", "facility")), "facility", "READ_PERSON", registered, missing);
        expectOneRow("entitlement history", get("/api/v1/persons/{p}/entitlements", registered).with(httpBasic("facility", "facility")), "facility", "READ_PERSON", registered, missing);
        expectOneRow("eligibility", get("/api/v1/persons/{p}/eligibility", registered).with(httpBasic("facility", "facility")), "facility", "READ_PERSON", registered, missing);
        expectOneRow("birth page", get("/births/{b}", birth).with(as("province")), "province", "READ_BIRTH", birth, missing);
        expectOneRow("birth API", get("/api/v1/births/{b}", birth).with(httpBasic("facility", "facility")), "facility", "READ_BIRTH", birth, missing);
        expectOneRow("certificate PDF", get("/births/{b}/certificate.pdf", birth).with(as("facility")), "facility", "READ_BIRTH", birth, missing);
        expectOneRow("certificate PDF (API)", get("/api/v1/births/{b}/certificate.pdf", birth).with(httpBasic("facility", "facility")), "facility", "READ_BIRTH", birth, missing);
        expectOneRow("birth list", get("/births").param("facility", "10670").with(as("facility")), "facility", "READ_BIRTH_LIST", "10670", missing);
        String id = String.valueOf(request);
        expectOneRow("access request page", get("/access-requests/{id}", request).with(as("province")), "province", "READ_ACCESS_REQUEST", id, missing);
        expectOneRow("access request API", get("/api/v1/access-requests/{id}", request).with(httpBasic("region", "region")), "region", "READ_ACCESS_REQUEST", id, missing);
        expectOneRow("access request letter", get("/access-requests/{id}/letter.pdf", request).with(as("facility")), "facility", "READ_ACCESS_REQUEST", id, missing);
        expectOneRow("access request ZIP", get("/access-requests/{id}/package.zip", request).with(as("facility")), "facility", "READ_ACCESS_REQUEST", id, missing);
        expectOneRow("authen code", post("/api/v1/authen").with(httpBasic("facility", "facility")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"nationalId\":\"" + registered + "\",\"phone\":\"" + visitPhone + "\",\"serviceType\":\"OPD\",\"facilityCode\":\"10670\"}"),
                "facility", "ISSUE_AUTHEN", registered, missing);
        expectOneRow("authen list API", get("/api/v1/authen").param("facilityCode", "10670").param("date", today)
                .with(httpBasic("province", "province")), "province", "READ_AUTHEN_LIST", "10670", missing);
        expectOneRow("authen export", get("/counter/codes.csv").with(as("facility")), "facility", "READ_AUTHEN_LIST", "10670", missing);
        expectOneRow("phone at the counter", get("/counter").param("nationalId", registered).with(as("facility")), "facility", "READ_PHONE", registered, missing);
        expectOneRow("conflicts", get("/entitlement-changes/conflicts").with(as("region")), "region", "READ_CONFLICTS", "7", missing);
        expectOneRow("cancel a birth", post("/births/{b}/cancellation", birth).param("reason", "แจ้งซ้ำ").with(as("facility")).with(csrf()),
                "facility", "CANCEL_BIRTH", birth, missing);

        assertThat(missing).as("reads and changes missing from the audit trail").isEmpty();
    }
}
