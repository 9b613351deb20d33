#pragma once

// The store's schema as migrations: migrations[v] takes a database from user_version v to v + 1.
// v3, the supplier market: a flow is a categorised supply tie (supply_flows.tie, source =
// supplier, target = buyer); lists of certifications keep their order in `position`.

#include <array>
#include <string_view>

namespace verbund::io::detail {

/// 'VBND' in PRAGMA application_id marks a file as a verbund database.
inline constexpr int application_id = 0x56424E44;

inline constexpr std::array<std::string_view, 7> migrations{R"sql(
CREATE TABLE themes (
  id        TEXT PRIMARY KEY,
  label_en  TEXT NOT NULL,
  label_de  TEXT NOT NULL
);
CREATE TABLE competences (
  id        TEXT PRIMARY KEY,
  label_en  TEXT NOT NULL,
  label_de  TEXT NOT NULL,
  theme     TEXT NOT NULL REFERENCES themes(id)
);
CREATE TABLE actors (
  id            INTEGER PRIMARY KEY,
  ext_id        TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('firm','university','research_institute',
                  'research_group','chamber','municipality','development_agency','union',
                  'association','cluster','working_group','transfer_office','agency')),
  municipality  TEXT,
  lat           REAL CHECK (lat BETWEEN -90 AND 90),
  lon           REAL CHECK (lon BETWEEN -180 AND 180),
  employees     INTEGER CHECK (employees >= 0),
  sector        TEXT,
  founded       INTEGER,
  capacity      INTEGER CHECK (capacity >= 0),
  parent        INTEGER REFERENCES actors(id)
);
CREATE TABLE actor_attributes (
  actor  INTEGER NOT NULL REFERENCES actors(id),
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (actor, key)
) WITHOUT ROWID;
CREATE TABLE actor_competences (
  actor       INTEGER NOT NULL REFERENCES actors(id),
  competence  TEXT NOT NULL REFERENCES competences(id),
  role        TEXT NOT NULL CHECK (role IN ('offer','need')),
  weight      REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
  PRIMARY KEY (actor, competence, role)
) WITHOUT ROWID;
CREATE TABLE ties (
  id      INTEGER PRIMARY KEY,
  source  INTEGER NOT NULL REFERENCES actors(id),
  target  INTEGER NOT NULL REFERENCES actors(id),
  kind    TEXT NOT NULL CHECK (kind IN ('supply','research','transfer','project','informal',
                                        'advisory')),
  weight  REAL NOT NULL CHECK (weight > 0),
  start   INTEGER,
  "end"   INTEGER,
  CHECK (source <> target),
  CHECK (start IS NULL OR "end" IS NULL OR "end" >= start)
);
CREATE TABLE memberships (
  id      INTEGER PRIMARY KEY,
  actor   INTEGER NOT NULL REFERENCES actors(id),
  grp     INTEGER NOT NULL REFERENCES actors(id),
  start   INTEGER,
  "end"   INTEGER,
  CHECK (actor <> grp)
);
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  verb        TEXT NOT NULL,
  version     TEXT NOT NULL,
  parameters  TEXT NOT NULL,
  param_hash  TEXT NOT NULL,
  seed        INTEGER,
  started_at  TEXT NOT NULL
);
)sql",
                                                            // v2: simulation results
                                                            R"sql(
CREATE TABLE sim_series (
  run        INTEGER NOT NULL REFERENCES runs(id),
  scenario   TEXT NOT NULL,
  replicate  INTEGER NOT NULL,
  month      INTEGER NOT NULL,
  indicator  TEXT NOT NULL,
  value      REAL NOT NULL,
  PRIMARY KEY (run, scenario, replicate, month, indicator)
) WITHOUT ROWID;
)sql",
                                                            // v3: the supplier market
                                                            R"sql(
