-- Water samples (水样): where and when a sample was drawn, the field chlorine test, the lab's
-- results (a map tracer → value) and the records it is evidence for. The end-members of the
-- mixing model (tap water and local groundwater per district) and the detection floor are a
-- setting ('sample_mixing').

create table water_samples (
  id                  serial primary key,
  code                text not null unique,
  sampled_on          date not null,
  sampled_by          text not null default '',
  -- where: the unit it belongs to (a district or lower), and a well, a card, an address, a point
  org_unit_id         integer not null references org_units (id),
  district_id         integer not null references org_units (id),
  org_path            text not null,
  well_id             integer references wells (id),
  card_id             integer references user_cards (id) on delete set null,
  address             text not null default '',
  lat                 double precision,
  lng                 double precision,
  point               text not null check (point in ('tap', 'tank', 'non_potable', 'well_head', 'other')),
  field_chlorine      text not null default 'not_done' check (field_chlorine in ('present', 'absent', 'not_done')),
  field_chlorine_mg_l double precision check (field_chlorine_mg_l >= 0),
  lab_results         jsonb not null default '{}',
  lab_name            text,
  report_on           date,
  note                text,
  created_by          integer references users (id),
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  check (address <> '' or well_id is not null or card_id is not null)
);
create index water_samples_org_path_idx on water_samples (org_path text_pattern_ops);
create index water_samples_sampled_idx on water_samples (sampled_on);

-- a sample as evidence for a suspect account, a verification check, a tip or an inspection
create table sample_links (
  sample_id   integer not null references water_samples (id) on delete cascade,
  kind        text not null check (kind in ('account', 'suspect_check', 'tip', 'inspection')),
  ref_id      integer not null,
  created_by  text not null,
  created_at  timestamptz not null default now(),
  primary key (sample_id, kind, ref_id)
);
create index sample_links_ref_idx on sample_links (kind, ref_id);
