package th.go.nhso.tabien.entitlement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.entitlement.RowOutcome.Outcome;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;

/**
 * Applies a chunk of changes set-wise: the persons and rights the chunk touches are read in
 * two queries, the rules run in memory, and the writes go out as JDBC batches. Called in one
 * transaction per chunk by {@link EntitlementBatches}; no process instance per row.
 */
@Component
class ChangeApplier {

    /** Continuous registration: leaving these moves a person straight to UC. */
    static final Set<Scheme> CONTINUOUS = Set.of(Scheme.SSS, Scheme.OFC);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final StartRules rules;
    private final Registry registry;
    private final Clock clock;

    ChangeApplier(JdbcClient jdbc, NamedParameterJdbcTemplate named, StartRules rules, Registry registry, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.rules = rules;
        this.registry = registry;
        this.clock = clock;
    }

    /** What a chunk changed: the outcome of every row and the conflicts to review. */
    record Result(List<RowOutcome> outcomes, List<NewConflict> conflicts) {
    }

    record NewConflict(long conflictId, int region) {
    }

    /**
     * @param startsAhead "pid|date" of every START in the file, so an END followed by another
     *                    right does not open UC in between
     */
    Result apply(String batchId, String source, List<Change> changes, Set<String> startsAhead) {
        rules.refresh();
        Map<String, PersonState> people = load(changes);
        Map<String, String> provinceMainHospital = mainHospitalByProvince();
        Map<String, Integer> regionOfProvince = new HashMap<>();
        registry.provinces().forEach(p -> regionOfProvince.put(p.code(), p.region()));
        List<RowOutcome> outcomes = new ArrayList<>();
        List<PendingConflict> pending = new ArrayList<>();

        for (Change c : changes) {
            PersonState person = people.get(c.nationalId().value());
            if (person == null) {
                if (c.event() != Change.Event.START) {
                    outcomes.add(outcome(c, Outcome.REJECTED, "person.notFound", c.nationalId().value()));
                    continue;
                }
                if (c.firstName() == null || c.lastName() == null || c.birthDate() == null) {
                    outcomes.add(outcome(c, Outcome.REJECTED, "feed.newPersonNeedsNames", c.nationalId().value()));
                    continue;
                }
                person = register(c);
                people.put(c.nationalId().value(), person);
            }
            Step step = decide(person, c, startsAhead, provinceMainHospital);
            if (step.outcome == Outcome.CONFLICT) {
                pending.add(new PendingConflict(c, person, step.reasonCode, step.existing,
                        regionOfProvince.getOrDefault(person.provinceCode, 0)));
            }
            outcomes.add(outcome(c, step.outcome, step.reasonCode, step.existing == null ? null : step.existing.name()));
        }
        write(batchId, source, people.values());
        List<NewConflict> conflicts = recordConflicts(batchId, pending, outcomes);
        return new Result(outcomes, conflicts);
    }

    private record Step(Outcome outcome, String reasonCode, Scheme existing) {
        static Step applied() {
            return new Step(Outcome.APPLIED, null, null);
        }

        static Step noOp(String why) {
            return new Step(Outcome.NO_OP, why, null);
        }
    }

    private Step decide(PersonState person, Change c, Set<String> startsAhead, Map<String, String> mainHospital) {
        if (person.deathDate != null) {
            return c.event() == Change.Event.DEATH && c.effectiveDate().equals(person.deathDate)
                    ? Step.noOp("feed.alreadyInForce") : new Step(Outcome.CONFLICT, "DECEASED", null);
        }
        return switch (c.event()) {
            case DEATH -> {
                person.deathDate = c.effectiveDate();
                person.died = true;
                person.openRights().forEach(r -> r.close(c.effectiveDate()));
                yield Step.applied();
            }
            case START -> start(person, c, mainHospital);
            case END -> end(person, c, startsAhead, mainHospital);
        };
    }

    private Step start(PersonState person, Change c, Map<String, String> mainHospital) {
        Right open = person.openRight();
        if (open == null) {
            if (person.rights.stream().anyMatch(r -> r.scheme == c.scheme() && r.from.equals(c.effectiveDate()))) {
                return Step.noOp("feed.alreadyInForce");
            }
            person.open(c.scheme(), c.effectiveDate(), ucFacility(person, c, mainHospital), null);
            return Step.applied();
        }
        StartRules.Action action = rules.decide(open.scheme, c.scheme());
        if (action == StartRules.Action.SAME) {
            return Step.noOp("feed.alreadyInForce");
        }
        if (action == StartRules.Action.SUPERSEDE && open.from.isBefore(c.effectiveDate())) {
            open.close(c.effectiveDate().minusDays(1));
            person.open(c.scheme(), c.effectiveDate(), ucFacility(person, c, mainHospital), open.scheme);
            return Step.applied();
        }
        return new Step(Outcome.CONFLICT, "SECOND_RIGHT", open.scheme);
    }

