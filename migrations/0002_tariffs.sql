-- Tariff regimes and import baselines (time-versioned), with their sources.
--
-- Rows with workspace_id NULL are the built-in seed below, shared by every workspace;
-- a workspace's own rows (written by `tariff set` / `baseline set`) carry its id. A
-- workspace sees the built-in rows plus its own. History is never overwritten: a new
-- regime closes the open one (effective_to = new effective_from - 1 day). A built-in row
-- is never updated for one workspace; the application ends it, in that workspace's view
-- only, where the workspace's first own regime for the same deal and category begins.
--
-- Rates are percentages (15 means 15%). A regime is either flat (`rate` is the whole
-- duty) or "MFN + x" (`rate` is x, added to an assumed average MFN rate that the row
-- names together with where that figure comes from), because after the February 2026
-- IEEPA ruling the duty on most goods stopped being one number.

CREATE TABLE tariff_regime (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     text REFERENCES workspace (id),
  deal_code        text NOT NULL REFERENCES deal (code),
  category         text NOT NULL CHECK (category ~ '^[a-z][a-z0-9-]{0,39}$'),
  rate_kind        text NOT NULL CHECK (rate_kind IN ('flat', 'mfn_plus')),
  rate             numeric NOT NULL CHECK (rate >= 0 AND rate <= 200),
  assumed_mfn_rate numeric CHECK (assumed_mfn_rate >= 0 AND assumed_mfn_rate <= 200),
  mfn_source       text,
  threatened_rate  numeric NOT NULL CHECK (threatened_rate >= 0 AND threatened_rate <= 200),
  legal_basis      text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
  effective_from   date NOT NULL CHECK (effective_from >= '2000-01-01'),
  effective_to     date,
  source_url       text NOT NULL CHECK (source_url ~ '^https?://'),
  reliability      text NOT NULL CHECK (reliability IN ('primary', 'reliable', 'weak')),
  note             text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK ((rate_kind = 'flat' AND assumed_mfn_rate IS NULL)
      OR (rate_kind = 'mfn_plus' AND assumed_mfn_rate IS NOT NULL AND mfn_source IS NOT NULL))
);

CREATE INDEX tariff_regime_lookup ON tariff_regime (deal_code, category, effective_from);
CREATE INDEX tariff_regime_workspace ON tariff_regime (workspace_id);

