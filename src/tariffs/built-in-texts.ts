/**
 * The Japanese of the tariff rows built into the product (migrations/0002_tariffs.sql):
 * their legal bases, the sources of their MFN assumptions and the bases of their import
 * baselines, by the English text the rows store. A workspace's own rows are shown as typed;
 * the public data's rows carry their Japanese in the pack.
 */
import type { Locale } from '../core/locale.ts';

const MFN_ASSUMPTION_JA =
  '想定値であり、対象品目について実測した税率ではない：3.3%はWTO Tariff Profiles（https://ttd.wto.org/en/profiles/united-states-of-america）が公表する米国のMFN（最恵国）実行税率の全品目単純平均。案件のファクトシートには記載がなく、要確認。';

const JA = new Map<string, string>([
  ['Section 232 (Proclamation 10908), 15% all-inclusive for Japan', 'Section 232（布告10908号）、日本は既存税率込みで15%'],
  ['EO 14345 reciprocal tariff (IEEPA): max(MFN, 15%), modelled as a flat 15%', '大統領令14345号による相互関税（IEEPA）：max(MFN, 15%)。一律15%として計算'],
  ['Section 122 surcharge', 'Section 122 課徴金'],
  ['Section 232, 15% inclusive for Korea (90 FR 55964)', 'Section 232、韓国は既存税率込みで15%（90 FR 55964）'],
  ['Reciprocal tariff (IEEPA), 15% inclusive for Korea (90 FR 55964)', '相互関税（IEEPA）、韓国は既存税率込みで15%（90 FR 55964）'],
  [
    'ASSUMPTION, not a measured rate for these goods: 3.3% is the simple average US MFN applied tariff over all products published in the WTO Tariff Profiles (https://ttd.wto.org/en/profiles/united-states-of-america); it is not in the project fact sheet and should be verified. A trade-weighted average is lower (about 2-2.5%), which would make the exposure larger.',
    `${MFN_ASSUMPTION_JA}貿易加重平均はこれより低く（約2～2.5%）、その場合は関税影響額が大きくなる。`,
  ],
  [
    'ASSUMPTION, not a measured rate for these goods: 3.3% is the simple average US MFN applied tariff over all products published in the WTO Tariff Profiles (https://ttd.wto.org/en/profiles/united-states-of-america); it is not in the project fact sheet and should be verified. Most Korean goods enter duty-free under the KORUS FTA, so the base rate actually paid is likely lower (try mfn=0%), which would make the exposure larger.',
    `${MFN_ASSUMPTION_JA}韓国産品の大半はKORUS（米韓FTA）により無税で輸入されるため、実際に支払われる基本税率はより低い可能性が高く（mfn=0% で確認できる）、その場合は関税影響額が大きくなる。`,
  ],
  [
    'US imports from Japan, calendar 2024; basis unclear (possibly CIF or imports for consumption)',
    '米国の日本からの輸入、2024暦年。計上基準は不明（CIFまたは消費向け輸入の可能性）',
  ],
  ['US imports from Korea, calendar 2024; basis unclear', '米国の韓国からの輸入、2024暦年。計上基準は不明'],
]);

/** The built-in rows' texts in `locale`, by their English; empty for English. */
export function builtInTexts(locale: Locale): ReadonlyMap<string, string> {
  return locale === 'ja' ? JA : new Map();
}
