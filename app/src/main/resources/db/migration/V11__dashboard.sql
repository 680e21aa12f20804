-- Dashboards (public and by area) read the last 12 months by date range: each figure walks one
-- bounded index range instead of the whole history.

-- births per province and month, nationally: by birth date, the facility joined after the range
create index birth_case_birth_date_idx on birth_case (birth_date, facility_code, status);
-- authen coverage nationally: claim checks by service day
create index claim_check_day_idx on claim_check (service_date, status);
-- the counter's wait (time to code) nationally: authen codes by service day
create index authen_code_day_idx on authen_code (service_date);
-- the access SLA: requests received in the period
create index access_request_received_idx on access_request (received_at);