CREATE TABLE import_baseline (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text REFERENCES workspace (id),
  deal_code    text NOT NULL REFERENCES deal (code),
  category     text NOT NULL CHECK (category ~ '^[a-z][a-z0-9-]{0,39}$'),
  annual_usd   bigint NOT NULL CHECK (annual_usd >= 0),
  year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  basis        text,
  source_url   text NOT NULL CHECK (source_url ~ '^https?://'),
  reliability  text NOT NULL CHECK (reliability IN ('primary', 'reliable', 'weak')),
  note         text,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX import_baseline_lookup ON import_baseline (deal_code, category, year);
CREATE INDEX import_baseline_workspace ON import_baseline (workspace_id);

-- ------------------------------------------------------------------ built-in seed
-- Reliability: primary = government text (Federal Register, official briefing);
-- reliable = wire services, major papers, law firms; weak = aggregators and blogs.
-- Category keys: `autos` (autos and parts covered by Section 232), `other` (other
-- goods), `all` (all goods: used by baselines when no category split is known).

INSERT INTO tariff_regime (workspace_id, deal_code, category, rate_kind, rate, assumed_mfn_rate, mfn_source, threatened_rate,
                           legal_basis, effective_from, effective_to, source_url, reliability, note, created_by) VALUES
  (NULL, 'JP', 'autos', 'flat', 15, NULL, NULL, 25,
   'Section 232 (Proclamation 10908), 15% all-inclusive for Japan', '2025-09-16', NULL,
   'https://www.govinfo.gov/content/pkg/FR-2025-09-16/html/2025-17908.htm', 'primary',
   'Autos and parts: 27.5% (25% Section 232 + 2.5% MFN) fell to 15% all-inclusive for entries from 12:01 a.m. EDT 16 Sep 2025 (ITA notice, 90 FR 44638). Not affected by the 20 Feb 2026 IEEPA ruling (Jiji, https://www.nippon.com/en/news/yjj2026022100456/japan-to-keep-investment-pledge-to-u-s-after-tariff-ruling.html). Threatened 25%: the snap-back figure cited in press (FT via https://swarajyamag.com/world/japan-given-45-days-under-trade-deal-to-invest-in-trump-picked-us-projects-or-face-steep-tariffs); under the MOU the rate is "as determined by the President" and the legal vehicle for a snap-back after the IEEPA ruling is unclear.',
   'seed'),
  (NULL, 'JP', 'other', 'flat', 15, NULL, NULL, 25,
   'EO 14345 reciprocal tariff (IEEPA): max(MFN, 15%), modelled as a flat 15%', '2025-08-07', '2026-02-23',
   'https://www.govinfo.gov/content/pkg/FR-2025-09-09/html/2025-17389.htm', 'primary',
   'EO 14345 (90 FR 43535): if the MFN rate is below 15% the total duty is 15%; at 15% or more nothing is added. Modelled as a flat 15% because the average MFN rate is far below 15%. Retroactive to 7 Aug 2025; civil aircraft exempt. Held invalid in Learning Resources v. Trump (20 Feb 2026); IEEPA duties stop for entries on or after 24 Feb 2026 (CBP CSMS #67834313). Threatened 25%: the press snap-back figure (FT, reliable).',
   'seed'),
  (NULL, 'JP', 'other', 'mfn_plus', 10, 3.3,
   'ASSUMPTION, not a measured rate for these goods: 3.3% is the simple average US MFN applied tariff over all products published in the WTO Tariff Profiles (https://ttd.wto.org/en/profiles/united-states-of-america); it is not in the project fact sheet and should be verified. A trade-weighted average is lower (about 2-2.5%), which would make the exposure larger.',
   25,
   'Section 122 surcharge', '2026-02-24', '2026-07-24',
   'https://www.thompsonhinesmartrade.com/2026/02/president-trump-implements-temporary-import-duties-under-section-122-of-the-trade-act-of-1974-and-continues-the-suspension-of-duty-free-de-minimis-exception-for-international-shipments', 'reliable',
   'Temporary 10% surcharge (HTS 9903.03.01) for entries 24 Feb - 24 Jul 2026 (150 days); not on top of Section 232 duties; excludes passenger vehicles, light trucks and parts, pharmaceuticals, certain electronics, energy and some critical minerals. A rise to 15% was announced on 21 Feb 2026 but no proclamation implemented it as of 24-25 Feb (Thompson Hine, GHY https://www.ghy.com/?p=25947); sources conflict, verify. MFN + 10% is not capped at 15%. What replaced it after 24 Jul 2026 is not recorded here.',
   'seed'),
  (NULL, 'KR', 'autos', 'flat', 15, NULL, NULL, 25,
   'Section 232, 15% inclusive for Korea (90 FR 55964)', '2025-11-01', NULL,
   'https://www.govinfo.gov/content/pkg/FR-2025-12-04/html/2025-21940.htm', 'primary',
   'FR notice 2025-21940 (4 Dec 2025): autos and parts fall from 25% to 15% inclusive, retroactive to 1 Nov 2025 (the month Korea submitted its implementing bill). On 26 Jan 2026 a post announced a rise to 25%; no implementing act had been seen as of 9 Feb 2026 (https://www.koreaherald.com/article/10673030), so 25% is recorded as the threatened rate, not as in force.',
   'seed'),
  (NULL, 'KR', 'other', 'flat', 15, NULL, NULL, 25,
   'Reciprocal tariff (IEEPA), 15% inclusive for Korea (90 FR 55964)', '2025-11-14', '2026-02-23',
   'https://www.govinfo.gov/content/pkg/FR-2025-12-04/html/2025-21940.htm', 'primary',
   'FR notice 2025-21940: reciprocal tariff 15% inclusive from 14 Nov 2025; civil aircraft exempt. Held invalid in Learning Resources v. Trump (20 Feb 2026); IEEPA duties stop for entries on or after 24 Feb 2026. Threatened 25%: the rate announced on 26 Jan 2026 (Korea Herald, https://www.koreaherald.com/article/10663227).',
   'seed'),
  (NULL, 'KR', 'other', 'mfn_plus', 10, 3.3,
   'ASSUMPTION, not a measured rate for these goods: 3.3% is the simple average US MFN applied tariff over all products published in the WTO Tariff Profiles (https://ttd.wto.org/en/profiles/united-states-of-america); it is not in the project fact sheet and should be verified. Most Korean goods enter duty-free under the KORUS FTA, so the base rate actually paid is likely lower (try mfn=0%), which would make the exposure larger.',
   25,
   'Section 122 surcharge', '2026-02-24', '2026-07-24',
   'https://www.thompsonhinesmartrade.com/2026/02/president-trump-implements-temporary-import-duties-under-section-122-of-the-trade-act-of-1974-and-continues-the-suspension-of-duty-free-de-minimis-exception-for-international-shipments', 'reliable',
   'Same Section 122 surcharge as for Japan: 10% for entries 24 Feb - 24 Jul 2026; not on top of Section 232; excludes passenger vehicles, light trucks and parts, pharmaceuticals, certain electronics, energy and some critical minerals. The fact sheet says Korea follows the same structure as Japan. What replaced it after 24 Jul 2026 is not recorded here.',
   'seed');

INSERT INTO import_baseline (workspace_id, deal_code, category, annual_usd, year, basis, source_url, reliability, note, created_by) VALUES
  (NULL, 'JP', 'all', 152060000000, 2024,
   'US imports from Japan, calendar 2024; basis unclear (possibly CIF or imports for consumption)',
   'https://www.usimportdata.com/blogs/us-japan-trade-deal-deficit-top-imports-2025', 'weak',
   'One all-goods row: no category split was found, so none is invented. The official USTR / Census totals were not retrieved (verify at https://www.census.gov/foreign-trade/balance/). Cross-checks: Japan MOF exports to the US, CY2024, about US$149.6bn (weak); US imports from Japan Jan-Nov 2025, US$133.8bn (US Commerce data via KITA, https://www.koreaherald.com/article/10677751, reliable).',
   'seed'),
  (NULL, 'KR', 'all', 135460000000, 2024,
   'US imports from Korea, calendar 2024; basis unclear',
   'https://www.usimportdata.com/blogs/us-south-korea-trade-relations-korus-fta-2025', 'weak',
   'One all-goods row: no category split was found, so none is invented. The official USTR / Census totals were not retrieved (verify at https://www.census.gov/foreign-trade/balance/). Cross-check: US imports from Korea Jan-Nov 2025, US$113.4bn (US Commerce data via KITA, https://www.koreaherald.com/article/10677751, reliable).',
   'seed');
