-- Bulletins: a series (工作简报, a campaign's 日通报 …) with its masthead and distribution lines, and
-- its numbered issues. A draft holds the chosen sections; issuing stores the whole content, so an
-- issued bulletin never changes when the records behind it do.

create table bulletin_series (
  id           serial primary key,
  name         text not null unique,
  title        text not null,
  office       text not null,
  report_line  text not null,
  send_line    text not null,
  campaign_id  integer references task_campaigns (id),
  created_at   timestamptz not null default now()
);

create table bulletins (
  id           serial primary key,
  series_id    integer not null references bulletin_series (id),
  number       integer not null check (number > 0),
  issued_on    date not null,
  as_of        date not null,
  state        text not null default 'draft' check (state in ('draft', 'issued')),
  sections     jsonb not null default '[]',
  corrects_id  integer references bulletins (id),
  correction   text,
  content      jsonb,
  issued_at    timestamptz,
  issued_by    text,
  version      integer not null default 1,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (series_id, number)
);
