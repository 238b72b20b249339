-- Org hierarchy (网格化): city → district → street → community → grid.
-- path is the materialised path of ids ('/1/4/17/'), the key every scope filter uses.
create table org_units (
  id          serial primary key,
  code        text not null unique,
  name        text not null,
  level       text not null check (level in ('city', 'district', 'street', 'community', 'grid')),
  parent_id   integer references org_units (id),
  path        text not null unique,
  sort_order  integer not null default 0,
  opened_on   date not null default current_date,
  closed_on   date,
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  check ((level = 'city') = (parent_id is null)),
  check (closed_on is null or closed_on >= opened_on)
);
create index org_units_path_idx on org_units (path text_pattern_ops);
create index org_units_parent_idx on org_units (parent_id);
create unique index org_units_sibling_name_idx on org_units (parent_id, name) where closed_on is null;

create table users (
  id                    serial primary key,
  username              text not null,
  display_name          text not null,
  phone                 text,
  password_hash         text not null,
  must_change_password  boolean not null default false,
  failed_logins         integer not null default 0,
  locked_until          timestamptz,
  disabled_at           timestamptz,
  version               integer not null default 1,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);
create unique index users_username_idx on users (lower(username));

create table user_grants (
  id           serial primary key,
  user_id      integer not null references users (id) on delete cascade,
  role         text not null check (role in ('city', 'district', 'street', 'grid', 'utility', 'enforcement', 'leader')),
  org_unit_id  integer not null references org_units (id),
  unique (user_id, role, org_unit_id)
);

-- Only a hash of the session id is stored: a leaked table does not hand out sessions.
create table sessions (
  id_hash       text primary key,
  user_id       integer not null references users (id) on delete cascade,
  csrf_secret   text not null,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  last_seen_at  timestamptz not null default now(),
  ip            text,
  user_agent    text
);
create index sessions_user_idx on sessions (user_id);

-- Machine clients (the water company's uploads) act as their owner user, within its grants.
create table api_tokens (
  id            serial primary key,
  user_id       integer not null references users (id) on delete cascade,
  name          text not null,
  token_hash    text not null unique,
  token_prefix  text not null,
  created_by    integer references users (id),
  created_at    timestamptz not null default now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

create table audit_log (
  id           bigserial primary key,
  at           timestamptz not null default now(),
  actor_id     integer references users (id),
  actor_name   text not null,
  request_id   text,
  action       text not null,
  entity_type  text not null,
  entity_id    text,
  org_path     text,
  summary      text not null,
  before       jsonb,
  after        jsonb
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_org_path_idx on audit_log (org_path text_pattern_ops);

create table settings (
  key         text primary key,
  value       jsonb not null,
  updated_at  timestamptz not null default now()
);
