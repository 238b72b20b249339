-- Field app (外业离线采集): operations queued on a phone while offline are applied exactly once, and
-- a field edit that lost a conflict to the office is kept in the card's history, never dropped.

-- One row per applied queued operation, written in the same transaction as the operation's own
-- write: a retried upload (the answer was lost on the way back) finds its row and writes nothing.
create table client_operations (
  op_id       uuid primary key,
  user_id     integer not null references users (id),
  kind        text not null,
  target_id   integer,
  result      jsonb not null,
  created_at  timestamptz not null default now()
);

-- A worker's offline edit of a card that the office changed meanwhile, when the worker chose to
-- keep the office's version (采用办公室的): the card does not change, the field version stays here.
create table user_card_discarded_versions (
  id              serial primary key,
  card_id         integer not null references user_cards (id) on delete cascade,
  based_on        integer not null,
  office_version  integer not null,
  data            jsonb not null,
  changed_by      text not null,
  changed_at      timestamptz not null default now()
);
create index user_card_discarded_versions_card_idx on user_card_discarded_versions (card_id);
