-- Inspections (督导核查), findings and their rectification (问题整改), the weekly findings summary
-- as edited by an office, and articles (领导活动 / 工作动态 / 工作信息) for the bulletin.

create table inspections (
  id              serial primary key,
  on_date         date not null,
  kind            text not null check (kind in ('research', 'site_check', 'unannounced', 'joint_enforcement', 'meeting')),
  title           text not null,
  leaders         jsonb not null default '[]',
  team            text not null default '',
  -- who went (the office) and where (the area: the scope the record belongs to)
  office_unit_id  integer not null references org_units (id),
  area_unit_id    integer not null references org_units (id),
  org_path        text not null,
  targets         jsonb not null default '[]',
  methods         jsonb not null default '[]',
  narrative       text not null default '',
  samples         jsonb not null default '[]',
  created_by      integer references users (id),
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index inspections_org_path_idx on inspections (org_path text_pattern_ops);
create index inspections_date_idx on inspections (on_date);

-- wells a visit found (a new file, or an existing one confirmed) or checked
create table inspection_wells (
  inspection_id  integer not null references inspections (id) on delete cascade,
  well_id        integer not null references wells (id),
  relation       text not null check (relation in ('found', 'checked')),
  primary key (inspection_id, well_id)
);
create index inspection_wells_well_idx on inspection_wells (well_id);

create table findings (
  id                 serial primary key,
  found_on           date not null,
  category           text not null,
  description        text not null,
  -- the unit that owns the problem (a district or lower) and its district
  unit_id            integer not null references org_units (id),
  district_id        integer not null references org_units (id),
  org_path           text not null,
  -- who raised it: its verification belongs to that office
  raised_by_unit_id  integer not null references org_units (id),
  raised_path        text not null,
  inspection_id      integer references inspections (id),
  grid_id            integer references org_units (id),
  card_id            integer references user_cards (id),
  well_id            integer references wells (id),
  deadline           date,
  version            integer not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index findings_org_path_idx on findings (org_path text_pattern_ops);
create index findings_found_idx on findings (found_on);
create index findings_inspection_idx on findings (inspection_id);

create table finding_events (
  id          serial primary key,
  finding_id  integer not null references findings (id) on delete cascade,
  event       text not null check (event in ('start', 'submit', 'verify', 'return')),
  on_date     date not null,
  data        jsonb not null default '{}',
  actor_name  text not null,
  at          timestamptz not null default now()
);
create index finding_events_finding_idx on finding_events (finding_id, on_date, id);

-- an office's edit of a generated weekly summary; the records it was made from stay as they are
create table findings_summary_edits (
  id              serial primary key,
  unit_id         integer not null references org_units (id),
  org_path        text not null,
  week_end        date not null,
  generated_text  text not null,
  edited_text     text not null,
  edited_by       text not null,
  version         integer not null default 1,
  updated_at      timestamptz not null default now(),
  unique (unit_id, week_end)
);

create table articles (
  id              serial primary key,
  category        text not null check (category in ('leader', 'work', 'info')),
  title           text not null,
  on_date         date not null,
  paragraphs      jsonb not null,
  author_unit_id  integer not null references org_units (id),
  district_id     integer references org_units (id),
  org_path        text not null,
  inspection_id   integer references inspections (id),
  state           text not null default 'draft' check (state in ('draft', 'submitted', 'approved', 'used')),
  return_reason   text,
  approved_by     text,
  approved_on     date,
  used_in         text,
  created_by      integer references users (id),
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index articles_org_path_idx on articles (org_path text_pattern_ops);
create index articles_state_idx on articles (state, on_date);

alter table photos drop constraint photos_owner_type_check;
alter table photos add constraint photos_owner_type_check check (owner_type in ('card', 'pledge', 'well', 'tip', 'inspection', 'finding'));
