// Loads the knowledge base from its YAML data files, validates each with zod and then checks the
// cross-references between files, so a broken edit stops start-up with a message that says where.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessmentsFileSchema, type Assessment } from './assessment.ts';
import { constraintsFileSchema, type ConstraintSignal } from './constraint-signal.ts';
import { CRITERION_IDS, criteriaFileSchema, type Criterion } from './criterion.ts';
import { factsFileSchema, type Fact } from './fact.ts';
import { kbMetaSchema, type KbMeta } from './kb-meta.ts';
import { KnowledgeFileError, loadDataFile } from './load-data-file.ts';
import { workloadsFileSchema, type WorkloadProfile } from './workload-profile.ts';

export interface KnowledgeBase {
  /** Same as meta.version; kept flat because every footer shows it. */
  version: string;
  /** Same as meta.last_reviewed. */
  reviewed: string;
  meta: KbMeta;
  criteria: Criterion[];
  assessments: Assessment[];
  workloads: WorkloadProfile[];
  constraints: ConstraintSignal[];
  facts: Fact[];
}

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export function loadKnowledgeBase(dir: string = DEFAULT_DATA_DIR): KnowledgeBase {
  const meta = loadDataFile(join(dir, 'meta.yaml'), kbMetaSchema);
  const criteria = loadDataFile(join(dir, 'criteria.yaml'), criteriaFileSchema);
  const assessments = loadDataFile(join(dir, 'assessments.yaml'), assessmentsFileSchema);
  const workloads = loadDataFile(join(dir, 'workloads.yaml'), workloadsFileSchema);
  const constraints = loadDataFile(join(dir, 'constraints.yaml'), constraintsFileSchema);
  const factsPath = join(dir, 'facts.yaml');
  const facts = existsSync(factsPath) ? loadDataFile(factsPath, factsFileSchema).facts : [];
  const kb: KnowledgeBase = {
    version: meta.version,
    reviewed: meta.last_reviewed,
    meta,
    criteria,
    assessments,
    workloads,
    constraints,
    facts,
  };
  checkCrossReferences(kb);
  return kb;
}

function entryName(id: string, index: number): string {
  return `"${id}" (#${index + 1})`;
}

function firstDuplicate<T extends { id: string }>(items: readonly T[]): { id: string; index: number } | undefined {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (seen.has(item.id)) return { id: item.id, index };
    seen.add(item.id);
  }
  return undefined;
}

/** Checks what no single file's schema can: ids unique and complete, and every reference resolvable. */
function checkCrossReferences(kb: KnowledgeBase): void {
  // Criteria: exactly the eleven ids of the evaluation vocabulary, each once; sub-criteria belong to one id.
  const dupCriterion = firstDuplicate(kb.criteria);
  if (dupCriterion) throw new KnowledgeFileError('criteria.yaml', entryName(dupCriterion.id, dupCriterion.index), 'id', 'duplicate criterion id');
  for (const id of CRITERION_IDS) {
    if (!kb.criteria.some((c) => c.id === id)) throw new KnowledgeFileError('criteria.yaml', undefined, undefined, `criterion "${id}" is missing`);
  }
  const subOwner = new Map<string, string>();
  for (const [index, criterion] of kb.criteria.entries()) {
    for (const [subIndex, sub] of criterion.sub_criteria.entries()) {
      const owner = subOwner.get(sub.id);
      if (owner !== undefined) {
        throw new KnowledgeFileError('criteria.yaml', entryName(criterion.id, index), `sub_criteria.${subIndex}.id`, `sub-criterion "${sub.id}" already belongs to "${owner}"`);
      }
      subOwner.set(sub.id, criterion.id);
    }
  }

  // Assessments: unique ids, a default for every criterion, only context tags that some signal can switch on.
  const dupAssessment = firstDuplicate(kb.assessments);
  if (dupAssessment) throw new KnowledgeFileError('assessments.yaml', entryName(dupAssessment.id, dupAssessment.index), 'id', 'duplicate assessment id');
  for (const id of CRITERION_IDS) {
    if (!kb.assessments.some((a) => a.criterion === id && a.when.length === 0)) {
      throw new KnowledgeFileError('assessments.yaml', undefined, undefined, `criterion "${id}" has no default assessment (one with when: [])`);
    }
  }
  const produced = new Set<string>([...kb.workloads.flatMap((w) => w.contexts), ...kb.constraints.flatMap((c) => c.contexts)]);
  for (const [index, a] of kb.assessments.entries()) {
    for (const [tagIndex, tag] of a.when.entries()) {
      if (!produced.has(tag)) {
        throw new KnowledgeFileError('assessments.yaml', entryName(a.id, index), `when.${tagIndex}`, `context "${tag}" is never set by a workload or constraint`);
      }
    }
  }
  const consumed = new Set(kb.assessments.flatMap((a) => a.when));
  const checkConsumed = (file: string, items: readonly { id: string; contexts: string[] }[]): void => {
    for (const [index, item] of items.entries()) {
      for (const [tagIndex, tag] of item.contexts.entries()) {
        if (!consumed.has(tag)) {
          throw new KnowledgeFileError(file, entryName(item.id, index), `contexts.${tagIndex}`, `context "${tag}" is not used by any assessment (typo?)`);
        }
      }
    }
  };
  checkConsumed('workloads.yaml', kb.workloads);
  checkConsumed('constraints.yaml', kb.constraints);

  // Signals: one namespace across workloads and constraints, so "Read as" and flips are unambiguous.
  const signals = [...kb.workloads.map((w) => ({ id: w.id, file: 'workloads.yaml' })), ...kb.constraints.map((c) => ({ id: c.id, file: 'constraints.yaml' }))];
  const seen = new Set<string>();
  for (const [index, s] of signals.entries()) {
    if (seen.has(s.id)) {
      const local = s.file === 'workloads.yaml' ? index : index - kb.workloads.length;
      throw new KnowledgeFileError(s.file, entryName(s.id, local), 'id', 'id already used by another workload or constraint');
    }
    seen.add(s.id);
  }
  for (const [index, c] of kb.constraints.entries()) {
    for (const [refIndex, ref] of c.superseded_by.entries()) {
      if (!seen.has(ref)) throw new KnowledgeFileError('constraints.yaml', entryName(c.id, index), `superseded_by.${refIndex}`, `unknown signal "${ref}"`);
    }
  }
  const workloadIds = new Set(kb.workloads.map((w) => w.id));
  for (const [index, w] of kb.workloads.entries()) {
    for (const [named, readsAs] of Object.entries(w.reads_as_with)) {
      for (const ref of [named, readsAs]) {
        if (!workloadIds.has(ref)) throw new KnowledgeFileError('workloads.yaml', entryName(w.id, index), `reads_as_with.${named}`, `unknown workload "${ref}"`);
      }
    }
    for (const [refIndex, ref] of (w.ambiguous_phrases?.needs ?? []).entries()) {
      if (!seen.has(ref)) throw new KnowledgeFileError('workloads.yaml', entryName(w.id, index), `ambiguous_phrases.needs.${refIndex}`, `unknown signal "${ref}"`);
    }
  }
}
