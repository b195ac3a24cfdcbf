import { describe, expect, it } from 'vitest';
import { type ProjectRefCandidate, resolveProjectRef } from '../../../src/usecases/project-ref.ts';
import { type ErrorCode, UserError } from '../../../src/core/errors.ts';

interface Project extends ProjectRefCandidate {
  deal: string;
}

const project = (id: number, slug: string, name: string, number = id): Project => ({ id, number, slug, name, deal: 'JP' });

const PROJECTS: readonly Project[] = [
  project(1, 'texas-gulflink', 'Texas GulfLink'),
  project(2, 'alaska-lng', 'Alaska LNG'),
  project(3, 'alaska-lng-phase-2', 'Alaska LNG Phase 2'),
  project(4, 'hpht-synthetic-diamond-grit-georgia', 'HPHT synthetic diamond grit (Georgia)'),
  project(5, 'westinghouse-ap1000', 'Westinghouse AP1000'),
  project(6, 'westinghouse-smr', 'Westinghouse SMR'),
  project(7, 'philly-shipyard', 'Philly Shipyard'),
  project(8, 'tokyo-gas-fund', 'テキサス・ガルフリンク'),
  project(9, 'hanwha-ocean', '한화 오션 필리'),
  project(10, 'ohio-power', 'Ohio Power'),
  project(11, 'ohio-grid', 'Ohio Power'),
  project(12, 'arizona-fab', 'Arizona Fab'),
  project(13, '2026-expo', 'Expo 2026'),
  project(14, 'westinghouse-fuel', 'Westinghouse Fuel'),
  project(15, 'westinghouse-grid', 'Westinghouse Grid'),
  project(16, 'westinghouse-ap300', 'Westinghouse AP300'),
  project(17, 'westinghouse-ap600', 'Westinghouse AP600'),
  project(18, 'texas', 'Texas', 118),
];

function expectUserError(ref: string, code: ErrorCode, candidates: readonly ProjectRefCandidate[] = PROJECTS): UserError {
  let caught: unknown;
  try {
    resolveProjectRef(ref, candidates);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).code).toBe(code);
  return caught as UserError;
}

const slugOf = (ref: string) => resolveProjectRef(ref, PROJECTS).slug;

describe('resolveProjectRef: by number', () => {
  it('finds #n and bare n', () => {
    expect(slugOf('#12')).toBe('arizona-fab');
    expect(slugOf('12')).toBe('arizona-fab');
    expect(slugOf('  #7 ')).toBe('philly-shipyard');
    expect(slugOf('#012')).toBe('arizona-fab');
    expect(slugOf('118')).toBe('texas');
  });

  it('returns the candidate object itself, with its extra fields', () => {
    const found = resolveProjectRef('#1', PROJECTS);
    expect(found).toBe(PROJECTS[0]);
    expect(found.deal).toBe('JP');
  });

  it('reports an unknown #n with no suggestions', () => {
    expect(expectUserError('#999', 'project_not_found').details).toEqual({ ref: '#999', suggestions: [] });
    expectUserError('#99999999999999999999999', 'project_not_found');
  });

  it('falls back to slugs when no project has a bare number', () => {
    expect(slugOf('2026')).toBe('2026-expo');
    expectUserError('999', 'project_not_found');
  });
});

describe('resolveProjectRef: by slug and name', () => {
  it('finds an exact slug, in any case', () => {
    expect(slugOf('texas-gulflink')).toBe('texas-gulflink');
    expect(slugOf('Texas-GulfLink')).toBe('texas-gulflink');
    expect(slugOf('ALASKA-LNG')).toBe('alaska-lng');
  });

  it('prefers an exact slug to a longer slug it is a prefix of', () => {
    expect(slugOf('alaska-lng')).toBe('alaska-lng');
    expect(slugOf('texas')).toBe('texas');
  });

  it('finds an exact name, ignoring case and runs of whitespace', () => {
    expect(slugOf('Texas GulfLink')).toBe('texas-gulflink');
    expect(slugOf('  texas   gulflink ')).toBe('texas-gulflink');
    expect(slugOf('HPHT synthetic diamond grit (Georgia)')).toBe('hpht-synthetic-diamond-grit-georgia');
    expect(slugOf('hpht\u00a0synthetic diamond grit (georgia)')).toBe('hpht-synthetic-diamond-grit-georgia');
  });

  it('finds an exact name in Japanese or Korean, where there is no slug to compare', () => {
    expect(slugOf('テキサス・ガルフリンク')).toBe('tokyo-gas-fund');
    expect(slugOf('한화 오션 필리')).toBe('hanwha-ocean');
  });

  it('reports two projects with the same name as ambiguous', () => {
    const err = expectUserError('ohio power', 'ambiguous_project');
    expect(err.details).toEqual({ ref: 'ohio power', matches: ['ohio-grid', 'ohio-power'] });
  });

  it('lets an exact slug win over another project whose name matches', () => {
    const candidates = [project(1, 'gulf', 'Texas'), project(2, 'texas', 'Texas Two')];
    expect(resolveProjectRef('texas', candidates).id).toBe(2);
  });
});

