-- Water-company data (北控水务's accounts and meter readings) and the dual-source suspect engine
-- (疑似双水源用水户): analysis runs, verification batches and their outcomes.

-- An account is seen by the offices through org_path (its grid's path, or the city's while it is
-- not matched to a grid) and by the water company through supplier_path (the unit its uploader is
-- granted at).
create table utility_accounts (
  id             serial primary key,
  account_no     text not null unique,
  name           text not null,
  address        text not null default '',
  category       text not null,
  industry       text,
  households     integer check (households >= 0),
  persons        integer check (persons >= 0),
  beds           integer check (beds >= 0),
  area_m2        numeric(12, 2) check (area_m2 >= 0),
  grid_id        integer references org_units (id),
  card_id        integer references user_cards (id) on delete set null,
  matched_by     text check (matched_by in ('card', 'grid_code', 'address')),
  org_path       text not null,
  supplier_path  text not null,
  version        integer not null default 1,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index utility_accounts_org_path_idx on utility_accounts (org_path text_pattern_ops);
create index utility_accounts_supplier_path_idx on utility_accounts (supplier_path text_pattern_ops);

-- One upload of a file. A readings import loads in chunks, each committed with last_row (the
-- file row a resumed load starts after); its rows count only once it is 'applied'. Bad rows hold
-- it back ('held') until the uploader accepts them (the good rows apply) or discards the import.
create table utility_imports (
  id             serial primary key,
  kind           text not null check (kind in ('accounts', 'readings')),
  file_name      text not null,
  file_sha256    text not null,
  size_bytes     bigint not null,
  supplier_path  text not null,
  state          text not null check (state in ('loading', 'held', 'applied', 'discarded', 'failed')),
  last_row       integer not null default 0,
  bytes_read     bigint not null default 0,
  rows_loaded    integer not null default 0,
  bad_rows       integer not null default 0,
  errors         jsonb not null default '[]',
  periods        text[] not null default '{}',
  message        text,
  storage_key    text,
  created_by     integer references users (id),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  finished_at    timestamptz
);
create index utility_imports_sha_idx on utility_imports (file_sha256, state);

-- Millions of rows: no foreign keys (the loader checks every account number), one index (the key).
-- period is 'YYYY-MM' (monthly billing) or 'YYYY-MM-DD' (daily smart-meter data).
create table utility_readings (
  account_id  integer not null,
  period      text not null,
  m3          double precision not null check (m3 >= 0),
  import_id   integer not null,
  primary key (account_id, period, import_id)
);

-- An analysis run: every account scored as of a month, with the weights used.
create table suspect_runs (
  id              serial primary key,
  as_of           text not null,
  weights         jsonb not null,
  outcomes_used   integer not null default 0,
  accounts        integer not null,
  flagged         integer not null,
  created_by      integer references users (id),
  created_at      timestamptz not null default now()
);

create table suspect_scores (
  run_id      integer not null references suspect_runs (id) on delete cascade,
  rank        integer not null,
  account_id  integer not null,
  score       double precision not null,
  features    jsonb not null,
  signals     jsonb not null,
  reasons     text[] not null,
  survey_gap  text check (survey_gap in ('noCard', 'tapOnlyCard')),
  primary key (run_id, rank)
);
create index suspect_scores_account_idx on suspect_scores (run_id, account_id);

-- A verification batch (第N批): the top N of a run and a random control slice, sent to the
-- districts. The field teams are not told which accounts are the control.
create table suspect_batches (
  id             serial primary key,
  number         integer not null unique,
  run_id         integer not null references suspect_runs (id),
  top_n          integer not null check (top_n > 0),
  control_share  double precision not null check (control_share >= 0 and control_share <= 1),
  due_on         date,
  created_by     integer references users (id),
  created_at     timestamptz not null default now()
);

create table suspect_checks (
  id             serial primary key,
  batch_id       integer not null references suspect_batches (id),
  account_id     integer not null references utility_accounts (id),
  rank           integer not null,
  score          double precision not null,
  features       jsonb not null,
  reasons        text[] not null,
  in_control     boolean not null,
  org_path       text not null,
  outcome        text check (outcome in ('found', 'normal', 'no_access')),
  well_id        integer references wells (id),
  note           text,
  checked_on     date,
  checked_by     integer references users (id),
  version        integer not null default 1,
  updated_at     timestamptz not null default now(),
  unique (batch_id, account_id),
  check (outcome = 'found' or well_id is null),
  check (outcome is distinct from 'found' or well_id is not null)
);
create index suspect_checks_org_path_idx on suspect_checks (org_path text_pattern_ops);
