/**
 * The competencies a synthesis rates, per job archetype. Each groups question topics (the bank's topic ids; a
 * model-written or host-written question's topic is matched by its words), so the offline synthesis can average the
 * scores of a competency's questions and the model is asked to rate exactly these, nothing about the person.
 */
import type { JobArchetype } from '../archetypes';

export interface Competency {
  id: string;
  label: string;
  /** Topic ids, and words a free-text topic is matched by. */
  topics: readonly string[];
}

/** Coding questions are rated here whatever their topic: the code ran, or it did not. */
export const CODING_COMPETENCY: Competency = { id: 'coding', label: 'Coding', topics: [] };
/** Questions whose topic matches no competency of the archetype. */
export const BREADTH_COMPETENCY: Competency = { id: 'breadth', label: 'Technical breadth', topics: [] };

const c = (id: string, label: string, topics: string): Competency => ({ id, label, topics: topics.split(' ') });

const BY_ARCHETYPE: Record<JobArchetype, readonly Competency[]> = {
  frontend: [
    c('language', 'JavaScript and TypeScript', 'javascript-core async-javascript typescript dom-events memory browser-apis'),
    c('ui', 'UI, layout and accessibility', 'css-layout css-cascade css-architecture accessibility html-semantics responsive-design design-systems internationalization'),
    c('frameworks', 'React and state', 'react-state react-basics react-hooks react-rendering react-concurrency state-management routing'),
    c('platform', 'Performance, network and platform', 'performance networking browser-rendering caching service-workers rendering-strategies offline-sync browser-storage realtime-collaboration'),
    c('engineering', 'Engineering practice', 'testing security build-tooling architecture observability'),
  ],
  backend: [
    c('data', 'Data and storage', 'databases caching'),
    c('apis', 'API design', 'api-design'),
    c('systems', 'Distributed systems and concurrency', 'concurrency messaging distributed-systems'),
    c('performance', 'Performance', 'performance'),
  ],
  fullstack: [
    c('apis', 'APIs and HTTP', 'api-design http validation rate-limiting auth'),
    c('data', 'Data modelling and storage', 'databases data-modeling distributed-data data-migration search caching multi-tenancy'),
    c('frontend', 'Frontend integration', 'frontend-integration rendering-architecture realtime'),
    c('operations', 'Reliability and operations', 'deployment observability reliability scalability performance scheduling event-driven node-runtime'),
    c('engineering', 'Engineering practice', 'architecture security testing tooling'),
  ],
  mobile: [
    c('platform', 'Platform and lifecycle', 'lifecycle background-work battery memory startup permissions push-notifications media'),
    c('ui', 'UI and navigation', 'ui-layout navigation accessibility state-management cross-platform'),
    c('data', 'Networking and offline data', 'networking storage offline-sync realtime api-evolution concurrency'),
    c('delivery', 'Release and quality', 'app-distribution release app-size testing observability performance'),
    c('security', 'Security and privacy', 'security privacy architecture'),
  ],
  'data-engineer': [
    c('sql', 'SQL and modelling', 'sql data-modeling'),
    c('pipelines', 'Pipelines and streaming', 'pipelines streaming distributed-processing'),
    c('quality', 'Storage and data quality', 'storage-formats data-quality'),
  ],
  'data-scientist': [
    c('statistics', 'Statistics and inference', 'statistics causal-inference experimentation'),
    c('modelling', 'Modelling', 'modeling feature-engineering'),
    c('evaluation', 'Model evaluation', 'model-evaluation'),
  ],
  'ml-engineer': [
    c('fundamentals', 'ML fundamentals', 'ml-fundamentals deep-learning training'),
    c('evaluation', 'Model evaluation', 'model-evaluation'),
    c('production', 'MLOps and serving', 'mlops serving feature-pipelines'),
  ],
  'devops-sre': [
    c('reliability', 'Reliability and incidents', 'reliability incident-response observability'),
    c('platform', 'Platforms and infrastructure', 'kubernetes infrastructure-as-code ci-cd'),
    c('systems', 'Linux and networking', 'linux networking'),
  ],
  'qa-automation': [
    c('strategy', 'Test strategy and design', 'test-strategy test-design'),
    c('automation', 'Automation', 'automation-frameworks api-testing ci flaky-tests'),
    c('performance', 'Performance testing', 'performance-testing'),
  ],
  'security-engineer': [
    c('crypto', 'Cryptography and identity', 'cryptography identity-access'),
    c('appsec', 'Application security', 'web-security secure-coding threat-modeling'),
    c('operations', 'Network and security operations', 'network-security security-operations'),
  ],
};

export function competenciesOf(archetype: JobArchetype): Competency[] {
  return [...BY_ARCHETYPE[archetype], BREADTH_COMPETENCY, CODING_COMPETENCY];
}

/** The competency a question is rated under: coding → Coding; an exact topic id; a topic sharing a word; else breadth. */
export function competencyFor(archetype: JobArchetype, question: { kind: string; topic: string }): Competency {
  if (question.kind === 'coding') return CODING_COMPETENCY;
  const list = BY_ARCHETYPE[archetype];
  const topic = question.topic.toLowerCase();
  const exact = list.find((comp) => comp.topics.includes(topic));
  if (exact) return exact;
  const words = new Set(topic.split(/[^a-z0-9]+/).filter((w) => w.length > 2));
  const partial = list.find((comp) => comp.topics.some((t) => t.split('-').some((w) => words.has(w))));
  return partial ?? BREADTH_COMPETENCY;
}
