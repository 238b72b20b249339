-- Security hardening (issue 18).

-- Search matches only what the caller may read: a role that sees a tip's words or a case's facts
-- with phone and ID numbers masked searches the masked text, so a search cannot read a hidden
-- digit back. Written with the text by the repositories (the domain's maskPersonalText); rows from
-- before are filled once after the migrations.
alter table tips add column content_masked text;
alter table enforcement_cases add column facts_masked text;

-- Failed logins, counted atomically per account name and client address (known or unknown names
-- alike, so the answer says nothing about which exist): a stranger elsewhere cannot lock an
-- account, and parallel attempts cannot outrun the count.
create table login_failures (
  username     text not null,
  client       text not null,
  failures     integer not null default 0,
  locked_until timestamptz,
  updated_at   timestamptz not null default now(),
  primary key (username, client)
);

-- A public tip form token is used once.
create table used_form_tokens (
  token_hash text primary key,
  used_at    timestamptz not null default now()
);
