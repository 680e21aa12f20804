-- Diagnostic (bench.lean=true): what one POST /api/v1/authen could send instead, to show the
-- ceiling of a leaner design: API key and facility from an in-memory cache (no statements),
-- person and right in one query, then one transaction with the code (INSERT ... ON CONFLICT
-- DO NOTHING RETURNING answers "new or already issued" without the two finds) and both audit
-- entries in one multi-row INSERT. One commit per request instead of three, 3 statements
-- instead of 9. Variables: persons, dayoff, hcode.
\set i random(1, :persons)
\set t 350000000000 + :i
\set s (:t / 100000000000) % 10 * 13 + (:t / 10000000000) % 10 * 12 + (:t / 1000000000) % 10 * 11 + (:t / 100000000) % 10 * 10 + (:t / 10000000) % 10 * 9 + (:t / 1000000) % 10 * 8 + (:t / 100000) % 10 * 7 + (:t / 10000) % 10 * 6 + (:t / 1000) % 10 * 5 + (:t / 100) % 10 * 4 + (:t / 10) % 10 * 3 + :t % 10 * 2
\set pid :t * 10 + (11 - :s % 11) % 10
select p.person_id, p.national_id, p.death_date, e.scheme, e.main_facility_code, e.valid_from, e.valid_to
from person p left join entitlement e on e.person_id = p.person_id
where p.national_id = :pid
order by e.valid_from desc, e.entitlement_id desc
\gset
begin;
insert into authen_code (authen_code, national_id, facility_code, service_type, service_date, phone, scheme,
    main_facility_code, refer_no, primary_facility_code, refer_facility_code, issued_by, issued_at, processing_micros)
values ('OP' || upper(substr(md5(random()::text), 1, 18)), :pid, :hcode, 'OPD', current_date + :dayoff::integer, '0812345678',
    :scheme, :main_facility_code, null, null, null, 'api-bench', now(), 0)
on conflict (national_id, facility_code, service_type, service_date) do nothing
returning authen_code, issued_at;
insert into audit_event (occurred_at, username, action, subject_type, subject_id, detail, remote_address)
values (now(), 'api-bench', 'API_CALL', 'FACILITY', :hcode, 'POST /api/v1/authen', '127.0.0.1'),
       (now(), 'api-bench', 'ISSUE_AUTHEN', 'PERSON', :pid, 'OPXXXXXXXXXX ' || :hcode || ' OPD', '127.0.0.1');
commit;
