-- Loa schema 1: organisations (with history), users, sessions, audit log, login attempts.
-- Dialect-neutral where possible; timestamps are ISO-8601 UTC text ("2026-11-23T11:33:03Z")
-- except where they are compared numerically (sessions, login attempts: Unix seconds).

CREATE TABLE organisations (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,      -- stable short key, e.g. 'svhttdl-hp'
  name        TEXT NOT NULL,             -- full official name, NFC with diacritics
  short_name  TEXT,                      -- customary abbreviation, e.g. 'Sở VHTTDL'
  kind        TEXT NOT NULL CHECK (kind IN ('people_committee', 'council', 'department',
                'commune', 'ward', 'special_zone', 'district', 'press', 'party', 'mass_org',
                'other')),
  level       TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
  parent_id   INTEGER REFERENCES organisations(id),
  valid_from  TEXT,                      -- ISO date the body came into being; NULL: long-standing,
                                         -- from before the records kept here
  valid_to    TEXT,                      -- ISO date of its last day; NULL while it exists
  created_at  TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX organisations_parent ON organisations(parent_id);

-- Other spellings of an organisation's name: abbreviations, former names, OCR damage.
CREATE TABLE organisation_aliases (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  alias           TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('abbreviation', 'former_name', 'ocr', 'other')),
  PRIMARY KEY (organisation_id, alias)
);

-- The 2025 reform merged and split bodies: which body took over which functions, from when.
CREATE TABLE organisation_successors (
  predecessor_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  successor_id   INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  scope          TEXT NOT NULL DEFAULT 'all',   -- e.g. 'press', 'digital transformation'
  effective_on   TEXT NOT NULL,
  PRIMARY KEY (predecessor_id, successor_id, scope)
);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  role            TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'member', 'leader')),
  password_hash   TEXT NOT NULL,          -- libsodium argon2id string ($argon2id$v=19$...)
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX users_organisation ON users(organisation_id);

-- Signed-in sessions. Only a hash of the cookie's token is stored, so a copy of the
-- database cannot be used to take over sessions.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  remote_addr  TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Who changed what, when, with the record before and after (JSON text).
CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  username        TEXT,                  -- kept when the user is later removed
  organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
  action          TEXT NOT NULL,         -- e.g. 'auth.login', 'user.create'
  entity          TEXT NOT NULL,         -- e.g. 'session', 'user', 'organisation'
  entity_id       TEXT,
  before_json     TEXT,
  after_json      TEXT,
  remote_addr     TEXT,
  request_id      TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Failed and successful sign-ins, for rate limiting across every server node.
CREATE TABLE login_attempts (
  id          INTEGER PRIMARY KEY,
  username    TEXT NOT NULL,
  remote_addr TEXT NOT NULL,
  at          INTEGER NOT NULL,
  succeeded   INTEGER NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts(username, at);
CREATE INDEX login_attempts_addr ON login_attempts(remote_addr, at);
