-- Works, money and accountability (issue 21): projects with their sign-offs and payments, the
-- funding sources' allocations per street, the people responsible 责任人 and the instructors 指导员.

-- A project: the core's ProjectRecord (without history, payments and version) in `data`.
create table projects (
  campaign_id text not null references campaigns(id) on delete cascade,
  id text not null,
  number integer not null,
  stage text not null check (stage in ('submitted', 'reviewed', 'evaluated', 'building', 'supervised', 'accepted', 'paid')),
  source text not null,
  street text not null,
  data jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (campaign_id, id),
  unique (campaign_id, number)
);

-- Every signed stage of a project (the core's ProjectEvent).
create table project_events (
  id bigserial primary key,
  campaign_id text not null,
  project_id text not null,
  event jsonb not null,
  at timestamptz not null,
  foreign key (campaign_id, project_id) references projects(campaign_id, id) on delete cascade
);
create index project_events_project on project_events (campaign_id, project_id, id);

-- Money paid to a project after 验收; `override_reason` set when it went above the allocation.
create table disbursements (
  id bigserial primary key,
  campaign_id text not null,
  project_id text not null,
  amount_wan double precision not null check (amount_wan > 0),
  note text not null default '',
  override_reason text,
  actor text not null,
  at timestamptz not null,
  foreign key (campaign_id, project_id) references projects(campaign_id, id) on delete cascade
);
create index disbursements_project on disbursements (campaign_id, project_id, id);

-- A funding source's money for a street (street null: the district's own share 区级统筹).
create table allocations (
  campaign_id text not null references campaigns(id) on delete cascade,
  source text not null,
  street text,
  allocated_wan double precision not null check (allocated_wan >= 0)
);
create index allocations_campaign on allocations (campaign_id, source, street);

-- People responsible and instructors: the core's Person / Instructor in `data`.
create table works_people (
  campaign_id text not null references campaigns(id) on delete cascade,
  id text not null,
  data jsonb not null,
  version integer not null default 1,
  primary key (campaign_id, id)
);

create table instructors (
  campaign_id text not null references campaigns(id) on delete cascade,
  id text not null,
  community text not null,
  data jsonb not null,
  version integer not null default 1,
  primary key (campaign_id, id)
);
