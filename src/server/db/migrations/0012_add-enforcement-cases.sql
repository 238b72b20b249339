-- Enforcement cases (执法案件): a numbered case against a party (a user card and/or a unit name),
-- the wells it concerns, the violation and the articles of law it rests on, the penalty, and its
-- state as a dated history (立案 → 调查 → 处罚决定 → 执行 → 结案). A typical case (典型案例) may
-- be written up as a 工作信息 draft for a bulletin.
-- Wells get their annual withdrawal (年取水量, m³): the small users (小用水户) under a threshold
-- are listed with their water-resource-tax registration for the tax office.

create table enforcement_cases (
  id               serial primary key,
  case_year        integer not null check (case_year between 1900 and 2100),
  serial           integer not null check (serial > 0),
  -- as printed: 宛水罚〔2024〕3号
  number           text not null unique,
  filed_on         date not null,
  party_card_id    integer references user_cards (id),
  party_name       text not null,
  party_contact    text not null default '',
  -- the party's unit (a district or lower) and its district: the scope the case belongs to
  unit_id          integer not null references org_units (id),
  district_id      integer not null references org_units (id),
  org_path         text not null,
  violation        text not null check (violation in ('refused', 'concealed', 'reactivated', 'discharge', 'no_meter', 'other')),
  violation_other  text,
  legal_basis      jsonb not null default '[]',
  facts            text not null default '',
  fine_yuan        numeric(14, 2) check (fine_yuan >= 0),
  other_measures   text not null default '',
  state            text not null default 'filed' check (state in ('filed', 'investigating', 'decided', 'enforcing', 'closed')),
  typical          boolean not null default false,
  -- the 工作信息 draft written from a typical case
  article_id       integer references articles (id),
  created_by       integer references users (id),
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  unique (case_year, serial)
);
create index enforcement_cases_org_path_idx on enforcement_cases (org_path text_pattern_ops);
create index enforcement_cases_filed_idx on enforcement_cases (filed_on);

create table case_wells (
  case_id  integer not null references enforcement_cases (id) on delete cascade,
  well_id  integer not null references wells (id),
  primary key (case_id, well_id)
);
create index case_wells_well_idx on case_wells (well_id);

create table case_events (
  id          serial primary key,
  case_id     integer not null references enforcement_cases (id) on delete cascade,
  event       text not null check (event in ('file', 'investigate', 'decide', 'enforce', 'close')),
  on_date     date not null,
  data        jsonb not null default '{}',
  actor_name  text not null,
  at          timestamptz not null default now()
);
create index case_events_case_idx on case_events (case_id, on_date, id);

alter table wells add column annual_volume_m3 numeric(14, 2) check (annual_volume_m3 >= 0);
