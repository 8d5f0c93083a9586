// A kind of backend component (edge gateway, CRUD API, ...): the criteria weights it implies and the words that signal it.
import { z } from 'zod';
import { criterionIdSchema } from './criterion.ts';
import { sourceSchema } from './source.ts';

const kebabId = z.string().regex(/^[a-z0-9-]+$/, 'a kebab-case id');

/** How much each criterion matters for this workload, 0 (irrelevant) to 5 (decisive); a missing criterion counts 1 (interop 0.3). */
const criterionWeightsSchema = z.partialRecord(criterionIdSchema, z.number().min(0).max(5));

export const hybridSplitSchema = z.object({
  rust: z.string().min(3),
  go: z.string().min(3),
});

const workloadProfileSchema = z.object({
  id: kebabId,
  /** Shown to the user in "Read as: ..." so they can correct it. */
  name: z.string().min(3),
  /** Words and phrases that signal this workload (any casing; plurals and small typos are matched). */
  phrases: z.array(z.string().min(2)).min(2),
  /** Data-plane components sit on the hot path; control-plane ones configure and orchestrate them. */
  role: z.enum(['data-plane', 'control-plane', 'any']).default('any'),
  weights: criterionWeightsSchema,
  /** Context tags that select contextual assessments (e.g. gc-sensitive, k8s). */
  contexts: z.array(z.string().min(2)).default([]),
  /** A catch-all (e.g. "service"): ignored when the question names a more specific workload. */
  generic: z.boolean().default(false),
  /** A workload that is itself two components pulling apart (e.g. a whole service mesh). */
  hybrid: hybridSplitSchema.optional(),
  /**
   * Read as another workload when the question also names a given one: { <named workload>: <read as> }.
   * A sidecar in a question about a service mesh is the mesh's proxy, elsewhere an app-facing helper.
   */
  reads_as_with: z.record(kebabId, kebabId).default({}),
  /**
   * Words that name this workload only beside one of the `needs` signals: "operator" is a Kubernetes operator
   * next to "Kubernetes" or "CRD", elsewhere a chain's node operator or a person.
   */
  ambiguous_phrases: z.object({ phrases: z.array(z.string().min(1)).min(1), needs: z.array(kebabId).min(1) }).optional(),
  /** What real teams chose for this workload, with sources (shown by `compare`/`sources`, keeps weights honest). */
  precedents: z.array(z.object({ text: z.string().min(10), sources: z.array(sourceSchema).min(1) })).default([]),
});
export type WorkloadProfile = z.infer<typeof workloadProfileSchema>;

export const workloadsFileSchema = z.array(workloadProfileSchema);

