// `npm run fit`: fits the advisor's decision weights on the in-repo labelled decisions and writes them to
// src/knowledge/data/fitted-weights.json (the runtime only reads that table). Prints the cross-validated figures.
import { writeFileSync } from 'node:fs';
import { FITTED_WEIGHTS_PATH } from '../src/advisor/fitted-model.ts';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.ts';
import { fitAdvisor, LABELLED_SETS } from './advisor-model.ts';

const started = Date.now();
const { weights, calibration } = fitAdvisor(loadKnowledgeBase(), LABELLED_SETS.map((s) => s.path));
writeFileSync(FITTED_WEIGHTS_PATH, `${JSON.stringify(weights, null, 2)}\n`);
const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
console.log(`fitted on ${weights.fitted_on.cases} model rows (${weights.fitted_on.rust} Rust, ${weights.fitted_on.go} Go) from ${weights.fitted_on.files.join(', ')}`);
console.log(`lambda ${weights.lambda}, Platt a ${weights.platt.a}, ${Object.keys(weights.weights).length} non-zero weights`);
console.log(`${weights.cv.folds}-fold CV: agreement ${pct(calibration.accuracy)}, precision at >= 0.8 ${pct(calibration.highPrecision)} (${calibration.highCount} answers), ECE ${calibration.ece.toFixed(3)}`);
console.log(`wrote ${FITTED_WEIGHTS_PATH} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
