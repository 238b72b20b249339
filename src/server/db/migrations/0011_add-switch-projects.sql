-- Source-switch projects (水源置换 / 管网改造): a community's pipe-network retrofit that must
-- bring tap water before its wells can be sealed (先供水、后封井). A project carries its
-- households, budget and cost-sharing agreement, the wells it is to free for sealing, and a dated
-- history of its state and progress.

create table switch_projects (
  id               serial primary key,
  name             text not null unique,
  org_unit_id      integer not null references org_units (id),
  org_path         text not null,
  households       integer check (households >= 0),
  persons          integer check (persons >= 0),
  -- the number of wells the project is to free for sealing (the wells linked may be fewer)
  wells_planned    integer check (wells_planned >= 0),
  budget_wan       numeric(12, 2) check (budget_wan >= 0),
  cost_sharing     text not null default '',
  contractor       text not null default '',
  started_on       date,
  planned_finish   date,
  finished_on      date,
  progress         integer not null default 0 check (progress between 0 and 100),
  state            text not null default 'planning' check (state in ('planning', 'negotiating', 'started', 'finished', 'supplied')),
  remarks          text,
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index switch_projects_org_path_idx on switch_projects (org_path text_pattern_ops);

-- a well waits for one project at most
create table switch_project_wells (
  project_id  integer not null references switch_projects (id) on delete cascade,
  well_id     integer not null unique references wells (id),
  primary key (project_id, well_id)
);

create table switch_project_events (
  id          serial primary key,
  project_id  integer not null references switch_projects (id) on delete cascade,
  on_date     date not null,
  state       text not null check (state in ('planning', 'negotiating', 'started', 'finished', 'supplied')),
  progress    integer not null check (progress between 0 and 100),
  note        text not null default '',
  actor_name  text not null,
  at          timestamptz not null default now()
);
create index switch_project_events_project_idx on switch_project_events (project_id, on_date, id);
