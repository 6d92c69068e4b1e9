-- The supervision loop (issue 20): rounds of inspection, inspections from the phone's form,
-- cases from finding to closing with their timeline, referral slips 抄告单 and photos.

create table rounds (
  id bigserial primary key,
  campaign_id text not null references campaigns(id) on delete cascade,
  kind text not null check (kind in ('weekly', 'monthly', 'spot', 'unannounced')),
  title text not null,
  start_day text not null check (start_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  end_day text not null check (end_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and end_day >= start_day),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index rounds_campaign on rounds (campaign_id, start_day);

-- Who inspects which communities in a round (every inspector of the round may inspect each of its communities).
create table round_assignments (
  round_id bigint not null references rounds(id) on delete cascade,
  inspector text,
  community text,
  check ((inspector is null) <> (community is null))
);
create index round_assignments_round on round_assignments (round_id);
create index round_assignments_inspector on round_assignments (inspector);

-- Inspections from the phone's form are rows of `inspections` (so the lagging report reads them)
-- with what the form said: the round, its kind, the items checked, the rubric, the status changes.
alter table inspections add column round_id bigint references rounds(id) on delete set null;
alter table inspections add column round_kind text check (round_kind is null or round_kind in ('weekly', 'monthly', 'spot', 'unannounced'));
alter table inspections add column items jsonb;
alter table inspections add column rubric jsonb;
alter table inspections add column status_changes jsonb;
alter table inspections add column photos jsonb;
alter table inspections add column client_id text;
create unique index inspections_client on inspections (campaign_id, client_id) where client_id is not null;

-- A case: the core's CaseRecord (without its history) in `data`, the columns it is filtered by beside it.
create table cases (
  campaign_id text not null references campaigns(id) on delete cascade,
  number integer not null,
  state text not null check (state in ('reported', 'registered', 'assigned', 'in_progress', 'fixed', 'verified', 'closed')),
  community text not null,
  street text not null,
  category text not null,
  unit_kind text not null check (unit_kind in ('street', 'department')),
  unit_id text not null,
  deadline text,
  round_id bigint references rounds(id) on delete set null,
  inspection_id bigint references inspections(id) on delete set null,
  data jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (campaign_id, number)
);
create index cases_unit on cases (campaign_id, unit_kind, unit_id);
create index cases_state on cases (campaign_id, state);

-- Every step of a case (FixMyStreet's updates): the audit is the history.
create table case_events (
  id bigserial primary key,
  campaign_id text not null,
  case_number integer not null,
  event jsonb not null,
  at timestamptz not null,
  foreign key (campaign_id, case_number) references cases(campaign_id, number) on delete cascade
);
create index case_events_case on case_events (campaign_id, case_number, id);

-- 抄告单: numbered per campaign and year; one per referral of a case to a department.
create table referral_slips (
  campaign_id text not null,
  year integer not null,
  serial integer not null,
  case_number integer not null,
  department text not null,
  issued_at timestamptz not null,
  primary key (campaign_id, year, serial),
  foreign key (campaign_id, case_number) references cases(campaign_id, number) on delete cascade
);
create index referral_slips_department on referral_slips (campaign_id, department);

-- Photos as base64 (resized on the phone; at most about 1.1 MB each).
create table photos (
  id bigserial primary key,
  campaign_id text not null references campaigns(id) on delete cascade,
  mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
  data text not null check (length(data) <= 1500000),
  bytes integer not null,
  taken_at text,
  lon double precision,
  lat double precision,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index photos_campaign on photos (campaign_id, id);
