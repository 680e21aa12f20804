package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.UriComponentsBuilder;

import th.go.nhso.tabien.authen.LocalAccountDirectory;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.support.HostileInputs.Gen;
import th.go.nhso.tabien.support.TabienTest;

/**
 * The hostile-input suite over HTTP (issue 8): generated JSON bodies, uploads, IDs and dates
 * posted to every JSON endpoint and upload, logged in as the user the endpoint is for. No
 * answer is a 5xx; every 4xx of the API is a problem detail with {@code detail} and
 * {@code detailTh}, every refusal on a page comes back with its Thai and English text; and a
 * refused input writes nothing: the rows of the tables it would write are counted before and
 * after.
 */
@TabienTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestTests {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired LocalAccountDirectory directory;
    @Autowired th.go.nhso.tabien.access.AccessRequests accessRequests;

    // ---- JSON bodies -------------------------------------------------------------------------

    @Test
    void birthFilingsNeverFailAndARefusedOneWritesNothing() throws Exception {
        Map<String, Object> valid = birthRecord();
        fuzzJson("POST /api/v1/births", 400, valid, () -> post("/api/v1/births").with(httpBasic("facility", "facility")),
                List.of("birth_case", "birth_case_defect", "birth_case_maternal_illness", "birth_idempotency_key", "certificate_sequence"));
    }

    @Test
    void authenRequestsNeverFailAndARefusedOneWritesNothing() throws Exception {
        Map<String, Object> valid = new LinkedHashMap<>(Map.of("nationalId", "1400100123451", "phone", "0812345678",
                "serviceType", "OPD", "facilityCode", "10670"));
        fuzzJson("POST /api/v1/authen", 400, valid, () -> post("/api/v1/authen").with(httpBasic("facility", "facility")),
                List.of("authen_code"));
        Map<String, Object> claim = new LinkedHashMap<>(Map.of("nationalId", "1400100123451", "facilityCode", "10670",
                "serviceDate", LocalDate.now().toString(), "serviceType", "OPD", "authenCode", "OPAAAAAAAAAA"));
        fuzzJson("POST /api/v1/claims/check", 300, claim, () -> post("/api/v1/claims/check").with(httpBasic("facility", "facility")),
                List.of("claim_check", "authen_code"));
    }

    @Test
    void decisionsAndAccountActionsNeverFailAndARefusedOneWritesNothing() throws Exception {
        long draft = accessRequests.createDraft(directory.find("facility").orElseThrow().asStaffUser(), "10670");
        Map<String, Object> decision = new LinkedHashMap<>(Map.of("decision", "FORWARD", "lines", List.of(1, 2), "reason", "ครบถ้วน"));
        fuzzJson("POST /api/v1/access-requests/{id}/province-decision", 150, decision,
                () -> post("/api/v1/access-requests/{id}/province-decision", draft).with(httpBasic("province", "province")),
                List.of("access_request", "access_request_person", "access_request_event"));
        fuzzJson("POST /api/v1/access-requests/{id}/region-decision", 100, decision,
                () -> post("/api/v1/access-requests/{id}/region-decision", draft).with(httpBasic("region", "region")),
                List.of("access_request", "access_request_person", "access_request_event"));
        Map<String, Object> suspension = new LinkedHashMap<>(Map.of("reason", "OTHER", "note", "ทดสอบ"));
        fuzzJson("POST /api/v1/accounts/{username}/suspension", 150, suspension,
                () -> post("/api/v1/accounts/{u}/suspension", "no-such-account-" + System.nanoTime()).with(httpBasic("region", "region")),
                List.of("account_suspension", "staff_account"));
    }

    // ---- IDs and dates in paths and parameters ----------------------------------------------

    @Test
    void idsAndDatesInPathsAndParametersNeverFail() throws Exception {
        Gen<String> ids = Gen.oneOf(HostileInputs.digitsLike(13), HostileInputs.oddText()
                .filter(s -> s.codePoints().noneMatch(c -> c < 0x20 || (c >= 0xD800 && c <= 0xDFFF))));
        Gen<String> dates = Gen.oneOf(Gen.of("2026-02-30", "16/03/2566", "2566-03-16", "+999999999-12-31",
                "-999999999-01-01", "๒๕๖๖-๐๓-๑๖", "2026-1-1", ""), ids);
        Gen<String> urls = Gen.of("/api/v1/persons/%s", "/api/v1/persons/%s/entitlements", "/api/v1/births/%s",
                "/api/v1/facilities/%s/accounts", "/api/v1/access-requests/%s", "/api/v1/entitlement-changes/batches/%s",
                "/api/v1/accounts/%s/suspensions");
        record Sample(String id, String template, String date) {
        }
        Gen<Sample> samples = Gen.combine(p -> new Sample(p.draw(ids), p.draw(urls), p.draw(dates)));
        HostileInputs.forAll("IDs and dates in paths and parameters", 700, samples, sample -> {
            String id = sample.id();
            String template = sample.template();
            String date = sample.date();
            String path = UriComponentsBuilder.fromPath(template.replace("%s", "{id}")).buildAndExpand(id).encode().toUriString();
            answered("GET " + template, () -> get(java.net.URI.create(path)).with(httpBasic("admin", "admin")), List.of());
            answered("GET /api/v1/persons/{id}/eligibility?date=", () -> get("/api/v1/persons/{id}/eligibility", "1400100123451")
                    .param("date", date).with(httpBasic("facility", "facility")), List.of());
            answered("GET /api/v1/authen?facilityCode=&date=", () -> get("/api/v1/authen").param("facilityCode", id)
                    .param("date", date).with(httpBasic("facility", "facility")), List.of());
        });
    }

    // ---- uploads -----------------------------------------------------------------------------

    @Test
    void agencyFilesNeverFailAndARefusedFileWritesNoRow() throws Exception {
        String pid = NationalId.parse("1999999999" + "99" + NationalId.checkDigit("199999999999")).value();
        byte[] csv = ("national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date\n" + pid
                + ",SSS,END,31/10/2569,,,,\n" + pid + ",UC,START,2026-11-01,,,,\n").getBytes(StandardCharsets.UTF_8);
        Gen<byte[]> content = Gen.oneOf(HostileInputs.randomBytes(2048), HostileInputs.mutated(csv),
                HostileInputs.mutated(xlsx()), Gen.just(new byte[0]));
        Gen<String> names = Gen.of("sso.csv", "sso.xlsx", "SSO.CSV", "changes.pdf", "", "../../etc/passwd.csv",
                "ไฟล์.xlsx", "a".repeat(300) + ".csv", "ข".repeat(2000) + ".xlsx");
        Gen<String> agencies = Gen.oneOf(Gen.of("SSO", "CGD", "sso ", "NHSO"), HostileInputs.oddText());
        Gen<String> types = Gen.of("text/csv", "application/octet-stream", "application/pdf", "",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        record Upload(byte[] content, String name, String agency, String type) {
        }
        Gen<Upload> uploads = Gen.combine(p -> new Upload(p.draw(content), p.draw(names), p.draw(agencies), p.draw(types)));
        List<String> accepted = new ArrayList<>();
        HostileInputs.forAll("agency change files", 80, uploads, s -> {
            MockMultipartFile file = new MockMultipartFile("file", s.name(), s.type(), s.content());
            MvcResult result = answered("POST /api/v1/entitlement-changes/batches", () -> multipart("/api/v1/entitlement-changes/batches")
                    .file(file).param("agency", s.agency()).with(httpBasic("region", "region")),
                    List.of("entitlement_batch", "entitlement_file"));
            if (result.getResponse().getStatus() == 202) {
                accepted.add(read(result).get("batchId").asText());
            }
        });
        for (String batch : accepted) {
            String status = awaitBatch(batch);
            if (status.equals("REJECTED") || status.equals("DUPLICATE")) {
                assertThat(count("select count(*) from entitlement_batch_row where batch_id = ?", batch)).as("rows of refused " + batch).isZero();
                assertThat(count("select count(*) from entitlement where batch_id = ?", batch)).as("rights of refused " + batch).isZero();
                String message = jdbc.sql("select message from entitlement_batch where batch_id = ?").param(batch).query(String.class).single();
                assertThat(message).as("reason of " + batch).isNotBlank();
            }
        }
    }

    @Test
    void attachmentsAndScansNeverFailAndARefusedFileChangesNothing() throws Exception {
        RequestPostProcessor clerk = user(Principals.of(directory.find("facility").orElseThrow()));
        long draft = accessRequests.createDraft(directory.find("facility").orElseThrow().asStaffUser(), "10670");
        String where = " where request_id = " + draft;
        List<String> tables = List.of("access_request_person" + where, "access_request_file" + where, "access_request_event" + where);
        byte[] pdf = new ClassPathResource("templates/fonts/OFL.txt").exists() ? minimalPdf() : minimalPdf();
        Gen<byte[]> files = Gen.oneOf(HostileInputs.randomBytes(2048), HostileInputs.mutated(xlsx()),
                HostileInputs.mutated(pdf), Gen.just(new byte[0]));
        HostileInputs.forAll("attachments and scans", 80, files, bytes -> {
            pageUpload("POST /access-requests/{id}/attachment-1", () -> multipart("/access-requests/{id}/attachment-1", draft)
                    .file(new MockMultipartFile("file", "attachment-1.xlsx", "application/octet-stream", bytes)).with(clerk).with(csrf()), tables);
            pageUpload("POST /access-requests/{id}/signed-scan", () -> multipart("/access-requests/{id}/signed-scan", draft)
                    .file(new MockMultipartFile("file", "signed.pdf", "application/pdf", bytes)).with(clerk).with(csrf()), tables);
        });
    }

    @Test
    void modelUploadsNeverFailAndABrokenModelIsNeverDeployed() throws Exception {
        RequestPostProcessor admin = user(Principals.of(directory.find("admin").orElseThrow()));
        byte[] bpmn = new ClassPathResource("processes/AccountUnlockProcess.bpmn").getContentAsByteArray();
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&x;</definitions>").getBytes(StandardCharsets.UTF_8);
        Gen<byte[]> files = Gen.oneOf(HostileInputs.mutated(bpmn), HostileInputs.randomBytes(1024), Gen.just(xxe),
                Gen.just(new byte[0]));
        Gen<String> names = Gen.of("AccountUnlockProcess.bpmn", "rules.dmn", "x.bpmn20.xml", "model.txt", "");
        record Model(byte[] content, String name) {
        }
        Gen<Model> models = Gen.combine(p -> new Model(p.draw(files), p.draw(names)));
        HostileInputs.forAll("model files (check)", 60, models, s -> {
            MvcResult result = answered("POST /admin/models (check)", () -> multipart("/admin/models")
                    .file(new MockMultipartFile("file", s.name(), "application/xml", s.content()))
                    .param("action", "check").with(admin).with(csrf()), List.of("ACT_RE_DEPLOYMENT"));
            assertThat(body(result)).doesNotContain("root:x:0:0");
        });
        HostileInputs.forAll("model files (deploy)", 20, HostileInputs.randomBytes(1024), bytes ->
                answered("POST /admin/models (deploy)", () -> multipart("/admin/models")
                        .file(new MockMultipartFile("file", "AccountUnlockProcess.bpmn", "application/xml", bytes))
                        .param("action", "deploy").with(admin).with(csrf()), List.of("ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF")));
    }

    // ---- size limits before parsing --------------------------------------------------------

    @Test
    void anOversizedUploadIsRefusedByItsSizeBeforeAByteOfItIsRead() throws Exception {
        RequestPostProcessor clerk = user(Principals.of(directory.find("facility").orElseThrow()));
        long draft = accessRequests.createDraft(directory.find("facility").orElseThrow().asStaffUser(), "10670");
        String where = " where request_id = " + draft;
        List<String> tables = List.of("access_request_person" + where, "access_request_file" + where, "access_request_event" + where);

        Untouched attachment = new Untouched("attachment-1.xlsx", 2L * 1024 * 1024 + 1);
        MvcResult refused = mvc.perform(multipart("/access-requests/{id}/attachment-1", draft).file(attachment).with(clerk).with(csrf()))
                .andReturn();
        assertThat(attachment.reads).as("reads of the attachment's content").hasValue(0);
        assertThat(String.valueOf(refused.getFlashMap().get("rowProblems"))).contains("2 MB");

        Untouched scan = new Untouched("signed.pdf", 10L * 1024 * 1024 + 1);
        pageUpload("POST /access-requests/{id}/signed-scan (oversized)", () -> multipart("/access-requests/{id}/signed-scan", draft)
                .file(scan).with(clerk).with(csrf()), tables);
        assertThat(scan.reads).as("reads of the scan's content").hasValue(0);
        assertThat(String.valueOf(mvc.perform(multipart("/access-requests/{id}/signed-scan", draft).file(scan).with(clerk).with(csrf()))
                .andReturn().getFlashMap().get("problem"))).contains("10 MB");

        Untouched model = new Untouched("AccountUnlockProcess.bpmn", 2L * 1024 * 1024 + 1);
        MvcResult page = answered("POST /admin/models (oversized)", () -> multipart("/admin/models").file(model).param("action", "deploy")
                .with(user(Principals.of(directory.find("admin").orElseThrow()))).with(csrf()), List.of("ACT_RE_DEPLOYMENT"));
        assertThat(model.reads).as("reads of the model's content").hasValue(0);
        assertThat(body(page)).contains("2 MB");
    }

    @Test
    void anUploadOverTheMultipartLimitIsRefusedInBothLanguagesBeforeAnyController() throws Exception {
        HostileInputs.counted("http: POST /api/v1/entitlement-changes/batches (over the multipart limit, real HTTP)");
        long before = rows("entitlement_batch");
        // just over max-file-size (50 MB) and under max-request-size (52 MB): Tomcat reads the part up to the limit
        byte[] content = new byte[50 * 1024 * 1024 + 64 * 1024];
        java.util.Arrays.fill(content, (byte) 'a');
        String boundary = "hostile" + System.nanoTime();
        ByteArrayOutputStream multipartBody = new ByteArrayOutputStream();
        multipartBody.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"agency\"\r\n\r\nSSO\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sso.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        multipartBody.writeBytes(content);
        multipartBody.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/entitlement-changes/batches"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("region:region".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipartBody.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("upload.tooLarge");
        assertThat(problem.path("detailTh").asText()).contains("50 MB");
        HostileInputs.assertBilingual(problem.path("detailTh").asText(), problem.path("detail").asText(), "413");
        assertThat(rows("entitlement_batch")).as("no batch of a refused upload").isEqualTo(before);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("http: ", 3923);
    }

    @org.springframework.boot.test.web.server.LocalServerPort int port;

    /** An upload of {@code size} bytes that counts every read of its content. */
    static final class Untouched extends MockMultipartFile {
        final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        Untouched(String name, long size) {
            super("file", name, "application/octet-stream", new byte[(int) size]);
        }

        @Override
        public byte[] getBytes() throws IOException {
            reads.incrementAndGet();
            return super.getBytes();
        }

        @Override
        public java.io.InputStream getInputStream() throws IOException {
            reads.incrementAndGet();
            return super.getInputStream();
        }

        @Override
        public void transferTo(java.io.File dest) throws IOException {
            reads.incrementAndGet();
            super.transferTo(dest);
        }
    }

    // ---- the checks ------------------------------------------------------------------------

    /** Posts generated bodies: the valid one with a field replaced, dropped or added, or not JSON at all. */
    private void fuzzJson(String what, int tries, Map<String, Object> valid, Supplier<MockHttpServletRequestBuilder> request,
                          List<String> tables) {
        Gen<Object> odd = Gen.oneOf(
                Gen.of("", "null", "2026-02-30", "+999999999-12-31T23:59:59+18:00", "-999999999-01-01T00:00:00-18:00",
                        "๒๕๖๙-๐๑-๐๑", "16/03/2566", "1e400", "NaN", "OPD ", "uc", "10670 ", "๑๐๖๗๐", "9".repeat(40)),
                Gen.<Object>of(-1, 0, Integer.MAX_VALUE, Long.MAX_VALUE, 1e308, true, false),
                Gen.<Object>of(List.of(), Map.of(), List.of(List.of(1)), Map.of("a", Map.of())),
                HostileInputs.oddText(),
                Gen.just(null));
        Gen<String> leaves = Gen.ofList(leaves("", valid));
        Gen<Integer> hows = Gen.between(0, 3);
        Gen<String> mutated = Gen.combine(p -> {
            Map<String, Object> copy = deepCopy(valid);
            set(copy, p.draw(leaves), p.draw(odd), p.draw(hows));
            return write(copy);
        });
        String validJson = write(valid);
        Gen<String> raw = Gen.oneOf(
                Gen.between(0, validJson.length()).map(n -> validJson.substring(0, n)),
                Gen.of("", "null", "[]", "\"x\"", "{}", "{\"a\":", "[".repeat(5000) + "]".repeat(5000),
                        "{\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}", validJson.replace("\"", "'"),
                        validJson + validJson, "\uFEFF" + validJson),
                HostileInputs.randomBytes(256).map(b -> new String(b, StandardCharsets.ISO_8859_1)));
        Gen<String> contentTypes = Gen.frequency(Gen.weighted(8, Gen.just("application/json")),
                Gen.weighted(1, Gen.of("text/plain", "application/xml", "application/json;charset=TIS-620",
                        "multipart/form-data", "application/x-www-form-urlencoded", "*/*", "application/json;charset=UTF-16")));
        Gen<String> bodies = Gen.frequency(Gen.weighted(3, mutated), Gen.weighted(1, raw));
        record Body(String content, String contentType) {
        }
        HostileInputs.forAll(what, tries, Gen.combine(p -> new Body(p.draw(bodies), p.draw(contentTypes))), body ->
                answered(what, () -> request.get().contentType(body.contentType()).content(body.content()), tables));
    }

    /** Sends one request: never 5xx, a 4xx is told in both languages, and a refusal leaves the tables' row counts alone. */
    private MvcResult answered(String what, Supplier<MockHttpServletRequestBuilder> request, List<String> tables) {
        HostileInputs.counted("http: " + what);
        List<Long> before = tables.stream().map(this::rows).toList();
        MvcResult result;
        try {
            result = mvc.perform(request.get()).andReturn();
        } catch (Exception e) {
            throw new AssertionError(what + " threw " + e, e);
        }
        int status = result.getResponse().getStatus();
        assertThat(status).as("%s answered %s: %s", what, status, body(result)).isLessThan(500);
        if (status >= 400) {
            JsonNode problem = read(result);
            assertThat(problem.path("detail").asText()).as("%s %s detail: %s (sent %s %s %s)", what, status, body(result),
                    result.getRequest().getRequestURI(), result.getRequest().getContentType(),
                    new String(result.getRequest().getContentAsByteArray() == null ? new byte[0]
                            : result.getRequest().getContentAsByteArray(), StandardCharsets.UTF_8)).isNotBlank();
            HostileInputs.assertBilingual(problem.path("detailTh").asText(), problem.path("detail").asText(), what + " " + status);
            problem.path("errors").forEach(e -> HostileInputs.assertBilingual(e.path("messageTh").asText(), e.path("message").asText(),
                    what + " " + e.path("field").asText()));
            assertThat(tables.stream().map(this::rows).toList()).as("%s refused with %s wrote rows of %s", what, status, tables)
                    .isEqualTo(before);
        }
        return result;
    }

    /** A page upload: a refusal comes back to the page as its Thai and English text, and changes nothing. */
    private void pageUpload(String what, Supplier<MockHttpServletRequestBuilder> request, List<String> tables) {
        HostileInputs.counted("http: " + what);
        List<Long> before = tables.stream().map(this::rows).toList();
        MvcResult result;
        try {
            result = mvc.perform(request.get()).andReturn();
        } catch (Exception e) {
            throw new AssertionError(what + " threw " + e, e);
        }
        assertThat(result.getResponse().getStatus()).as("%s: %s", what, body(result)).isLessThan(500);
        Object problem = result.getFlashMap().get("problem");
        if (problem != null) {
            BilingualMessages.Bilingual text = (BilingualMessages.Bilingual) problem;
            HostileInputs.assertBilingual(text.th(), text.en(), what);
            assertThat(tables.stream().map(this::rows).toList()).as("%s refused wrote rows", what).isEqualTo(before);
        }
    }

    private long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private long count(String sql, Object arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }

    private String awaitBatch(String batch) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String status = jdbc.sql("select status from entitlement_batch where batch_id = ?").param(batch).query(String.class).single();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("batch " + batch + " did not finish");
    }

    private JsonNode read(MvcResult result) {
        try {
            return json.readTree(body(result));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body(result), e);
        }
    }

    private static String body(MvcResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- bodies and files --------------------------------------------------------------------

    private static Map<String, Object> birthRecord() {
        OffsetDateTime born = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(2).withNano(0);
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("firstName", "ด.ช.ทดสอบ");
        child.put("lastName", "ใจดี");
        child.put("sex", "M");
        child.put("birthDateTime", born.toString());
        child.put("placeOfBirth", "FACILITY");
        child.put("plurality", 1);
        child.put("birthOrder", 1);
        child.put("weightGrams", 3100);
        child.put("gestationalAgeWeeks", 39);
        Map<String, Object> mother = new LinkedHashMap<>();
        mother.put("nationalId", "1400100123451");
        mother.put("firstName", "สมหญิง");
        mother.put("lastName", "ใจดี");
        mother.put("nationality", "THA");
        mother.put("birthDate", "1995-05-20");
        mother.put("provinceCode", "40");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("facilityCode", "10670");
        record.put("child", child);
        record.put("mother", mother);
        record.put("familyStatus", "MARRIED");
        record.put("attendant", new LinkedHashMap<>(Map.of("type", "PHYSICIAN", "name", "นพ.ทดสอบ")));
        record.put("birthDefects", new ArrayList<>(List.of()));
        record.put("motherIllnesses", new ArrayList<>(List.of()));
        return record;
    }

    @SuppressWarnings("unchecked")
    private static List<String> leaves(String prefix, Map<String, Object> map) {
        List<String> paths = new ArrayList<>();
        map.forEach((k, v) -> {
            paths.add(prefix + k);
            if (v instanceof Map<?, ?> m) {
                paths.addAll(leaves(prefix + k + ".", (Map<String, Object>) m));
            }
        });
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }

    /** how: 0, 1 replace the value; 2 drop the field; 3 add an unknown field beside it. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> map, String path, Object value, int how) {
        String[] parts = path.split("\\.", 2);
        if (parts.length == 2 && map.get(parts[0]) instanceof Map<?, ?> inner) {
            set((Map<String, Object>) inner, parts[1], value, how);
            return;
        }
        switch (how) {
            case 2 -> map.remove(parts[0]);
            case 3 -> map.put(parts[0] + "Extra", value);
            default -> map.put(parts[0], value);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] xlsx() {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var row = wb.createSheet("changes").createRow(0);
            String[] header = {"national_id", "scheme", "event", "effective_date"};
            for (int i = 0; i < header.length; i++) {
                row.createCell(i).setCellValue(header[i]);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] minimalPdf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var document = new com.lowagie.text.Document();
        com.lowagie.text.pdf.PdfWriter.getInstance(document, out);
        document.open();
        document.add(new com.lowagie.text.Paragraph("signed"));
        document.close();
        return out.toByteArray();
    }
}
