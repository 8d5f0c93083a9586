// `npm run eval`: how often the advisor agrees with real teams' documented decisions, and why not; the
// reading probes; then the honest figures: 5-fold cross-validation of the fitted advisor, high-confidence
// precision and a reliability table. Reads only files in the repository.
// `npm run eval -- --cases FILE` scores one other labelled file instead (no cross-validation).
// It ends with the issue-11 gates, each met or NOT MET, and exits 0 once the report is printed: it is a
// measurement a new clone runs, not a check that the figures are good. `--strict` exits 1 while a gate is unmet
// (for a pipeline that wants to hold a release on them).
import { existsSync } from 'node:fs';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.ts';
import { compileKb } from '../src/advisor/compiled-kb.ts';
import { loadFittedWeights } from '../src/advisor/fitted-model.ts';
import { buildRows, calibrationOf, crossValidate, HIGH, LABELLED_SETS, readLabelled, uniqueCases } from './advisor-model.ts';
import { evaluate, formatReport, readCases, reportOf } from './evaluate-advisor.ts';
import { PROBES_PATH, formatProbeReport, runProbes } from './reading-probes.ts';

// The weights are fitted on every labelled set, so each figure above is in-sample. On the documented decisions the
// 90% bar can only be bought by memorising how their questions were written (docs/knowledge.md, "Why the in-sample
// bar on the documented decisions is not chased"); the cross-validated and blind figures are the honest ones.
const FITTING_SET_NOTE = 'in-sample, on the bulk of the data the weights are fitted on; not chased (docs/knowledge.md): read the 5-fold CV figure';
const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const kb = loadKnowledgeBase();
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const positional = args.filter((a) => a !== '--strict');
const casesFlag = positional.indexOf('--cases');
const only = casesFlag >= 0 ? positional[casesFlag + 1] : positional[0];

/** Prints each gate as met or NOT MET (with why, when a note says); with --strict an unmet gate makes the exit code 1. */
function reportGates(gates: readonly { name: string; met: boolean; note?: string }[]): void {
  console.log('\n=== gates (issue 11)');
  for (const g of gates) console.log(`${g.met ? 'met    ' : 'NOT MET'}  ${g.name}${g.note && !g.met ? `\n         ${g.note}` : ''}`);
  const unmet = gates.filter((g) => !g.met).length;
  if (unmet > 0) console.log(strict ? `${unmet} gate(s) not met: exit 1 (--strict)` : `${unmet} gate(s) not met (the run itself succeeded; --strict exits 1 on this)`);
  process.exitCode = strict && unmet > 0 ? 1 : 0;
}

if (only) {
  const report = evaluate(kb, readCases(only));
  console.log(`eval set: ${only}`);
  console.log(formatReport(report));
  reportGates([
    { name: 'agreement >= 90%', met: report.agreement >= 0.9 },
    { name: 'reasons on point >= 90%', met: report.reasonsOnPoint >= 0.9 },
  ]);
} else {
  const gates: { name: string; met: boolean; note?: string }[] = [];
  const summary: string[] = [];
  for (const set of LABELLED_SETS) {
    const report = evaluate(kb, readCases(set.path));
    console.log(`\n=== ${set.name}: ${set.path.slice(set.path.lastIndexOf('tests/'))}`);
    console.log(formatReport(report));
    summary.push(`${set.name.padEnd(28)} ${String(report.cases.length).padStart(4)} cases  agreement ${pct(report.agreement).padStart(6)}  reasons on point ${pct(report.reasonsOnPoint).padStart(6)}`);
    gates.push({ name: `${set.name}: agreement >= 90% and reasons on point >= 90%`, met: report.agreement >= 0.9 && report.reasonsOnPoint >= 0.9, ...(set.fittingSet ? { note: FITTING_SET_NOTE } : {}) });
  }
  if (existsSync(PROBES_PATH)) {
    const probes = runProbes(kb);
    console.log(`\n=== reading probes: tests/fixtures/probes.jsonl`);
    console.log(formatProbeReport(probes));
    summary.push(`${'reading probes'.padEnd(28)} ${String(probes.results.length).padStart(4)} probes  passing ${pct(probes.passRate)}`);
  }

  // The honest figure: every labelled case answered by an advisor whose weights never saw it.
  const compiled = compileKb(kb);
  const weights = loadFittedWeights();
  const allCases = uniqueCases(LABELLED_SETS.flatMap((s) => readLabelled(s.path)));
  const cv = crossValidate(compiled, buildRows(compiled, allCases), weights.lambda, weights.platt.a, weights.calibration);
  const cal = calibrationOf(cv);
  const cvReport = reportOf(allCases.map((c) => ({ ...c, criteria: c.criteria })), cv.map((r) => r.advice));
  console.log(`\n=== 5-fold cross-validation (stratified by label; lambda ${weights.lambda}, Platt a ${weights.platt.a}, reliability map of ${weights.calibration.length} bins) over ${allCases.length} labelled cases`);
  console.log(`CV agreement: ${pct(cvReport.agreement)}   CV reasons on point: ${pct(cvReport.reasonsOnPoint)}`);
  // The confusion of the cross-validated answers: hybrids are the weak class, so their row is the one to watch.
  const cvLabels = (['rust', 'go', 'hybrid', 'none'] as const).filter((l) => Object.values(cvReport.confusion).some((row) => (row[l] ?? 0) > 0) || Object.values(cvReport.confusion[l] ?? {}).some((n) => n > 0));
  console.log('CV confusion (rows: team chose, columns: advisor said):');
  console.log(`         ${cvLabels.map((l) => l.padStart(7)).join('')}`);
  for (const e of cvLabels) console.log(`  ${e.padEnd(7)}${cvLabels.map((g) => String(cvReport.confusion[e]?.[g] ?? 0).padStart(7)).join('')}`);
  console.log(`CV precision at confidence >= ${HIGH}: ${pct(cal.highPrecision)} (${cal.highCount} answers)`);
  console.log(`CV expected calibration error (ECE): ${cal.ece.toFixed(3)}`);
  console.log('reliability table (cross-validated; "none" answers left out):');
  console.log('  confidence    n   stated  observed');
  for (const b of cal.bins) console.log(`  ${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.n).padStart(5)}  ${b.n ? b.stated.toFixed(2).padStart(7) : '      -'}  ${b.n ? b.observed.toFixed(2).padStart(8) : '       -'}`);

  // In-sample precision of the shipped weights, for comparison with the CV figure.
  const inSample = LABELLED_SETS.flatMap((s) => evaluate(kb, readCases(s.path)).cases);
  const high = inSample.filter((r) => r.confidence >= HIGH && r.got !== 'none');
  const highPrecision = high.length ? high.filter((r) => r.agree).length / high.length : null;
  console.log(`\n=== summary (the weights are fitted on all ${LABELLED_SETS.length} labelled sets: their lines are in-sample; the CV line is the honest figure)`);
  for (const line of summary) console.log(line);
  console.log(`${'in-sample precision >= 0.8'.padEnd(28)} ${pct(highPrecision)} (${high.length} answers)`);
  console.log(`${'5-fold CV agreement'.padEnd(28)} ${pct(cvReport.agreement)}  precision >= 0.8 ${pct(cal.highPrecision)}  ECE ${cal.ece.toFixed(3)}`);
  gates.push({ name: 'precision at confidence >= 0.8 >= 95%, in-sample and cross-validated', met: (highPrecision ?? 1) >= 0.95 && (cal.highPrecision ?? 1) >= 0.95 });
  reportGates(gates);
}
