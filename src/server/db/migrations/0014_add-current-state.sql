-- Each record's current state, kept beside its dated events so that lists filter, count and page in
-- SQL instead of folding a whole scope's events on every request. The columns hold the fold of the
-- record's full history (the domain rule, in the server, in the same transaction as every event
-- written); null means "not folded yet": rows from before this migration are filled at start-up,
-- after the migrations. `last_event_on` is the newest event's day: the stored state is the state
-- on any day from then on, so a list or table as of an earlier day still folds by date.

alter table tips add column state text check (state in ('received', 'assigned', 'investigated', 'closed'));
alter table tips add column assigned_district_id integer references org_units (id);
alter table tips add column due_on date;
alter table tips add column result text check (result in ('substantiated', 'unsubstantiated'));
alter table tips add column assigned_on date;
alter table tips add column closed_on date;
alter table tips add column last_event_on date;
create index tips_state_idx on tips (state);
create index tips_last_event_idx on tips (last_event_on);
create index tips_state_unknown_idx on tips (id) where state is null;

alter table wells add column stage text;
alter table wells add column disposition text check (disposition in ('seal', 'permit', 'keep'));
alter table wells add column last_event_on date;
create index wells_stage_idx on wells (stage);
create index wells_last_event_idx on wells (last_event_on);
create index wells_stage_unknown_idx on wells (id) where stage is null;

alter table findings add column state text check (state in ('open', 'rectifying', 'submitted', 'returned', 'closed'));
alter table findings add column last_event_on date;
create index findings_state_idx on findings (state);
create index findings_last_event_idx on findings (last_event_on);
create index findings_state_unknown_idx on findings (id) where state is null;

-- a grid's survey state: a row for every grid with survey events (a grid without one has not started)
create table grid_survey_states (
  grid_id        integer primary key references org_units (id),
  state          text not null check (state in ('not_started', 'in_progress', 'completed')),
  last_event_on  date not null
);
create index grid_survey_states_state_idx on grid_survey_states (state);

-- the 承诺书 list: the cards whose pledge is incomplete (pledgeStatus() !== 'complete'; units must stamp)
create index user_cards_pledge_issue_idx on user_cards (id) where (not pledge_signed or (kind in ('unit') and not pledge_stamped));
