-- Grid survey (网格排查): one card per water user (一户一卡) with its pledge (承诺书), every
-- version of every card, photos on disk, and the dated events that make a grid's survey state.

create table user_cards (
  id              serial primary key,
  grid_id         integer not null references org_units (id),
  kind            text not null check (kind in ('household', 'unit', 'shop', 'village_house', 'other')),
  name            text not null,
  address         text not null default '',
  contact_name    text,
  contact_phone   text,
  industry        text,
  tap_accounts    text[] not null default '{}',
  households      integer check (households >= 0),
  persons         integer check (persons >= 0),
  beds            integer check (beds >= 0),
  area_m2         numeric(12, 2) check (area_m2 >= 0),
  wells_declared  integer not null default 0 check (wells_declared >= 0),
  water_source    text not null check (water_source in ('tap', 'well', 'both', 'none')),
  lat             double precision check (lat between -90 and 90),
  lng             double precision check (lng between -180 and 180),
  gps_accuracy_m  double precision,
  surveyed_by     text not null,
  surveyed_on     date not null,
  remarks         text,
  pledge_signed   boolean not null default false,
  pledge_stamped  boolean not null default false,
  pledge_date     date,
  version         integer not null default 1,
  created_by      integer references users (id),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index user_cards_grid_idx on user_cards (grid_id);

-- every saved state of a card, so that no edit is ever lost
create table user_card_versions (
  card_id     integer not null references user_cards (id) on delete cascade,
  version     integer not null,
  data        jsonb not null,
  changed_by  text not null,
  changed_at  timestamptz not null default now(),
  primary key (card_id, version)
);

create table photos (
  id            serial primary key,
  owner_type    text not null check (owner_type in ('card', 'pledge')),
  owner_id      integer not null,
  org_path      text not null,
  file_name     text not null,
  mime          text not null,
  size_bytes    integer not null,
  sha256        text not null,
  storage_key   text not null unique,
  uploaded_by   integer references users (id),
  uploaded_at   timestamptz not null default now()
);
create index photos_owner_idx on photos (owner_type, owner_id);

create table grid_survey_events (
  id         serial primary key,
  grid_id    integer not null references org_units (id),
  event      text not null check (event in ('start', 'complete', 'reopen')),
  on_date    date not null,
  reason     text,
  summary    jsonb,
  actor_name text not null,
  at         timestamptz not null default now()
);
create index grid_survey_events_grid_idx on grid_survey_events (grid_id, on_date, id);
