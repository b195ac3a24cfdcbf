-- The translations a public-data pack carries for its texts (event summaries, notes, the
-- basis of a tariff, a closure's reason, a sponsor's name…), by the English text they
-- translate. Keyed by the text, not by the row, so a value edited in the workspace has no
-- translation any more and is shown as typed. A pack's load or apply replaces the
-- workspace's set with the pack's. The key is a hash: a text can be longer than a btree
-- entry allows.
CREATE TABLE public_text (
  workspace_id text NOT NULL REFERENCES workspace (id),
  locale       text NOT NULL CHECK (locale IN ('ja')),
  en_hash      text NOT NULL,
  en           text NOT NULL,
  translated   text NOT NULL CHECK (length(translated) BETWEEN 1 AND 2000),
  CHECK (en_hash = md5(en)),
  PRIMARY KEY (workspace_id, locale, en_hash)
);
