package th.go.nhso.tabien.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.AreaPolicy.Area;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.documents.ExcelTable;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Seed 002's two dashboards: the public one (no login, the whole country, counts only) at
 * {@code /public/dashboard}, and the area one at {@code /dashboard} (a facility its own
 * figures, a province or region its area, an admin the country) with the access SLA. Each
 * has an Excel export of the same numbers.
 */
@Controller
class DashboardController {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final Area NATION = new Area(Area.Level.NATION, null);

    private final DashboardFigures figures;
    private final AreaPolicy areas;
    private final Registry registry;
    private final MessageSource messages;
    private final ObjectMapper json;

    DashboardController(DashboardFigures figures, AreaPolicy areas, Registry registry, MessageSource messages,
                        ObjectMapper json) {
        this.figures = figures;
        this.areas = areas;
        this.registry = registry;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/public/dashboard")
    String publicDashboard(Model model, Locale locale) {
        show(model, build(NATION, null, false, locale));
        return "dashboard/public";
    }

    @GetMapping("/public/dashboard.xlsx")
    ResponseEntity<byte[]> publicExcel(Locale locale) {
        return excel(build(NATION, null, false, locale), "tabien-dashboard.xlsx", locale);
    }

    @GetMapping("/dashboard")
    String areaDashboard(StaffUser user, Model model, Locale locale) {
        Area area = requireArea(user);
        show(model, build(area, user.facilityCode(), true, locale));
        model.addAttribute("areaName", areaName(area, locale));
        model.addAttribute("level", area.level().name());
        return "dashboard/area";
    }

    @GetMapping("/dashboard.xlsx")
    ResponseEntity<byte[]> areaExcel(StaffUser user, Locale locale) {
        Area area = requireArea(user);
        return excel(build(area, user.facilityCode(), true, locale), "tabien-dashboard-" + area.level().name().toLowerCase(Locale.ROOT)
                + (area.code() == null ? "" : "-" + area.code()) + ".xlsx", locale);
    }

    private Area requireArea(StaffUser user) {
        Area area = areas.areaOf(user);
        if (area.level() == Area.Level.NONE) {
            throw TabienException.forbidden("dashboard.noArea");
        }
        return area;
    }

    private Dashboard build(Area area, String facilityCode, boolean withAccess, Locale locale) {
        String provinceOfFacility = facilityCode == null ? null
                : registry.findFacility(facilityCode).map(Facility::provinceCode).orElse(null);
        return Dashboard.of(figures.months(), figures.births(area), figures.entitlementChanges(area, provinceOfFacility),
                figures.authenCoverage(area), withAccess ? figures.access(area) : null, locale);
    }

    private void show(Model model, Dashboard dashboard) {
        model.addAttribute("dashboard", dashboard);
        try {
            // embedded in <script type="application/json">: no "</" may close the element early
            model.addAttribute("chartData", json.writeValueAsString(dashboard.charts()).replace("</", "<\\/"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String areaName(Area area, Locale locale) {
        boolean thai = ThaiDates.isThai(locale);
        return switch (area.level()) {
            case NATION -> messages.getMessage("dashboard.area.nation", null, locale);
            case REGION -> messages.getMessage("dashboard.area.region", new Object[] {area.code()}, locale);
            case PROVINCE -> registry.findProvince(area.code()).map(p -> thai ? p.nameTh() : p.nameEn()).orElse(area.code());
            case FACILITY -> registry.findFacility(area.code()).map(f -> (thai ? f.nameTh() : f.nameEn()) + " (" + f.hcode() + ")")
                    .orElse(area.code());
            case NONE -> "";
        };
    }

    private ResponseEntity<byte[]> excel(Dashboard dashboard, String fileName, Locale locale) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String key : List.of("births", "notified", "registered", "followUp", "transitions", "people", "coverage",
                "checks", "accepted", "meanWaitMs", "access", "received", "provisioned", "withinSla")) {
            words.put(key, messages.getMessage("dashboard.excel." + key, null, locale));
        }
        List<String> headers = List.of("figure", "month", "group", "measure", "value").stream()
                .map(h -> messages.getMessage("dashboard.excel.header." + h, null, locale)).toList();
        byte[] body = ExcelTable.write(messages.getMessage("dashboard.excel.sheet", null, locale), headers,
                dashboard.excelRows(words));
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}
