-- Ground-source heat-pump projects (地温空调): who runs them, where, their approval (审批) and
-- stage, the extraction and reinjection wells on file, the design volumes; the monitoring
-- readings (抽水 / 回灌), what inspections saw (外排, 停泵对比), and which findings the records
-- have already raised (so a month, an observation or a wells count is never raised twice).

create table heat_pump_projects (
  id                          serial primary key,
  name                        text not null unique,
  operator                    text not null default '',
  address                     text not null default '',
  lat                         double precision check (lat between -90 and 90),
  lng                         double precision check (lng between -180 and 180),
  -- the unit it lies in (a district or lower) and its district, which owns what it calls for
  org_unit_id                 integer not null references org_units (id),
  district_id                 integer not null references org_units (id),
  org_path                    text not null,
  approval_no                 text not null default '',
  approval_date               date,
  approval_authority          text not null default '',
  -- [{ "title": "...", "url": "..." | null }]: the documents as notes and links
  approval_documents          jsonb not null default '[]',
  stage                       text not null default 'approval' check (stage in ('approval', 'construction', 'operation', 'stopped')),
  registered_wells            integer not null default 0 check (registered_wells >= 0),
  design_pump_m3_per_day      double precision check (design_pump_m3_per_day >= 0),
  design_reinject_m3_per_day  double precision check (design_reinject_m3_per_day >= 0),
  operating_days_per_year     integer check (operating_days_per_year between 1 and 366),
  remarks                     text not null default '',
  created_by                  integer references users (id),
  version                     integer not null default 1,
  created_at                  timestamptz not null default now(),
  updated_at                  timestamptz not null default now()
);
create index heat_pump_projects_org_path_idx on heat_pump_projects (org_path text_pattern_ops);

-- a well file belongs to at most one project
create table heat_pump_wells (
  project_id  integer not null references heat_pump_projects (id) on delete cascade,
  well_id     integer not null unique references wells (id),
  primary key (project_id, well_id)
);

-- one reading: a day ('YYYY-MM-DD', e.g. an ultrasonic spot measurement) or a month ('YYYY-MM', a meter)
create table heat_pump_readings (
  id             serial primary key,
  project_id     integer not null references heat_pump_projects (id) on delete cascade,
  period         text not null check (period ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$'),
  pumped_m3      double precision not null check (pumped_m3 >= 0),
  reinjected_m3  double precision not null check (reinjected_m3 >= 0),
  method         text not null check (method in ('meter', 'ultrasonic')),
  water_temp_c   double precision check (water_temp_c between -5 and 100),
  note           text not null default '',
  org_path       text not null,
  recorded_by    text not null,
  created_at     timestamptz not null default now(),
  unique (project_id, period, method)
);
create index heat_pump_readings_project_idx on heat_pump_readings (project_id, period);

create table heat_pump_observations (
  id             serial primary key,
  project_id     integer not null references heat_pump_projects (id) on delete cascade,
  on_date        date not null,
  kind           text not null check (kind in ('discharge', 'pump_stop_test', 'other')),
  note           text not null,
  inspection_id  integer references inspections (id),
  org_path       text not null,
  recorded_by    text not null,
  created_at     timestamptz not null default now()
);
create index heat_pump_observations_project_idx on heat_pump_observations (project_id, on_date);

-- what the records called for and the finding that answers it: 'month:2024-06', 'observation:12',
-- 'wells:5' (the count of wells found when it was raised). A finding may answer several keys.
create table heat_pump_findings (
  project_id  integer not null references heat_pump_projects (id) on delete cascade,
  key         text not null,
  finding_id  integer not null references findings (id),
  primary key (project_id, key)
);
create index heat_pump_findings_finding_idx on heat_pump_findings (finding_id);
