/** Job archetypes and cognitive depths a host can plan an interview for. */
export const JOB_ARCHETYPES = [
  { id: 'frontend', label: 'Frontend engineer' },
  { id: 'backend', label: 'Backend engineer' },
  { id: 'fullstack', label: 'Full-stack engineer' },
  { id: 'mobile', label: 'Mobile engineer' },
  { id: 'data-engineer', label: 'Data engineer' },
  { id: 'data-scientist', label: 'Data scientist' },
  { id: 'ml-engineer', label: 'ML engineer' },
  { id: 'devops-sre', label: 'DevOps / SRE' },
  { id: 'qa-automation', label: 'QA / test automation' },
  { id: 'security-engineer', label: 'Security engineer' },
] as const;

export type JobArchetype = (typeof JOB_ARCHETYPES)[number]['id'];
export const ARCHETYPE_IDS = JOB_ARCHETYPES.map((a) => a.id) as [JobArchetype, ...JobArchetype[]];

export const COGNITIVE_DEPTHS = [
  { id: 'standard', label: 'Standard' },
  { id: 'advanced', label: 'Advanced' },
  { id: 'expert', label: 'Expert' },
] as const;

export type CognitiveDepth = (typeof COGNITIVE_DEPTHS)[number]['id'];
export const DEPTH_IDS = COGNITIVE_DEPTHS.map((d) => d.id) as [CognitiveDepth, ...CognitiveDepth[]];

export function archetypeLabel(id: JobArchetype): string {
  return JOB_ARCHETYPES.find((a) => a.id === id)?.label ?? id;
}

export function depthLabel(id: CognitiveDepth): string {
  return COGNITIVE_DEPTHS.find((d) => d.id === id)?.label ?? id;
}

export const MIN_DURATION_MIN = 15;
export const MAX_DURATION_MIN = 120;