CREATE TABLE supply_categories (
  id        TEXT PRIMARY KEY,
  label_en  TEXT NOT NULL,
  label_de  TEXT NOT NULL,
  theme     TEXT REFERENCES themes(id),
  cpa       TEXT NOT NULL,
  unit      TEXT NOT NULL
);
CREATE TABLE certifications (
  id        TEXT PRIMARY KEY,
  label_en  TEXT NOT NULL,
  label_de  TEXT NOT NULL
);
CREATE TABLE supply_offers (
  id               INTEGER PRIMARY KEY,
  supplier         INTEGER NOT NULL REFERENCES actors(id),
  category         TEXT NOT NULL REFERENCES supply_categories(id),
  capacity         REAL NOT NULL CHECK (capacity > 0),
  lead_time_weeks  REAL CHECK (lead_time_weeks >= 0),
  min_order        REAL CHECK (min_order >= 0),
  UNIQUE (supplier, category)
);
CREATE TABLE supply_offer_certifications (
  offer          INTEGER NOT NULL REFERENCES supply_offers(id),
  position       INTEGER NOT NULL,
  certification  TEXT NOT NULL REFERENCES certifications(id),
  PRIMARY KEY (offer, certification)
);
CREATE TABLE supply_demands (
  id           INTEGER PRIMARY KEY,
  buyer        INTEGER NOT NULL REFERENCES actors(id),
  category     TEXT NOT NULL REFERENCES supply_categories(id),
  quantity     REAL NOT NULL CHECK (quantity > 0),
  source       TEXT NOT NULL CHECK (source IN ('region','germany','abroad')),
  criticality  TEXT NOT NULL CHECK (criticality IN ('low','medium','high')),
  UNIQUE (buyer, category)
);
CREATE TABLE supply_demand_certifications (
  demand         INTEGER NOT NULL REFERENCES supply_demands(id),
  position       INTEGER NOT NULL,
  certification  TEXT NOT NULL REFERENCES certifications(id),
  PRIMARY KEY (demand, certification)
);
CREATE TABLE supply_flows (
  id        INTEGER PRIMARY KEY,
  tie       INTEGER NOT NULL UNIQUE REFERENCES ties(id),
  category  TEXT NOT NULL REFERENCES supply_categories(id),
  volume    REAL CHECK (volume > 0)
);
CREATE INDEX ties_by_ends ON ties(source, target);
)sql",
                                                            // v4: imported projects, so that
                                                            // a later project import merges
                                                            R"sql(
CREATE TABLE projects (
  id      TEXT PRIMARY KEY,
  start   INTEGER,
  "end"   INTEGER,
  topics  TEXT NOT NULL  -- competence ids, sorted, separated by single spaces
);
CREATE TABLE project_members (
  project      TEXT NOT NULL REFERENCES projects(id),
  actor        INTEGER NOT NULL REFERENCES actors(id),
  coordinator  INTEGER NOT NULL CHECK (coordinator IN (0, 1)),
  PRIMARY KEY (project, actor)
) WITHOUT ROWID;
CREATE TABLE project_ties (
  tie     INTEGER PRIMARY KEY REFERENCES ties(id),
  first   INTEGER NOT NULL REFERENCES actors(id),
  second  INTEGER NOT NULL REFERENCES actors(id),
  CHECK (first < second)
);
)sql",
                                                            // v5: sweeps (lib/sweep), resumable:
                                                            // a unit's row marks it finished
                                                            R"sql(
CREATE TABLE sweeps (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,  -- hash of `definition`: a rerun with the same key resumes
  definition  TEXT NOT NULL,         -- the sweep, scenario hashes and region fingerprint (JSON)
  run         INTEGER NOT NULL REFERENCES runs(id)
);
CREATE TABLE sweep_points (
  sweep      INTEGER NOT NULL REFERENCES sweeps(id),
  point      INTEGER NOT NULL,
  parameter  TEXT NOT NULL,
  value      TEXT NOT NULL,  -- as TOML writes it
  PRIMARY KEY (sweep, point, parameter)
) WITHOUT ROWID;
CREATE TABLE sweep_results (
  sweep      INTEGER NOT NULL REFERENCES sweeps(id),
  point      INTEGER NOT NULL,
  replicate  INTEGER NOT NULL,
  indicator  TEXT NOT NULL,
  value      REAL NOT NULL,
  PRIMARY KEY (sweep, point, replicate, indicator)
) WITHOUT ROWID;
)sql",
                                                            // v6: related competences (transfer
                                                            // theme credit), a < b
                                                            R"sql(
CREATE TABLE competence_relations (
  a         TEXT NOT NULL REFERENCES competences(id),
  b         TEXT NOT NULL REFERENCES competences(id),
  strength  REAL NOT NULL CHECK (strength > 0 AND strength <= 1),
  PRIMARY KEY (a, b),
  CHECK (a < b)
) WITHOUT ROWID;
)sql",
                                                            // v7: learned partner models
                                                            // (`train partners`), latest used
                                                            R"sql(
CREATE TABLE partner_models (
  id         INTEGER PRIMARY KEY,
  stored_at  TEXT NOT NULL,  -- UTC, ISO 8601
  model      TEXT NOT NULL   -- XGBoost JSON, its provenance in the attributes
);
)sql"};

}  // namespace verbund::io::detail