    private Step end(PersonState person, Change c, Set<String> startsAhead, Map<String, String> mainHospital) {
        Right open = person.openRights().stream().filter(r -> r.scheme == c.scheme()).findFirst().orElse(null);
        if (open == null) {
            boolean alreadyEnded = person.rights.stream()
                    .anyMatch(r -> r.scheme == c.scheme() && c.effectiveDate().equals(r.to));
            return alreadyEnded ? Step.noOp("feed.alreadyInForce")
                    : new Step(Outcome.REJECTED, "feed.noOpenRight", c.scheme());
        }
        if (c.effectiveDate().isBefore(open.from)) {
            return new Step(Outcome.REJECTED, "feed.endBeforeStart", c.scheme());
        }
        open.close(c.effectiveDate());
        LocalDate next = c.effectiveDate().plusDays(1);
        String pid = person.nationalId;
        boolean anotherRightStarts = startsAhead.contains(pid + "|" + c.effectiveDate())
                || startsAhead.contains(pid + "|" + next) || person.openRight() != null;
        if (CONTINUOUS.contains(c.scheme()) && !anotherRightStarts) {
            person.open(Scheme.UC, next, ucFacility(person, c, mainHospital), c.scheme());
        }
        return Step.applied();
    }

    /** UC's main facility: the one the agency gave, else the last UC main facility, else the province's hospital. */
    private static String ucFacility(PersonState person, Change c, Map<String, String> mainHospital) {
        if (c.facilityCode() != null) {
            return c.facilityCode();
        }
        return person.rights.stream().filter(r -> r.scheme == Scheme.UC && r.mainFacility != null)
                .reduce((a, b) -> b.from.isAfter(a.from) ? b : a).map(r -> r.mainFacility)
                .orElse(mainHospital.get(person.provinceCode));
    }

    private Map<String, String> mainHospitalByProvince() {
        Map<String, String> main = new HashMap<>();
        for (Facility f : registry.facilities()) {
            boolean hospital = f.type().equals("REGIONAL_HOSPITAL") || f.type().equals("GENERAL_HOSPITAL");
            if (hospital && !main.containsKey(f.provinceCode())) {
                main.put(f.provinceCode(), f.hcode());
            }
        }
        return main;
    }

    private Map<String, PersonState> load(List<Change> changes) {
        Set<String> pids = new LinkedHashSet<>();
        changes.forEach(c -> pids.add(c.nationalId().value()));
        Map<String, PersonState> people = new HashMap<>();
        if (pids.isEmpty()) {
            return people;
        }
        Map<Long, PersonState> byId = new HashMap<>();
        named.query("select person_id, national_id, death_date, province_code from person where national_id in (:pids)",
                Map.of("pids", pids), rs -> {
                    PersonState p = new PersonState(rs.getLong("person_id"), rs.getString("national_id"),
                            rs.getObject("death_date", LocalDate.class), rs.getString("province_code"));
                    people.put(p.nationalId, p);
                    byId.put(p.personId, p);
                });
        if (!byId.isEmpty()) {
            named.query("""
                            select entitlement_id, person_id, scheme, valid_from, valid_to, main_facility_code
                            from entitlement where person_id in (:ids) order by valid_from, entitlement_id
                            """,
                    Map.of("ids", byId.keySet()), rs -> {
                        byId.get(rs.getLong("person_id")).rights.add(new Right(rs.getLong("entitlement_id"),
                                Scheme.valueOf(rs.getString("scheme")), rs.getObject("valid_from", LocalDate.class),
                                rs.getObject("valid_to", LocalDate.class), rs.getString("main_facility_code"), null));
                    });
        }
        return people;
    }

    private PersonState register(Change c) {
        var person = registry.registerPerson(new Registry.NewPerson(c.nationalId(), null, c.firstName(), c.lastName(), "U",
                c.birthDate(), "THA", null, null));
        return new PersonState(person.personId(), person.nationalId(), null, null);
    }

