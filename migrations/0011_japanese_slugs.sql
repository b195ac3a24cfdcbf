-- Slugs of projects named in Japanese or Korean keep their kana, kanji and hangul
-- (テキサス・ガルフリンク → テキサス-ガルフリンク) instead of needing `slug=`. The same
-- character set as SLUG_LETTERS in src/core/values.ts: a-z, 0-9, 々〆〇, hiragana,
-- katakana with ー but not the middle dot ・ (a word break), kanji (with extensions A and
-- B onward) and hangul syllables, in words joined by single hyphens. length() counts
-- characters, so the limit stays 60 characters.
ALTER TABLE project DROP CONSTRAINT project_slug_check;
ALTER TABLE project ADD CONSTRAINT project_slug_check CHECK (
  slug ~ '^[a-z0-9\u3005-\u3007\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\U00020000-\U0003FFFF]+(-[a-z0-9\u3005-\u3007\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\U00020000-\U0003FFFF]+)*$'
  AND length(slug) <= 60
);
