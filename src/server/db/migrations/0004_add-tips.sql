-- Public tips (举报线索): the tip, its dated workflow events, and who reported it. The reporter's
-- identity sits in its own columns so that every read of it goes through one audited path.

create table tips (
  id              serial primary key,
  code            text not null unique,
  channel         text not null check (channel in ('web', 'hotline', 'phone', 'letter', 'visit', 'leader', 'media', 'wechat', 'ledger')),
  received_at     timestamptz not null,
  received_on     date not null,
  content         text not null,
  address         text not null default '',
  lat             double precision check (lat between -90 and 90),
  lng             double precision check (lng between -180 and 180),
  district_id     integer references org_units (id),
  grid_id         integer references org_units (id),
  org_path        text not null,
  reporter_name   text,
  reporter_phone  text,
  reporter_ip     text,
  client_hash     text,
  anonymous       boolean not null default true,
  duplicate_of    integer references tips (id),
  merged_text     text,
  well_id         integer references wells (id),
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index tips_org_path_idx on tips (org_path text_pattern_ops);
create index tips_received_idx on tips (received_on);
create index tips_client_idx on tips (client_hash, received_at);

create table tip_events (
  id          serial primary key,
  tip_id      integer not null references tips (id) on delete cascade,
  event       text not null,
  on_date     date not null,
  data        jsonb not null default '{}',
  actor_name  text not null,
  at          timestamptz not null default now()
);
create index tip_events_tip_idx on tip_events (tip_id, on_date, id);

alter table photos drop constraint photos_owner_type_check;
alter table photos add constraint photos_owner_type_check check (owner_type in ('card', 'pledge', 'well', 'tip'));
