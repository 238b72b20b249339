-- One file per well (一井一档): identity, and every lifecycle step as a dated event with its
-- evidence; task campaigns (封停任务) as target lists of wells. A district's short name (示范区)
-- is how notices print it.

alter table org_units add column short_name text;

create table wells (
  id                 serial primary key,
  code               text not null unique,
  org_unit_id        integer not null references org_units (id),
  org_path           text not null,
  owner_name         text not null,
  card_id            integer references user_cards (id),
  address            text not null default '',
  lat                double precision check (lat between -90 and 90),
  lng                double precision check (lng between -180 and 180),
  year_drilled       integer check (year_drilled between 1900 and 2100),
  depth_m            numeric(8, 2) check (depth_m >= 0),
  inner_diameter_mm  numeric(8, 1) check (inner_diameter_mm >= 0),
  casing             text,
  aquifer            text,
  use                text not null check (use in ('domestic', 'production', 'gshp_extraction', 'gshp_reinjection', 'greening', 'fire', 'agriculture', 'other')),
  pump_power_kw      numeric(8, 2),
  power_meter_no     text,
  in_use_status      text not null default 'in_use' check (in_use_status in ('in_use', 'stopped', 'sealed')),
  found_via          text not null check (found_via in ('survey', 'tip', 'inspection', 'analytics', 'heat_pump', 'other')),
  found_ref          text,
  discovered_on      date not null,
  remarks            text,
  version            integer not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index wells_org_path_idx on wells (org_path text_pattern_ops);

create table well_events (
  id          serial primary key,
  well_id     integer not null references wells (id) on delete cascade,
  event       text not null,
  on_date     date not null,
  data        jsonb not null default '{}',
  actor_name  text not null,
  at          timestamptz not null default now()
);
create index well_events_well_idx on well_events (well_id, on_date, id);

alter table photos drop constraint photos_owner_type_check;
alter table photos add constraint photos_owner_type_check check (owner_type in ('card', 'pledge', 'well'));
alter table photos add column stage text;
alter table photos add column lat double precision;
alter table photos add column lng double precision;
alter table photos add column distance_m double precision;

create table task_campaigns (
  id          serial primary key,
  name        text not null unique,
  title       text not null,
  starts_on   date not null,
  ends_on     date not null,
  created_at  timestamptz not null default now(),
  check (ends_on >= starts_on)
);

create table campaign_tasks (
  id           serial primary key,
  campaign_id  integer not null references task_campaigns (id) on delete cascade,
  well_id      integer not null references wells (id),
  district_id  integer not null references org_units (id),
  disposition  text not null check (disposition in ('seal', 'permit')),
  deadline     date,
  -- a task counts in tables from this day on, so adding one later never changes a past notice
  added_on     date not null,
  unique (campaign_id, well_id)
);
