-- What issuing an authen code does in SQL (FACTS: "the authen statements alone"): the person
-- by PID, the entitlement in force, and the insert that the unique key decides.
-- Variables: persons (loaded), dayoff (days after current_date, so each run inserts anew).
-- Codes are 'OP' + 18 hex digits, so random codes never collide on the primary key.
-- Person i has the PID "3" || (50000000000 + i) as 11 digits || check digit (see authen.lua).
\set i random(1, :persons)
\set t 350000000000 + :i
\set s (:t / 100000000000) % 10 * 13 + (:t / 10000000000) % 10 * 12 + (:t / 1000000000) % 10 * 11 + (:t / 100000000) % 10 * 10 + (:t / 10000000) % 10 * 9 + (:t / 1000000) % 10 * 8 + (:t / 100000) % 10 * 7 + (:t / 10000) % 10 * 6 + (:t / 1000) % 10 * 5 + (:t / 100) % 10 * 4 + (:t / 10) % 10 * 3 + :t % 10 * 2
\set pid :t * 10 + (11 - :s % 11) % 10
select person_id, national_id, title_th, first_name_th, last_name_th, sex, birth_date, nationality, province_code, death_date
from person where national_id = :pid
\gset
select entitlement_id, scheme, valid_from, valid_to, source, main_facility_code
from entitlement where person_id = :person_id
  and valid_from <= current_date + :dayoff::integer and (valid_to is null or valid_to >= current_date + :dayoff::integer)
order by valid_from desc, entitlement_id desc
\gset
insert into authen_code (authen_code, national_id, facility_code, service_type, service_date, phone, scheme,
    main_facility_code, refer_no, primary_facility_code, refer_facility_code, issued_by, issued_at, processing_micros)
values ('OP' || upper(substr(md5(random()::text), 1, 18)), :pid, '10670', 'OPD', current_date + :dayoff::integer, '0812345678',
    :scheme, :main_facility_code, null, null, null, 'pgbench', now(), 0)
on conflict (national_id, facility_code, service_type, service_date) do nothing;
