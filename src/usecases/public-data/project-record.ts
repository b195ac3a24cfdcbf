/** What the public record says about one project: its dated events and each fact's source. */
import type { ProjectEvent, Provenance, PublicDataState, StoredSource } from '../../db/public-data.ts';
import type { Store } from '../../db/store.ts';
import type { Locale } from '../../core/locale.ts';
import { dataTextsAsOf, type DataText } from './data-text.ts';

export interface ProjectPublicRecord {
  /** Whether the project came from public data (its facts have sources). */
  isPublic: boolean;
  provenance: Record<string, Provenance>;
  events: ProjectEvent[];
  sources: Map<string, StoredSource>;
  state: PublicDataState | undefined;
  /** The record's texts, and the project's sector, sponsor and location, in the reader's language. */
  text: DataText;
}

export async function projectPublicRecord(store: Store, projectId: number, locale: Locale): Promise<ProjectPublicRecord | undefined> {
  const [record] = await store.publicData.recordsFor('project', [projectId]);
  const events = await store.publicData.events(projectId);
  if (!record && events.length === 0) return undefined;
  const provenance = record?.provenance ?? {};
  const state = await store.publicData.state();
  const keys = [...new Set([...events.map((e) => e.sourceKey), ...Object.values(provenance).map((p) => p.source)])];
  return {
    isPublic: Boolean(record),
    provenance,
    events,
    sources: await store.publicData.sources(keys),
    state,
    text: await dataTextsAsOf(store, locale, state),
  };
}

/** Which of these projects came from public data. */
export async function publicProjectIds(store: Store, ids: readonly number[]): Promise<Set<number>> {
  return new Set((await store.publicData.recordsFor('project', ids)).map((r) => r.entityId!));
}
