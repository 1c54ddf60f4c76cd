import type { BankItem } from './bank-item';

export type Depth = BankItem['depths'][number];
type Archetype = BankItem['archetypes'][number];

/** An item as written in an archetype's file: the archetype and depth tags are added unless the item names its own. */
export type Draft = BankItem extends infer T
  ? T extends unknown
    ? Omit<T, 'archetypes' | 'depths'> & { archetypes?: BankItem['archetypes']; depths?: Depth[] }
    : never
  : never;

/** Tags every draft of one depth with the archetype of the file it is written in. */
export function scopedFor(archetype: Archetype): (depth: Depth, drafts: Draft[]) => BankItem[] {
  return (depth, drafts) => drafts.map((d) => ({ archetypes: [archetype], depths: [depth], ...d }) as BankItem);
}