describe('resolveProjectRef: by prefix', () => {
  it('finds a unique prefix of a slug', () => {
    expect(slugOf('philly')).toBe('philly-shipyard');
    expect(slugOf('hpht')).toBe('hpht-synthetic-diamond-grit-georgia');
    expect(slugOf('ari')).toBe('arizona-fab');
    expect(slugOf('texas-g')).toBe('texas-gulflink');
  });

  it('slugifies the reference first', () => {
    expect(slugOf('Philly Ship')).toBe('philly-shipyard');
    expect(slugOf('Alaska LNG Phase')).toBe('alaska-lng-phase-2');
    expect(slugOf('"westinghouse SMR"')).toBe('westinghouse-smr');
  });

  it('finds a unique prefix when the project set has one candidate for it', () => {
    const candidates = [project(1, 'texas-gulflink', 'Texas GulfLink'), project(2, 'alaska-lng', 'Alaska LNG')];
    expect(resolveProjectRef('texas', candidates).slug).toBe('texas-gulflink');
    expect(resolveProjectRef('TEX', candidates).slug).toBe('texas-gulflink');
  });

  it('reports a prefix of several slugs as ambiguous, shortest first, at most five', () => {
    expect(expectUserError('alaska', 'ambiguous_project').details).toEqual({ ref: 'alaska', matches: ['alaska-lng', 'alaska-lng-phase-2'] });
    const err = expectUserError('westinghouse', 'ambiguous_project');
    expect(err.details).toEqual({
      ref: 'westinghouse',
      matches: ['westinghouse-smr', 'westinghouse-fuel', 'westinghouse-grid', 'westinghouse-ap300', 'westinghouse-ap600'],
    });
    expectUserError('w', 'ambiguous_project');
  });
});

describe('resolveProjectRef: did you mean', () => {
  const suggestionsFor = (ref: string, candidates: readonly ProjectRefCandidate[] = PROJECTS) =>
    expectUserError(ref, 'project_not_found', candidates).details.suggestions as readonly string[];

  it('suggests a slug one typo away', () => {
    expect(suggestionsFor('texas-gulflnk')).toEqual(['texas-gulflink']);
    expect(suggestionsFor('texas-gulfilnk')).toEqual(['texas-gulflink']); // swapped letters count once
    expect(suggestionsFor('phily-shipyard')).toEqual(['philly-shipyard']);
    expect(suggestionsFor('Alasak LNG')[0]).toBe('alaska-lng');
  });

  it('puts the closest first and offers at most three', () => {
    const suggestions = suggestionsFor('westinghouse-ap900');
    expect(suggestions).toEqual(['westinghouse-ap300', 'westinghouse-ap600', 'westinghouse-ap1000']);
  });

  it('suggests slugs that contain the reference', () => {
    expect(suggestionsFor('diamond')).toEqual(['hpht-synthetic-diamond-grit-georgia']);
    expect(suggestionsFor('shipyard')).toEqual(['philly-shipyard']);
  });

  it('suggests a slug whose beginning is a typo away', () => {
    expect(suggestionsFor('phlly')).toEqual(['philly-shipyard']);
    expect(suggestionsFor('hanwah')).toEqual(['hanwha-ocean']);
  });

  it('suggests by name for a reference with no ASCII', () => {
    expect(suggestionsFor('ガルフ')).toEqual(['tokyo-gas-fund']);
    expect(suggestionsFor('조선')).toEqual([]);
  });

  it('suggests nothing for something unrelated', () => {
    expect(suggestionsFor('zzzzzzzz')).toEqual([]);
    expect(suggestionsFor('🚀')).toEqual([]);
  });

  it('reports an empty reference as not found', () => {
    expect(expectUserError('', 'project_not_found').details).toEqual({ ref: '', suggestions: [] });
    expect(expectUserError('   ', 'project_not_found').details).toEqual({ ref: '', suggestions: [] });
  });

  it('reports any reference against no projects as not found', () => {
    for (const ref of ['#1', '1', 'texas', 'Texas GulfLink']) expectUserError(ref, 'project_not_found', []);
  });

  it('copes with hostile references', () => {
    for (const ref of ["'; DROP TABLE projects; --", 'x'.repeat(4000), '\u202e', '<@U123>', '#', '##1', '-', '__proto__', 'constructor']) {
      expectUserError(ref, 'project_not_found');
    }
  });
});

