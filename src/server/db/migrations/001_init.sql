-- Lianpian campaign server: the first schema. PostgreSQL (PGlite and a PostgreSQL server alike).
-- Every shared row carries `version` (optimistic concurrency: a write names the version it was
-- made on; a stale one gets 409). `campaigns.revision` grows with every write in a campaign: it
-- keys the server's analysis cache and numbers the live events.

create table campaigns (
  id text primary key,
  title text not null,
  public_read boolean not null default false,
  settings jsonb not null,
  settings_version integer not null default 1,
  revision bigint not null default 1,
  created_at timestamptz not null default now()
);

-- Boundaries are versioned: each import adds a version; the highest is current.
create table boundary_versions (
  campaign_id text not null references campaigns(id) on delete cascade,
  version integer not null,
  file text not null,
  communities jsonb not null,
  streets jsonb,
  district jsonb,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (campaign_id, version)
);

create table community_status (
  campaign_id text not null references campaigns(id) on delete cascade,
  code text not null,
  data jsonb not null,
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (campaign_id, code)
);

create table inspections (
  id bigserial primary key,
  campaign_id text not null references campaigns(id) on delete cascade,
  code text not null,
  date text not null check (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  kind text not null,
  score double precision not null,
  problems_found integer not null,
  problems_rectified integer not null,
  note text not null default '',
  version integer not null default 1,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index inspections_campaign on inspections (campaign_id, date, code);

-- Problems reported by instructors, optionally referred to a department, which answers.
create table problems (
  id bigserial primary key,
  campaign_id text not null references campaigns(id) on delete cascade,
  code text not null,
  description text not null,
  department text,
  answer text,
  version integer not null default 1,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table plans (
  campaign_id text primary key references campaigns(id) on delete cascade,
  codes jsonb,
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

create table scenarios (
  id bigserial primary key,
  campaign_id text not null references campaigns(id) on delete cascade,
  name text not null,
  codes jsonb not null,
  author text not null,
  version integer not null default 1,
  saved_at timestamptz not null default now(),
  unique (campaign_id, name)
);

create table users (
  id bigserial primary key,
  username text not null unique,
  password_hash text not null,
  disabled boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now()
);

-- Who may do what where (FixMyStreet's user_body_permissions): one row per user and campaign;
-- campaign_id null = every campaign. Checked in one place (src/server/auth/permissions.ts).
create table permissions (
  user_id bigint not null references users(id) on delete cascade,
  campaign_id text,
  role text not null,
  scope text[] not null default '{}',
  unique (user_id, campaign_id)
);

-- Sessions: only the SHA-256 of the token is stored; expiry slides with use.
create table sessions (
  token_hash text primary key,
  user_id bigint not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- Append-only: every write adds one event in its own transaction.
create table audit_events (
  id bigserial primary key,
  campaign_id text,
  actor text not null,
  action text not null,
  entity text not null,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
create index audit_campaign on audit_events (campaign_id, id);
