-- Live events kept for replay: an event stream that reconnects with Last-Event-ID (the revision
-- of the last event it saw) is sent the events it missed. Each write appends its event in its
-- own transaction, with the revision it bumped to (the stream's event id). Old events are pruned
-- (CampaignService keeps the newest EVENT_RETENTION per campaign); a stream asking for older
-- ones is told to reload. Not part of backups: a restored campaign starts a new history.
create table campaign_events (
  campaign_id text not null references campaigns(id) on delete cascade,
  revision bigint not null,
  event jsonb not null,
  at timestamptz not null default now(),
  primary key (campaign_id, revision)
);