describe('resolveProjectRef: 100,000 candidates', () => {
  const many: Project[] = [];
  for (let i = 1; i <= 100_000; i++) {
    const slug = `project-${i.toString(36)}-${['gulf', 'lng', 'grid', 'fab', 'yard'][i % 5]}`;
    many.push(project(i, slug, `Project ${i.toString(36)} ${['Gulf', 'LNG', 'Grid', 'Fab', 'Yard'][i % 5]}`));
  }
  many.push(project(100_001, 'texas-gulflink', 'Texas GulfLink'));

  // How fast: bench/clock.ts (reference resolution rows); a unit test does not time.
  it('finds exact, name, prefix and number references', () => {
    expect(resolveProjectRef('texas-gulflink', many).id).toBe(100_001);
    expect(resolveProjectRef('#100001', many).id).toBe(100_001);
    expect(resolveProjectRef('Texas GulfLink', many).id).toBe(100_001);
    expect(resolveProjectRef('texas', many).id).toBe(100_001);
    expect(resolveProjectRef(many[54_321]!.slug, many)).toBe(many[54_321]);
  });

  it('computes suggestions for a typo', () => {
    const err = expectUserError('texas-gulflnk', 'project_not_found', many);
    expect(err.details.suggestions).toEqual(['texas-gulflink']);
    expectUserError('zzzzzz-qqqq', 'project_not_found', many);
  });

  it('reports a very common prefix as ambiguous without listing everything', () => {
    const err = expectUserError('project', 'ambiguous_project', many);
    expect(err.details.matches).toHaveLength(5);
  });
});

describe('resolveProjectRef: Japanese slugs', () => {
  const JAPANESE: readonly Project[] = [
    project(1, 'テキサス-ガルフリンク', 'テキサス・ガルフリンク'),
    project(2, 'テキサス-lng', 'テキサスLNG'),
    project(3, '米国-送電網', '米国・送電網'),
    project(4, 'alaska-lng', 'Alaska LNG'),
  ];
  const slugIn = (ref: string) => resolveProjectRef(ref, JAPANESE).slug;
  const notFound = (ref: string) => expectUserError(ref, 'project_not_found', JAPANESE).details.suggestions;

  it('finds the exact slug, the name, and the slug typed the way the name is', () => {
    expect(slugIn('テキサス-ガルフリンク')).toBe('テキサス-ガルフリンク');
    expect(slugIn('テキサス・ガルフリンク')).toBe('テキサス-ガルフリンク');
    expect(slugIn('テキサス　ガルフリンク')).toBe('テキサス-ガルフリンク');
    expect(slugIn('ﾃｷｻｽ･ｶﾞﾙﾌﾘﾝｸ')).toBe('テキサス-ガルフリンク');
  });

  it('finds a unique prefix, and reports a shared one as ambiguous', () => {
    expect(slugIn('テキサス-ガ')).toBe('テキサス-ガルフリンク');
    expect(slugIn('米国')).toBe('米国-送電網');
    expect(slugIn('テキサス-l')).toBe('テキサス-lng');
    expect(expectUserError('テキサス', 'ambiguous_project', JAPANESE).details.matches).toEqual(['テキサス-lng', 'テキサス-ガルフリンク']);
  });

  it('suggests a Japanese slug a typo away, and by a part of the name', () => {
    expect(notFound('テキサス-ガルフリング')).toEqual(['テキサス-ガルフリンク']);
    expect(notFound('送電')).toEqual(['米国-送電網']);
    expect(notFound('ガルフ')).toEqual(['テキサス-ガルフリンク']);
  });
});
