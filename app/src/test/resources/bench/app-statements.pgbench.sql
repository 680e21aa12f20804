-- Diagnostic: every statement one POST /api/v1/authen sends, in order, as the app sends them
-- (ApiKeyFilter, AreaPolicy, AuthenCodes.issue, AuditTrail), without the JVM.
-- Variables: persons, dayoff, hcode (keyhash is passed but no longer used: the key is kept in memory).
-- No colon inside a literal: pgbench would take 'api:x' for a variable (hence 'api-bench').
\set i random(1, :persons)
\set t 350000000000 + :i
\set s (:t / 100000000000) % 10 * 13 + (:t / 10000000000) % 10 * 12 + (:t / 1000000000) % 10 * 11 + (:t / 100000000) % 10 * 10 + (:t / 10000000) % 10 * 9 + (:t / 1000000) % 10 * 8 + (:t / 100000) % 10 * 7 + (:t / 10000) % 10 * 6 + (:t / 1000) % 10 * 5 + (:t / 100) % 10 * 4 + (:t / 10) % 10 * 3 + :t % 10 * 2
\set pid :t * 10 + (11 - :s % 11) % 10
-- ApiKeyFilter and AreaPolicy: the key and the facility come from memory (no statement);
-- AuthenCodes.issue: one transaction with the find, the person, the right, the code, and the
-- issue's audit entry written together with the call's own API_CALL entry
begin;
select authen_code, national_id, facility_code, service_type, service_date, phone, scheme, main_facility_code,
       refer_no, primary_facility_code, refer_facility_code, issued_by, issued_at, processing_micros
from authen_code where national_id = :pid and facility_code = :hcode and service_type = 'OPD' and service_date = current_date + :dayoff::integer;
select person_id, national_id, title_th, first_name_th, last_name_th, sex, birth_date, nationality, province_code, death_date
from person where national_id = :pid
\gset
select entitlement_id, scheme, valid_from, valid_to, source, main_facility_code
from entitlement where person_id = :person_id
order by valid_from desc, entitlement_id desc
\gset
-- the app inserts plainly and catches the duplicate; here the unique key just skips it
insert into authen_code (authen_code, national_id, facility_code, service_type, service_date, phone, scheme,
    main_facility_code, refer_no, primary_facility_code, refer_facility_code, issued_by, issued_at, processing_micros)
values ('OP' || upper(substr(md5(random()::text), 1, 18)), :pid, :hcode, 'OPD', current_date + :dayoff::integer, '0812345678',
    :scheme, :main_facility_code, null, null, null, 'api-bench', now(), 0)
on conflict (national_id, facility_code, service_type, service_date) do nothing;
insert into audit_event (occurred_at, username, action, subject_type, subject_id, detail, remote_address)
values (now(), 'api-bench', 'API_CALL', 'FACILITY', :hcode, 'POST /api/v1/authen', '127.0.0.1'),
       (now(), 'api-bench', 'ISSUE_AUTHEN', 'PERSON', :pid, 'OPXXXXXXXXXX ' || :hcode || ' OPD', '127.0.0.1');
commit;
