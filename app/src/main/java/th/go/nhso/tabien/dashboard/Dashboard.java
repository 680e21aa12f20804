package th.go.nhso.tabien.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import th.go.nhso.tabien.entitlement.TransitionsReport;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * One dashboard as shown: the figures with BE month labels, the tables beside the charts, the
 * charts' series, and the same numbers as Excel rows. Built once per request from
 * {@link DashboardFigures}; holds counts only.
 */
record Dashboard(List<String> monthLabels,
                 List<BirthLine> births,
                 List<TransitionLine> transitions,
                 List<CoverageLine> coverage,
                 DashboardFigures.AccessFigures access,
                 Map<String, Object> charts) {

    record BirthLine(String province, String month, long notified, long registered, long followUp) {
    }

    record TransitionLine(String month, String change, long people) {
    }

    record CoverageLine(String month, long checks, long accepted, Double percent, Double meanWaitMs) {
    }

    static Dashboard of(List<YearMonth> months, List<DashboardFigures.BirthRow> births,
                        List<TransitionsReport.Transition> transitions, List<DashboardFigures.CoverageRow> coverage,
                        DashboardFigures.AccessFigures access, Locale locale) {
        boolean thai = ThaiDates.isThai(locale);
        List<String> labels = months.stream().map(m -> ThaiDates.formatMonth(m, locale)).toList();

        long[] notified = new long[months.size()];
        long[] registered = new long[months.size()];
        long[] followUp = new long[months.size()];
        List<BirthLine> birthLines = new ArrayList<>();
        for (DashboardFigures.BirthRow row : births) {
            int i = months.indexOf(row.month());
            if (i >= 0) {
                notified[i] += row.notified();
                registered[i] += row.registered();
                followUp[i] += row.followUp();
            }
            birthLines.add(new BirthLine(thai ? row.provinceTh() : row.provinceEn(), ThaiDates.formatMonth(row.month(), locale),
                    row.notified(), row.registered(), row.followUp()));
        }

        TreeSet<String> changes = new TreeSet<>();
        transitions.forEach(t -> changes.add(t.label()));
        Map<String, long[]> byChange = new LinkedHashMap<>();
        changes.forEach(c -> byChange.put(c, new long[months.size()]));
        List<TransitionLine> transitionLines = new ArrayList<>();
        for (TransitionsReport.Transition t : transitions) {
            YearMonth month = YearMonth.of(t.year(), t.month());
            int i = months.indexOf(month);
            if (i >= 0) {
                byChange.get(t.label())[i] += t.people();
            }
            transitionLines.add(new TransitionLine(ThaiDates.formatMonth(month, locale), t.label(), t.people()));
        }

        List<CoverageLine> coverageLines = coverage.stream().map(c -> new CoverageLine(
                ThaiDates.formatMonth(c.month(), locale), c.checks(), c.accepted(), c.percent(), c.meanWaitMs())).toList();

        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("months", labels);
        charts.put("births", Map.of("notified", notified, "registered", registered, "followUp", followUp));
        charts.put("transitions", byChange);
        charts.put("coverage", coverage.stream().map(DashboardFigures.CoverageRow::percent).toList());
        return new Dashboard(labels, birthLines, transitionLines, coverageLines, access, charts);
    }

    /** The numbers as one long table: figure, month, group, measure, value. */
    List<List<Object>> excelRows(Map<String, String> words) {
        List<List<Object>> rows = new ArrayList<>();
        for (BirthLine b : births) {
            rows.add(List.of(words.get("births"), b.month(), b.province(), words.get("notified"), b.notified()));
            rows.add(List.of(words.get("births"), b.month(), b.province(), words.get("registered"), b.registered()));
            rows.add(List.of(words.get("births"), b.month(), b.province(), words.get("followUp"), b.followUp()));
        }
        for (TransitionLine t : transitions) {
            rows.add(List.of(words.get("transitions"), t.month(), t.change(), words.get("people"), t.people()));
        }
        for (CoverageLine c : coverage) {
            rows.add(List.of(words.get("coverage"), c.month(), "UC", words.get("checks"), c.checks()));
            rows.add(List.of(words.get("coverage"), c.month(), "UC", words.get("accepted"), c.accepted()));
            if (c.meanWaitMs() != null) {
                rows.add(List.of(words.get("coverage"), c.month(), "UC", words.get("meanWaitMs"), c.meanWaitMs()));
            }
        }
        if (access != null) {
            rows.add(List.of(words.get("access"), "", "", words.get("received"), access.received()));
            rows.add(List.of(words.get("access"), "", "", words.get("provisioned"), access.provisioned()));
            rows.add(List.of(words.get("access"), "", "", words.get("withinSla"), access.withinSla()));
        }
        return rows;
    }
}
