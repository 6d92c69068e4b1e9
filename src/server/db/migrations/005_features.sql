-- Campaign features on the map (issue 21): landscape routes 景观路线 and road works as lines, street
-- service centres and project sites as points, each a GeoJSON geometry (WGS84) with its kind, name,
-- the community and project it belongs to, and its version (a stale write is a 409).
create table campaign_features (
  campaign_id text not null references campaigns(id) on delete cascade,
  id text not null,
  kind text not null check (kind in ('landscape_route', 'road_work', 'service_centre', 'project_site')),
  name text not null,
  community text,
  project text,
  geometry jsonb not null,
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (campaign_id, id)
);
create index campaign_features_community on campaign_features (campaign_id, community);