    private void write(String batchId, String source, Iterable<PersonState> people) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<SqlParameterSource> inserts = new ArrayList<>();
        List<SqlParameterSource> closes = new ArrayList<>();
        List<SqlParameterSource> deaths = new ArrayList<>();
        for (PersonState p : people) {
            if (p.died) {
                deaths.add(new MapSqlParameterSource("id", p.personId).addValue("d", p.deathDate).addValue("now", now));
            }
            for (Right r : p.rights) {
                if (r.id == null) {
                    inserts.add(new MapSqlParameterSource("person", p.personId).addValue("scheme", r.scheme.name())
                            .addValue("from", r.from).addValue("to", r.to).addValue("source", source)
                            .addValue("facility", r.mainFacility).addValue("now", now)
                            .addValue("previous", r.previous == null ? null : r.previous.name()).addValue("batch", batchId));
                } else if (r.closedNow) {
                    closes.add(new MapSqlParameterSource("id", r.id).addValue("to", r.to));
                }
            }
        }
        named.batchUpdate("update entitlement set valid_to = :to where entitlement_id = :id", closes.toArray(SqlParameterSource[]::new));
        named.batchUpdate("""
                insert into entitlement (person_id, scheme, valid_from, valid_to, source, main_facility_code, recorded_at,
                                         previous_scheme, batch_id)
                values (:person, :scheme, :from, :to, :source, :facility, :now, :previous, :batch)
                """, inserts.toArray(SqlParameterSource[]::new));
        named.batchUpdate("update person set death_date = :d, updated_at = :now where person_id = :id",
                deaths.toArray(SqlParameterSource[]::new));
    }

    private record PendingConflict(Change change, PersonState person, String kind, Scheme existing, int region) {
    }

    /** A conflict already on record (the same file again) is a no-op, not a second case. */
    private List<NewConflict> recordConflicts(String batchId, List<PendingConflict> pending, List<RowOutcome> outcomes) {
        List<NewConflict> created = new ArrayList<>();
        for (PendingConflict p : pending) {
            Change c = p.change();
            boolean known = jdbc.sql("""
                            select count(*) from entitlement_conflict
                            where national_id = :pid and scheme = :scheme and event = :event and effective_date = :d
                            """)
                    .param("pid", c.nationalId().value()).param("scheme", schemeOf(c)).param("event", c.event().name())
                    .param("d", c.effectiveDate()).query(Integer.class).single() > 0;
            if (known) {
                outcomes.replaceAll(o -> o.rowNumber() == c.rowNumber()
                        ? new RowOutcome(o.rowNumber(), o.nationalId(), o.scheme(), o.event(), Outcome.NO_OP, "feed.conflictKnown", null)
                        : o);
                continue;
            }
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            insert into entitlement_conflict (batch_id, row_number, national_id, region, scheme, event, effective_date,
                                                              facility_code, existing_scheme, kind, status)
                            values (:batch, :row, :pid, :region, :scheme, :event, :d, :facility, :existing, :kind, 'OPEN')
                            """)
                    .param("batch", batchId).param("row", c.rowNumber()).param("pid", c.nationalId().value())
                    .param("region", p.region()).param("scheme", schemeOf(c)).param("event", c.event().name())
                    .param("d", c.effectiveDate()).param("facility", c.facilityCode())
                    .param("existing", p.existing() == null ? null : p.existing().name()).param("kind", p.kind())
                    .update(key, "conflict_id");
            created.add(new NewConflict(key.getKey().longValue(), p.region()));
        }
        return created;
    }

    private static String schemeOf(Change c) {
        return c.scheme() == null ? "-" : c.scheme().name();
    }

    private static RowOutcome outcome(Change c, Outcome outcome, String code, String arg) {
        return new RowOutcome(c.rowNumber(), c.nationalId().value(), c.scheme() == null ? null : c.scheme().name(),
                c.event().name(), outcome, code, arg);
    }

    /** A person's rights as the chunk sees them, changed in memory before they are written. */
    private static final class PersonState {
        final long personId;
        final String nationalId;
        final String provinceCode;
        final List<Right> rights = new ArrayList<>();
        LocalDate deathDate;
        boolean died;

        PersonState(long personId, String nationalId, LocalDate deathDate, String provinceCode) {
            this.personId = personId;
            this.nationalId = nationalId;
            this.deathDate = deathDate;
            this.provinceCode = provinceCode;
        }

        List<Right> openRights() {
            return rights.stream().filter(r -> r.to == null).toList();
        }

        Right openRight() {
            return rights.stream().filter(r -> r.to == null).findFirst().orElse(null);
        }

        void open(Scheme scheme, LocalDate from, String mainFacility, Scheme previous) {
            rights.add(new Right(null, scheme, from, null, scheme == Scheme.UC ? mainFacility : null, previous));
        }
    }

    private static final class Right {
        final Long id;
        final Scheme scheme;
        final LocalDate from;
        final String mainFacility;
        final Scheme previous;
        LocalDate to;
        boolean closedNow;

        Right(Long id, Scheme scheme, LocalDate from, LocalDate to, String mainFacility, Scheme previous) {
            this.id = id;
            this.scheme = scheme;
            this.from = from;
            this.to = to;
            this.mainFacility = mainFacility;
            this.previous = previous;
        }

        void close(LocalDate day) {
            to = day;
            closedNow = true;
        }
    }
}
