/** A project whose clock is running, as the timeline, its test, its benchmark and the README picture draw it. */
import type { Project } from '../../src/domain/project.ts';

export function runningProject(p: Pick<Project, 'number' | 'name' | 'noticeOn'> & Partial<Project>): Project {
  return {
    id: p.number,
    workspaceId: 'T1',
    slug: `p${p.number}`,
    dealCode: 'JP',
    sector: null,
    sponsor: null,
    location: null,
    costUsd: null,
    costQualifier: null,
    stage: 'selected',
    announcedOn: null,
    noticeDueOn: null,
    dueOn: null,
    calendar: null,
    fundedOn: null,
    fundedUsd: null,
    declinedOn: null,
    withdrawnOn: null,
    closedReason: null,
    channelId: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...p,
  };
}
